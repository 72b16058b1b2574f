import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronRight, RefreshCw, SearchX, Square, Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import type { AgentSession } from '../../../../contract';
import { paths } from '../../../app/paths';
import { ErrorFacts } from '../../../components/api-error';
import { Button, buttonVariants } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CopyButton } from '../../../components/ui/copy-button';
import { EmptyState } from '../../../components/ui/empty-state';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { RelativeTime } from '../../../components/ui/relative-time';
import { ApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { errorMessage } from '../../../lib/format';
import { isTransient, sessionMutations, sessionQueries, TRANSIENT_POLL_MS } from '../api/session-queries';
import { usePendingSessionActions } from '../api/use-pending-session-actions';
import { Countdown, ExactTime } from './countdown';
import { SessionActionError } from './session-action-error';
import { DeleteWarning, SessionIdText } from './session-text';
import { StatusBadge } from './status-badge';
import { canDelete, canStop, STATUS_INFO } from './status-info';

interface SessionProps {
  agent: string;
  sessionId: string;
}

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * The frame of a session's pages: where it is, what state it is in, what can be done to it, and the
 * sections (overview, files, logs) as links so each has its own URL. `children` is the section.
 */
export function SessionFrame({ agent, sessionId, children }: SessionProps & { children: ReactNode }) {
  const query = useQuery(sessionQueries.detail(agent, sessionId));
  const session = query.data;

  return (
    <div className="space-y-6">
      <title>{`${sessionId} · ${agent} · Agent Sessions Console`}</title>
      <Breadcrumbs agent={agent} sessionId={sessionId} />
      {/* A 404 wins over anything cached: the session is gone, whatever was on screen before. */}
      {query.isError && isNotFound(query.error) ? (
        <SessionNotFound agent={agent} sessionId={sessionId} error={query.error} />
      ) : query.isPending ? (
        <SessionSkeleton sessionId={sessionId} />
      ) : !session ? (
        <>
          <h1 className="font-mono text-xl font-semibold break-all">{sessionId}</h1>
          <RefetchErrorPanel query={query} title="The session could not be loaded" />
        </>
      ) : (
        <>
          <SessionHeader
            agent={agent}
            session={session}
            refreshing={query.isFetching}
            onRefresh={() => void query.refetch()}
          />
          {query.isError ? (
            <RefetchErrorPanel
              query={query}
              title="Refreshing the session failed; showing what loaded last"
            />
          ) : null}
          <SectionTabs agent={agent} sessionId={sessionId} />
          <div>{children}</div>
        </>
      )}
    </div>
  );
}

function Breadcrumbs({ agent, sessionId }: SessionProps) {
  const crumbs = [
    { label: 'Agents', href: paths.agents.getHref() },
    { label: agent, href: paths.agent.getHref(agent) },
    { label: 'Sessions', href: paths.sessions.getHref(agent) },
  ];
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground">
        {crumbs.map((c) => (
          <li key={c.href} className="flex items-center gap-1">
            <Link to={c.href} className="rounded-sm hover:text-foreground hover:underline">
              {c.label}
            </Link>
            <ChevronRight aria-hidden="true" className="size-3.5" />
          </li>
        ))}
        <li aria-current="page" className="max-w-full truncate font-mono text-foreground">
          {sessionId}
        </li>
      </ol>
    </nav>
  );
}

