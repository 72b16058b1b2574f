import { useMutation, useQuery } from '@tanstack/react-query';
import { ChevronLeft, ChevronRight, Inbox, ListFilter, Plus, RefreshCw } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AgentSession, List, SessionStatus } from '../../../../contract';
import { paths } from '../../../app/paths';
import { Button, buttonVariants } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/ui/empty-state';
import { controlClass } from '../../../components/ui/input';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { ApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/hooks/use-now';
import {
  isTransient,
  sessionMutations,
  sessionQueries,
  TRANSIENT_POLL_MS,
  type SessionListParams,
} from '../api/session-queries';
import { usePendingSessionActions } from '../api/use-pending-session-actions';
import { CreateSessionDialog } from './create-session-dialog';
import {
  PAGE_SIZES,
  readListSearch,
  SESSION_STATUSES,
  writeListSearch,
  type ListSearch,
} from './list-search';
import { SessionActionError } from './session-action-error';
import { DeleteWarning, SessionIdText } from './session-text';
import { SessionsTable, SessionsTableSkeleton } from './sessions-table';
import { STATUS_INFO } from './status-info';

type Confirm = { action: 'stop' | 'delete'; sessionId: string };

const SELECT = cn(controlClass, 'h-9 w-auto pr-8');

/** An agent's sessions: one page by cursor, its controls in the URL, stop and delete per row. */
export function SessionsPanel({ agent }: { agent: string }) {
  const [search, setSearch] = useSearchParams();
  const view = readListSearch(search);
  const { params, status } = view;
  const go = (next: ListSearch) => setSearch(writeListSearch(next));

  const list = useQuery({
    ...sessionQueries.list(agent, params),
    // Keeps the rows of the page being left on screen until the next one arrives, but never shows
    // another agent's rows under this agent's name.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === agent ? previous : undefined,
  });
  const pending = usePendingSessionActions(agent);
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const stop = useMutation(sessionMutations.stop(agent));
  const remove = useMutation(sessionMutations.delete(agent));

  const open = (next: Confirm) => {
    (next.action === 'stop' ? stop : remove).reset();
    setConfirm(next);
  };
  const run = () => {
    if (!confirm) return;
    const mutation = confirm.action === 'stop' ? stop : remove;
    mutation.mutate({ sessionId: confirm.sessionId }, { onSuccess: () => setConfirm(null) });
  };
  const active = confirm && (confirm.action === 'stop' ? stop : remove);
  const close = () => {
    // An error already read in the dialog need not come back above the table.
    if (active && !active.isPending) active.reset();
    setConfirm(null);
  };
  const dialogError =
    active?.isError && active.variables?.sessionId === confirm?.sessionId ? active.error : undefined;
  // A failure that lands after its dialog was closed is shown above the table instead of being lost.
  const strayFailure = [
    { mutation: stop, verb: 'stop' },
    { mutation: remove, verb: 'delete' },
  ].find(({ mutation }) => mutation.isError && mutation.variables?.sessionId !== confirm?.sessionId);

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
        <ListControls view={view} rows={rows} onChange={go} />
        <Button
          variant="secondary"
          onClick={() => void list.refetch()}
          disabled={list.isFetching}
          title="Refresh now"
        >
          <RefreshCw aria-hidden="true" className={cn(list.isFetching && 'animate-spin')} />
          Refresh now
        </Button>
      </div>

      {strayFailure ? (
        <div className="space-y-2">
          <SessionActionError error={strayFailure.mutation.error} />
          <Button variant="ghost" size="sm" onClick={() => strayFailure.mutation.reset()}>
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
          onStop={(sessionId) => open({ action: 'stop', sessionId })}
          onDelete={(sessionId) => open({ action: 'delete', sessionId })}
        />
      ) : null}

      {data && rows.length > 0 ? <Pager view={view} page={data} shownCount={shown.length} /> : null}

      <CreateSessionDialog agent={agent} open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={confirm?.action === 'stop'}
        title="Stop session?"
        confirmLabel="Stop session"
        pending={stop.isPending}
        error={dialogError ? <SessionActionError error={dialogError} /> : undefined}
        onConfirm={run}
        onClose={close}
      >
        <p>
          Session <SessionIdText id={confirm?.sessionId} /> of {agent} stops its agent process and becomes
          idle.
        </p>
        <p className="text-muted-foreground">Its files are kept; the next call to the session resumes it.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm?.action === 'delete'}
        title="Delete session?"
        confirmLabel="Delete session"
        destructive
        pending={remove.isPending}
        error={dialogError ? <SessionActionError error={dialogError} /> : undefined}
        onConfirm={run}
        onClose={close}
      >
        <DeleteWarning agent={agent} sessionId={confirm?.sessionId} />
      </ConfirmDialog>
    </section>
  );
}

