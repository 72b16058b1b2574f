import { Inbox, ListFilter, Plus } from 'lucide-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths';
import { Button, buttonVariants } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { RefreshButton } from '../../../components/refresh-button';
import { ApiError } from '../../../lib/api-client';
import { isTransient } from '../api/session-queries';
import { usePendingSessionActions } from '../hooks/use-pending-session-actions';
import { useSessionActions } from '../hooks/use-session-actions';
import { useSessionList } from '../hooks/use-session-list';
import { readListSearch, writeListSearch, type ListSearch } from '../model/list-search';
import { STATUS_INFO } from '../model/status-info';
import { CreateSessionDialog } from './create-session-dialog';
import { DeleteSessionDialog } from './delete-session-dialog';
import { FreshnessNote } from './freshness-note';
import { SessionActionError } from './session-action-error';
import { SessionListControls } from './session-list-controls';
import { FirstPageLink, SessionsPager } from './sessions-pager';
import { SessionsTable, SessionsTableSkeleton } from './sessions-table';
import { StopSessionDialog } from './stop-session-dialog';

/** An agent's sessions: one page by cursor, its controls in the URL, stop and delete per row. */
export function SessionsPanel({ agent }: { agent: string }) {
  const [search, setSearch] = useSearchParams();
  const view = readListSearch(search);
  const { params, status } = view;
  const go = (next: ListSearch) => setSearch(writeListSearch(next));

  const list = useSessionList(agent, params);
  const pending = usePendingSessionActions(agent);
  const actions = useSessionActions(agent);
  const [creating, setCreating] = useState(false);
  // A failure that lands after its dialog was closed is shown above the table instead of being lost.
  const { strayFailure } = actions;

  const data = list.data;
  const rows = data?.data ?? [];
  const shown = status ? rows.filter((s) => s.status === status) : rows;
  const polling = rows.some((s) => isTransient(s.status));
  const hasCursor = Boolean(params.after ?? params.before);

  return (
    <section aria-labelledby="sessions-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h2 id="sessions-heading" className="text-lg font-semibold tracking-tight">
            Sessions
          </h2>
          <FreshnessNote updatedAt={list.dataUpdatedAt} polling={polling} fetching={list.isFetching} />
        </div>
        <Button onClick={() => setCreating(true)}>
          <Plus aria-hidden="true" />
          Create session
        </Button>
      </div>

      <div className="flex flex-wrap items-end justify-between gap-3">
        <SessionListControls view={view} rows={rows} onChange={go} />
        <RefreshButton query={list} />
      </div>

      {strayFailure ? (
        <div className="space-y-2">
          <SessionActionError error={strayFailure.error} />
          <Button variant="ghost" size="sm" onClick={() => strayFailure.reset()}>
            Dismiss
          </Button>
        </div>
      ) : null}

      {list.isError ? (
        <RefetchErrorPanel
          query={list}
          title={
            list.error instanceof ApiError && list.error.status === 404
              ? `Agent ${agent} was not found`
              : data
                ? 'Refreshing the sessions failed; showing the last page that loaded'
                : 'The sessions could not be loaded'
          }
        >
          {hasCursor ? <FirstPageLink view={view} small /> : null}
          {list.error instanceof ApiError && list.error.status === 404 ? (
            <Link to={paths.agents.getHref()} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
              All agents
            </Link>
          ) : null}
        </RefetchErrorPanel>
      ) : null}

      {list.isPending ? (
        <>
          <span className="sr-only" role="status">
            Loading sessions…
          </span>
          <SessionsTableSkeleton />
        </>
      ) : data && rows.length === 0 ? (
        hasCursor ? (
          <EmptyState icon={Inbox} title="No sessions on this page">
            <p>The sessions around this page were deleted or expired since the link was made.</p>
            <FirstPageLink view={view} />
          </EmptyState>
        ) : (
          <EmptyState icon={Inbox} title="No sessions yet">
            <p>A session is one conversation with {agent}: its own sandbox, files and agent process.</p>
            <Button className="mt-5" onClick={() => setCreating(true)}>
              <Plus aria-hidden="true" />
              Create session
            </Button>
          </EmptyState>
        )
      ) : data && shown.length === 0 ? (
        <EmptyState
          icon={ListFilter}
          title={`No ${STATUS_INFO[status ?? 'active'].label.toLowerCase()} sessions on this page`}
        >
          <p>The filter applies to the {rows.length} sessions loaded on this page.</p>
          <Button variant="secondary" className="mt-5" onClick={() => go({ params })}>
            Show all statuses
          </Button>
        </EmptyState>
      ) : data ? (
        <SessionsTable
          loading={list.isPlaceholderData}
          agent={agent}
          sessions={shown}
          caption={`Sessions of ${agent}, ${params.order === 'desc' ? 'newest' : 'oldest'} first${status ? `, ${status} only` : ''}`}
          pending={pending}
          onStop={(sessionId) => actions.ask('stop', sessionId)}
          onDelete={(sessionId) => actions.ask('delete', sessionId)}
        />
      ) : null}

      {data && rows.length > 0 ? <SessionsPager view={view} page={data} shownCount={shown.length} /> : null}

      <CreateSessionDialog agent={agent} open={creating} onClose={() => setCreating(false)} />
      <StopSessionDialog agent={agent} actions={actions} />
      <DeleteSessionDialog agent={agent} actions={actions} />
    </section>
  );
}