function SessionHeader({
  agent,
  session,
  refreshing,
  onRefresh,
}: {
  agent: string;
  session: AgentSession;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const id = session.agent_session_id;
  const navigate = useNavigate();
  const client = useQueryClient();
  const pending = usePendingSessionActions(agent).get(id);
  const stop = useMutation(sessionMutations.stop(agent));
  const remove = useMutation(sessionMutations.delete(agent));
  const [confirm, setConfirm] = useState<'stop' | 'delete' | null>(null);
  const info = STATUS_INFO[session.status];

  const close = () => {
    if (!stop.isPending) stop.reset();
    if (!remove.isPending) remove.reset();
    setConfirm(null);
  };

  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
            Session of {agent}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="font-mono text-xl font-semibold tracking-tight break-all sm:text-2xl">{id}</h1>
            <CopyButton value={id} label="Copy session id" size="sm" className="size-8 px-0" />
            <StatusBadge status={session.status} />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={onRefresh}
            disabled={refreshing}
            aria-label="Refresh now"
            title="Refresh now"
          >
            <RefreshCw aria-hidden="true" className={cn(refreshing && 'animate-spin')} />
          </Button>
          <Button
            variant="secondary"
            disabled={Boolean(pending) || !canStop(session.status)}
            onClick={() => {
              stop.reset();
              setConfirm('stop');
            }}
          >
            <Square aria-hidden="true" />
            {pending === 'stop' ? 'Stopping…' : 'Stop'}
          </Button>
          <Button
            variant="destructive"
            disabled={Boolean(pending) || !canDelete(session.status)}
            onClick={() => {
              remove.reset();
              setConfirm('delete');
            }}
          >
            <Trash2 aria-hidden="true" />
            {pending === 'delete' ? 'Deleting…' : 'Delete'}
          </Button>
        </div>
      </div>
      <div
        className={cn(
          'flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border px-4 py-3 text-sm',
          info.tone === 'danger' ? 'border-destructive/40 bg-destructive/5' : 'bg-surface',
        )}
      >
        <span className="font-medium">{info.label}.</span>
        <span className="text-foreground/85">{info.meaning}</span>
        {isTransient(session.status) ? (
          <span className="text-xs text-muted-foreground">
            Refreshing every {TRANSIENT_POLL_MS / 1000} s until it settles.
          </span>
        ) : null}
      </div>

      <ConfirmDialog
        open={confirm === 'stop'}
        title="Stop session?"
        confirmLabel="Stop session"
        pending={stop.isPending}
        error={stop.isError ? <SessionActionError error={stop.error} /> : undefined}
        onConfirm={() => stop.mutate({ sessionId: id }, { onSuccess: () => setConfirm(null) })}
        onClose={close}
      >
        <p>
          Session <SessionIdText id={id} /> of {agent} stops its agent process and becomes idle.
        </p>
        <p className="text-muted-foreground">Its files are kept; the next call to the session resumes it.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'delete'}
        title="Delete session?"
        confirmLabel="Delete session"
        destructive
        pending={remove.isPending}
        error={remove.isError ? <SessionActionError error={remove.error} /> : undefined}
        onConfirm={() =>
          remove.mutate(
            { sessionId: id },
            {
              onSuccess: () => {
                setConfirm(null);
                void navigate(paths.sessions.getHref(agent), { replace: true });
                // Gone on the server; a cached copy would only come back as a 404 on the next visit.
                client.removeQueries({ queryKey: sessionQueries.detail(agent, id).queryKey, exact: true });
              },
            },
          )
        }
        onClose={close}
      >
        <DeleteWarning agent={agent} sessionId={id} />
      </ConfirmDialog>
    </header>
  );
}

