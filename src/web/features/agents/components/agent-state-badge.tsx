import type { AgentState } from '@contract';
import { Badge } from '../../../components/ui/badge';

export function AgentStateBadge({ state, className }: { state: AgentState; className?: string }) {
  return (
    <Badge variant={state === 'enabled' ? 'success' : 'neutral'} dot className={className}>
      {state === 'enabled' ? 'Enabled' : 'Disabled'}
    </Badge>
  );
}
