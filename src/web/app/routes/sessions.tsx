import { useParams } from 'react-router';
import { AgentTabs } from '../../features/agents/components/agent-tabs';
import { SessionsPanel } from '../../features/sessions/components/sessions-panel';

export function SessionsPage() {
  const { agentName = '' } = useParams();
  return (
    <>
      <AgentTabs agentName={agentName} current="sessions" />
      {/* Keyed by agent so paging state, dialogs and pending rows never carry over to another agent. */}
      <SessionsPanel key={agentName} agent={agentName} />
    </>
  );
}
