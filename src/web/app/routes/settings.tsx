import { Settings } from 'lucide-react';
import { EmptyState } from '../../components/ui/empty-state';
import { PageHeader } from '../../components/ui/page-header';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" />
      <EmptyState icon={Settings} title="Not available yet">
        Choosing the agent host or Foundry project to connect to comes in a later version of the console.
      </EmptyState>
    </>
  );
}
