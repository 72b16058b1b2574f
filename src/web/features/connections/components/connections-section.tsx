import { useQuery } from '@tanstack/react-query';
import { SectionCard } from '../../../components/ui/card';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { Skeleton } from '../../../components/ui/skeleton';
import { connectionQueries, useActiveConnection } from '../../../lib/connections';
import type { Connection } from '@contract';
import { useSwitchConnection } from '../api/use-switch-connection';
import { ConnectionRow } from './connection-row';

/** Every connection this console knows, the local host first, each with a test call and its changes. */
export function ConnectionsSection() {
  const list = useQuery(connectionQueries.list());
  const active = useActiveConnection();
  const switchTo = useSwitchConnection();

  const onRemoved = (removed: Connection) => {
    // The console must not go on talking to a connection that no longer exists.
    const local = list.data?.find((c) => c.kind === 'local');
    if (removed.name === active.name && local) switchTo.mutate(local);
  };

  return (
    <SectionCard
      title="Connections"
      description="The local host and the Foundry projects the console can switch to. Kept on the console’s server, for every browser that uses it."
    >
      {list.isPending ? (
        <div aria-busy="true" aria-label="Loading connections" className="space-y-3">
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
        </div>
      ) : list.isError ? (
        <RefetchErrorPanel query={list} title="Could not load the connections" />
      ) : (
        <ul aria-label="Connections" className="divide-y">
          {list.data.map((connection) => (
            <ConnectionRow
              key={connection.name}
              connection={connection}
              active={connection.name === active.name}
              switching={switchTo.isPending}
              onSwitch={(c) => switchTo.mutate(c)}
              onRemoved={onRemoved}
            />
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