function SectionTabs({ agent, sessionId }: SessionProps) {
  const tabs = [
    { label: 'Overview', href: paths.session.getHref(agent, sessionId), end: true },
    { label: 'Files', href: paths.sessionFiles.getHref(agent, sessionId), end: false },
    { label: 'Logs', href: paths.sessionLogs.getHref(agent, sessionId), end: false },
    { label: 'Playground', href: paths.sessionPlayground.getHref(agent, sessionId), end: false },
  ];
  return (
    <nav aria-label="Session sections" className="border-b">
      <ul className="-mb-px flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.label}>
            <NavLink
              to={tab.href}
              end={tab.end}
              className={({ isActive }) =>
                cn(
                  'flex h-10 items-center border-b-2 px-3 text-sm font-medium transition-colors',
                  isActive
                    ? 'border-primary text-foreground'
                    : 'border-transparent text-muted-foreground hover:border-border hover:text-foreground',
                )
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SessionNotFound({ agent, sessionId, error }: SessionProps & { error: unknown }) {
  return (
    <>
      <h1 className="sr-only">Session not found</h1>
      <EmptyState icon={SearchX} title="Session not found">
        <p>
          Agent <span className="font-medium text-foreground">{agent}</span> has no session{' '}
          <SessionIdText id={sessionId} />. It may have been deleted, or the id may be mistyped.
        </p>
        <p className="mt-3 text-xs">Server: {errorMessage(error)}</p>
        <p className="mt-1 text-xs">
          <ErrorFacts error={error} />
        </p>
        <Link
          to={paths.sessions.getHref(agent)}
          className={buttonVariants({ variant: 'secondary', className: 'mt-6' })}
        >
          Back to {agent}’s sessions
        </Link>
      </EmptyState>
    </>
  );
}

function SessionSkeleton({ sessionId }: { sessionId: string }) {
  return (
    <div className="space-y-4">
      <span role="status" className="sr-only">
        Loading session…
      </span>
      <h1 className="font-mono text-xl font-semibold break-all text-muted-foreground sm:text-2xl">
        {sessionId}
      </h1>
      <div aria-hidden="true" className="h-12 animate-pulse rounded-lg bg-muted" />
      <div aria-hidden="true" className="grid gap-4 md:grid-cols-2">
        <div className="h-64 animate-pulse rounded-lg bg-muted" />
        <div className="h-64 animate-pulse rounded-lg bg-muted" />
      </div>
    </div>
  );
}

/** Every field of the session, and its life so far as a timeline. */
export function SessionOverview({ agent, sessionId }: SessionProps) {
  const { data: session } = useQuery(sessionQueries.detail(agent, sessionId));
  if (!session) return null;
  return (
    <div className="grid gap-4 lg:grid-cols-5">
      <Card title="Details" className="lg:col-span-3">
        <dl className="divide-y text-sm">
          <Row label="Session id">
            <span className="flex items-center gap-1">
              <span className="font-mono break-all">{session.agent_session_id}</span>
              <CopyButton
                value={session.agent_session_id}
                label="Copy session id"
                size="sm"
                className="size-7 px-0"
              />
            </span>
          </Row>
          <Row label="Agent">
            <Link to={paths.agent.getHref(agent)} className="font-medium text-primary hover:underline">
              {agent}
            </Link>
          </Row>
          <Row label="Version">
            <span className="font-mono">{session.version_indicator.agent_version}</span>
            <span className="ml-2 text-xs text-muted-foreground">({session.version_indicator.type})</span>
          </Row>
          <Row label="Status">
            <span className="flex flex-col items-start gap-1">
              <StatusBadge status={session.status} />
              <span className="text-xs text-muted-foreground">{STATUS_INFO[session.status].meaning}</span>
            </span>
          </Row>
          <TimeRow label="Created" seconds={session.created_at} />
          <TimeRow label="Last active" seconds={session.last_accessed_at} />
          <TimeRow label="Expires" seconds={session.expires_at} />
          <TimeRow label="Stopped" seconds={session.stopped_at} empty="Not stopped" />
        </dl>
      </Card>
      <Card title="Timeline" className="lg:col-span-2">
        <Timeline session={session} />
      </Card>
    </div>
  );
}

function Card({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <section className={cn('rounded-lg border bg-surface shadow-xs', className)} aria-label={title}>
      <h2 className="border-b px-4 py-3 text-sm font-semibold">{title}</h2>
      <div className="px-4 py-1">{children}</div>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-[9rem_1fr] sm:gap-4">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function TimeRow({ label, seconds, empty }: { label: string; seconds: number | undefined; empty?: string }) {
  return (
    <Row label={label}>
      {seconds === undefined ? (
        <span className="text-muted-foreground">{empty}</span>
      ) : (
        <span className="flex flex-col">
          <RelativeTime seconds={seconds} className="font-medium" />
          <ExactTime seconds={seconds} />
        </span>
      )}
    </Row>
  );
}

function Timeline({ session }: { session: AgentSession }) {
  const past = [
    {
      label: 'Created',
      seconds: session.created_at,
      note: `Version ${session.version_indicator.agent_version}`,
    },
    { label: 'Last active', seconds: session.last_accessed_at, note: 'Last call or lifecycle change' },
    ...(session.stopped_at !== undefined
      ? [{ label: 'Stopped', seconds: session.stopped_at, note: 'Process ended; files kept' }]
      : []),
  ].sort((a, b) => a.seconds - b.seconds);
  const expired = session.status === 'expired';
  return (
    <ol className="relative my-3 space-y-5 border-l pl-5">
      {past.map((event) => (
        <li key={event.label} className="relative">
          <span
            aria-hidden="true"
            className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-surface bg-muted-foreground ring-1 ring-border"
          />
          <p className="text-sm font-medium">
            {event.label}{' '}
            <RelativeTime seconds={event.seconds} className="font-normal text-muted-foreground" />
          </p>
          <ExactTime seconds={event.seconds} />
          <p className="text-xs text-muted-foreground">{event.note}</p>
        </li>
      ))}
      <li className="relative">
        <span
          aria-hidden="true"
          className={cn(
            'absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-surface ring-1',
            expired ? 'bg-warning ring-warning/50' : 'bg-primary ring-primary/40',
          )}
        />
        <p className="text-sm font-medium">
          {expired ? 'Expired' : 'Expires in '}
          {expired ? null : <Countdown seconds={session.expires_at} className="font-mono tabular-nums" />}
        </p>
        <ExactTime seconds={session.expires_at} />
        <p className="text-xs text-muted-foreground">
          {expired
            ? 'Its sandbox and files were removed.'
            : '30 days after the last activity; any call pushes it out again.'}
        </p>
      </li>
    </ol>
  );
}
