import { Bot } from 'lucide-react';
import { EmptyState } from '../../components/ui/empty-state';
import { PageHeader } from '../../components/ui/page-header';

export function AgentsPage() {
  return (
    <>
      <PageHeader title="Agents" />
      <EmptyState icon={Bot} title="Not available yet">
        The list of agents, with their versions and sessions, comes in a later version of the console.
      </EmptyState>
    </>
  );
}
