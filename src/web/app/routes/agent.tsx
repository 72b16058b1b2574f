import { useParams } from 'react-router';
import { AgentOverview } from '../../features/agents/components/agent-overview';
import { TryAgentButton } from '../../features/sessions/components/try-agent-button';

export function AgentPage() {
  const { agentName = '' } = useParams();
  return (
    <AgentOverview
      agentName={agentName}
      tryIt={(agent) => <TryAgentButton agent={agent.name} disabled={agent.state === 'disabled'} />}
    />
  );
}
