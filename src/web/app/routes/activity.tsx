import { PageHeader } from '../../components/ui/page-header';
import { ActivityView } from '../../features/activity/components/activity-view';

export function ActivityPage() {
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every call through this console that changed something: who, when, on which connection, what it did and how it ended."
      />
      <ActivityView />
    </>
  );
}
