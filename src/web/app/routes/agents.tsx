import { AgentList } from '../../features/agents/components/agent-list';

export function AgentsPage() {
  return <AgentList />;
}
