import { PageHeader } from '../../components/ui/page-header';
import { AccessForm } from '../../features/connections/components/access-form';
import { AddConnectionForm } from '../../features/connections/components/add-connection-form';
import { ConnectionsSection } from '../../features/connections/components/connections-section';
import { CurrentConnection } from '../../features/connections/components/current-connection';
import { RequestSettingsForm } from '../../features/connections/components/request-settings-form';
import { HistoryUsageCard } from '../../features/history/components/history-usage-card';
import { UserLabelForm } from '../../features/activity/components/user-label-form';

export function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="The local host and the Foundry projects the console can talk to, and how this browser calls them."
      />
      <div className="space-y-6">
        <CurrentConnection />
        <ConnectionsSection />
        <AddConnectionForm />
        <RequestSettingsForm />
        <UserLabelForm />
        <AccessForm />
        <HistoryUsageCard />
      </div>
    </>
  );
}