/** "Updated 5 s ago", and whether it is refreshing by itself, so nobody wonders if the view is live. */
function FreshnessNote({
  updatedAt,
  polling,
  fetching,
}: {
  updatedAt: number;
  polling: boolean;
  fetching: boolean;
}) {
  const now = useNow(10_000);
  if (!updatedAt) return null;
  return (
    <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
      {polling ? (
        <>
          <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-primary" />
          Refreshing every {TRANSIENT_POLL_MS / 1000} s while sessions change
        </>
      ) : fetching ? (
        'Refreshing…'
      ) : (
        <>Updated {formatRelative(updatedAt, Math.max(now, updatedAt))}</>
      )}
    </p>
  );
}

function ListControls({
  view,
  rows,
  onChange,
}: {
  view: ListSearch;
  rows: readonly AgentSession[];
  onChange: (next: ListSearch) => void;
}) {
  const ids = { status: useId(), order: useId(), limit: useId() };
  const { params, status } = view;
  const count = (s: SessionStatus) => rows.filter((r) => r.status === s).length;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id={ids.status} label="Status on this page">
        <select
          id={ids.status}
          value={status ?? ''}
          onChange={(e) =>
            onChange({ params, ...(e.target.value && { status: e.target.value as SessionStatus }) })
          }
          className={SELECT}
        >
          <option value="">All statuses ({rows.length})</option>
          {SESSION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_INFO[s].label} ({count(s)})
            </option>
          ))}
        </select>
      </Field>
      <Field id={ids.order} label="Order">
        <select
          id={ids.order}
          value={params.order}
          // Cursors point into one order; in the other they would start mid-list, so start over.
          onChange={(e) =>
            onChange({
              params: { limit: params.limit, order: e.target.value === 'asc' ? 'asc' : 'desc' },
              ...(status && { status }),
            })
          }
          className={SELECT}
        >
          <option value="desc">Newest first</option>
          <option value="asc">Oldest first</option>
        </select>
      </Field>
      <Field id={ids.limit} label="Page size">
        <select
          id={ids.limit}
          value={params.limit}
          onChange={(e) =>
            onChange({ params: { ...params, limit: Number(e.target.value) }, ...(status && { status }) })
          }
          className={SELECT}
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n} per page
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-muted-foreground">
        {label}
      </label>
      {children}
    </div>
  );
}

function pageHref(view: ListSearch, cursor: Pick<SessionListParams, 'after' | 'before'>): string {
  const params: SessionListParams = { limit: view.params.limit, order: view.params.order, ...cursor };
  return `?${writeListSearch({ params, ...(view.status && { status: view.status }) }).toString()}`;
}

function FirstPageLink({ view, small }: { view: ListSearch; small?: boolean }) {
  return (
    <Link
      to={pageHref(view, {})}
      className={
        small
          ? buttonVariants({ variant: 'ghost', size: 'sm' })
          : buttonVariants({ variant: 'secondary', className: 'mt-5' })
      }
    >
      Go to the first page
    </Link>
  );
}

/**
 * Previous and next by cursor: `before` the first id gives the page just ahead, `after` the last id
 * the one behind. Whether a side has more is only known for the side the page was fetched towards;
 * the other side is where the person came from, so it is assumed to exist.
 */
function Pager({
  view,
  page,
  shownCount,
}: {
  view: ListSearch;
  page: List<AgentSession>;
  shownCount: number;
}) {
  const { params } = view;
  const hasPrevious = params.before ? page.has_more : Boolean(params.after);
  const hasNext = params.before ? true : page.has_more;
  const filtered = shownCount !== page.data.length;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground">
        {filtered
          ? `${shownCount} of ${page.data.length} sessions on this page match the filter`
          : `${page.data.length} ${page.data.length === 1 ? 'session' : 'sessions'} on this page`}
        {params.after || params.before ? (
          <>
            {' · '}
            <Link
              to={pageHref(view, {})}
              className="font-medium text-primary underline-offset-2 hover:underline"
            >
              First page
            </Link>
          </>
        ) : null}
      </p>
      <div className="flex gap-2">
        <PageLink
          label="Previous"
          to={hasPrevious && page.first_id ? pageHref(view, { before: page.first_id }) : undefined}
          icon="left"
        />
        <PageLink
          label="Next"
          to={hasNext && page.last_id ? pageHref(view, { after: page.last_id }) : undefined}
          icon="right"
        />
      </div>
    </nav>
  );
}

function PageLink({ label, to, icon }: { label: string; to: string | undefined; icon: 'left' | 'right' }) {
  const content = (
    <>
      {icon === 'left' ? <ChevronLeft aria-hidden="true" /> : null}
      {label}
      {icon === 'right' ? <ChevronRight aria-hidden="true" /> : null}
    </>
  );
  const className = buttonVariants({ variant: 'secondary', size: 'sm' });
  if (!to) {
    return (
      <Button variant="secondary" size="sm" disabled>
        {content}
      </Button>
    );
  }
  return (
    <Link to={to} className={className}>
      {content}
    </Link>
  );
}
