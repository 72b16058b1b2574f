import { useInfiniteQuery } from '@tanstack/react-query';
import { Download, History, ListFilter } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { RefreshButton } from '../../../components/refresh-button';
import { Button, buttonVariants } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { ApiError } from '../../../lib/api-client';
import { useSettings, useUserLabel } from '../../../lib/settings';
import { activityCsvHref, activityQueries } from '../api/activity-queries';
import {
  hasFilters,
  readActivitySearch,
  writeActivitySearch,
  type ActivityFilters,
} from '../model/activity-search';
import { ActivityFilterForm } from './activity-filters';
import { ActivityTable, ActivityTableSkeleton } from './activity-table';

/** The audit trail, newest first: its filters in the URL, older pages loaded below, and its CSV. */
export function ActivityView() {
  const [search, setSearch] = useSearchParams();
  const filters = readActivitySearch(search);
  const filtered = hasFilters(filters);
  const apply = (next: ActivityFilters) => setSearch(writeActivitySearch(next));
  const { connection } = useSettings();
  const label = useUserLabel();

  const list = useInfiniteQuery(activityQueries.list(filters));
  const entries = list.data?.pages.flatMap((page) => page.data) ?? [];
  const refused = list.error instanceof ApiError && list.error.status === 400 ? list.error.param : undefined;

  return (
    <div className="space-y-5">
      {label ? null : (
        <p className="text-sm text-muted-foreground">
          Your own calls show only the server’s user name.{' '}
          <Link
            to={paths.settings.getHref()}
            className="font-medium text-primary underline-offset-2 hover:underline"
          >
            Give your name in Settings
          </Link>{' '}
          so the log says which person made them.
        </p>
      )}

      {/* Remounted with each view, so the fields show what the URL says after back, forward or a link. */}
      <ActivityFilterForm key={search.toString()} filters={filters} invalid={refused} onApply={apply} />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {list.data
            ? `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}${list.hasNextPage ? ' so far' : ''}, newest first${filtered ? ', filtered' : ''}`
            : null}
        </p>
        <div className="flex flex-wrap gap-2">
          <RefreshButton query={list} />
          <a
            href={activityCsvHref(filters)}
            download
            className={buttonVariants({ variant: 'secondary' })}
            title="Every entry these filters select, as CSV"
          >
            <Download aria-hidden="true" />
            Export CSV
          </a>
        </div>
      </div>

      {list.isError ? (
        <RefetchErrorPanel
          query={list}
          title={
            list.data
              ? 'Loading more of the activity failed; showing what loaded'
              : 'The activity could not be loaded'
          }
        >
          {filtered ? (
            <Button variant="ghost" size="sm" onClick={() => apply({})}>
              Clear filters
            </Button>
          ) : null}
        </RefetchErrorPanel>
      ) : null}

      {list.isPending && !list.isError ? (
        <>
          <span className="sr-only" role="status">
            Loading activity…
          </span>
          <ActivityTableSkeleton />
        </>
      ) : list.data && entries.length === 0 ? (
        filtered ? (
          <EmptyState icon={ListFilter} title="No activity matches these filters">
            <p>Names, ids and connections must match exactly; a time range leaves out what is outside it.</p>
            <Button variant="secondary" className="mt-5" onClick={() => apply({})}>
              Clear filters
            </Button>
          </EmptyState>
        ) : (
          <EmptyState icon={History} title="No activity yet">
            <p>
              Every call through this console that changes something (creating, stopping or deleting a
              session, uploading or deleting a file, changing an agent or a connection) is recorded here.
            </p>
          </EmptyState>
        )
      ) : list.data ? (
        <>
          <ActivityTable
            entries={entries}
            connection={connection}
            caption={`Activity, newest first${filtered ? ', filtered' : ''}`}
          />
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button
                variant="secondary"
                onClick={() => void list.fetchNextPage()}
                disabled={list.isFetchingNextPage}
              >
                {list.isFetchingNextPage ? 'Loading older entries…' : 'Load older entries'}
              </Button>
            </div>
          ) : (
            <p className="text-center text-sm text-muted-foreground">No older entries.</p>
          )}
        </>
      ) : null}
    </div>
  );
}
