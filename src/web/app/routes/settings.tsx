import { PageHeader } from '../../components/ui/page-header';
import { ConnectionForm } from '../../features/connections/components/connection-form';

export function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Choose the agent host or Foundry project the console talks to, and test it before you switch."
      />
      <ConnectionForm />
    </>
  );
}
