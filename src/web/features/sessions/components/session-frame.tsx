import { useQuery } from '@tanstack/react-query';
import { ChevronRight, SearchX } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '../../../app/paths';
import { ErrorFacts } from '../../../components/api-error';
import { buttonVariants } from '../../../components/ui/button';
import { TabNav } from '../../../components/ui/tab-nav';
import { EmptyState } from '../../../components/ui/empty-state';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/format';
import { sessionQueries } from '../api/session-queries';
import { SessionHeader } from './session-header';
import { SessionIdText } from './session-text';

interface SessionProps {
  agent: string;
  sessionId: string;
}

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * The frame of a session's pages: where it is, what state it is in, what can be done to it, and the
 * sections (overview, files, logs) as links so each has its own URL. `children` is the section.
 */
export function SessionFrame({
  agent,
  sessionId,
  children,
  renderNotFound,
}: SessionProps & {
  children: ReactNode;
  /** What a 404 shows instead of the plain not-found, which it is given (a route adds the console's memory). */
  renderNotFound?: (notFound: ReactNode) => ReactNode;
}) {
  const query = useQuery(sessionQueries.detail(agent, sessionId));
  const session = query.data;

  return (
    <div className="space-y-6">
      <title>{`${sessionId} · ${agent} · Agent Sessions Console`}</title>
      <Breadcrumbs agent={agent} sessionId={sessionId} />
      {/* A 404 wins over anything cached: the session is gone, whatever was on screen before. */}
      {query.isError && isNotFound(query.error) ? (
        (renderNotFound ?? ((notFound: ReactNode) => notFound))(
          <SessionNotFound agent={agent} sessionId={sessionId} error={query.error} />,
        )
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

function SectionTabs({ agent, sessionId }: SessionProps) {
  const tabs = [
    { label: 'Overview', href: paths.session.getHref(agent, sessionId), end: true },
    { label: 'Files', href: paths.sessionFiles.getHref(agent, sessionId), end: false },
    { label: 'Logs', href: paths.sessionLogs.getHref(agent, sessionId), end: false },
    { label: 'Playground', href: paths.sessionPlayground.getHref(agent, sessionId), end: false },
    { label: 'History', href: paths.sessionHistory.getHref(agent, sessionId), end: false },
  ];
  return <TabNav label="Session sections" tabs={tabs} />;
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
