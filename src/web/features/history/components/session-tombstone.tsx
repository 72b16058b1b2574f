import { useQuery } from '@tanstack/react-query';
import { Archive } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { SessionHistory } from '@contract';
import { paths } from '../../../app/paths';
import { buttonVariants } from '../../../components/ui/button';
import { TabNav } from '../../../components/ui/tab-nav';
import { formatDateTime } from '../../../lib/format';
import { useSettings } from '../../../lib/settings';
import { historyQueries } from '../api/history-queries';
import { tombstoneSentence } from '../model/tombstone-text';

interface SessionTombstoneProps {
  agent: string;
  sessionId: string;
  /** What the page shows when the console knows nothing of the session either: the plain not-found. */
  fallback: ReactNode;
  /** The History or Logs section, shown under the tombstone; nothing on the overview. */
  section?: ReactNode;
}

/**
 * A session the server no longer has, as the console remembers it: how and when it went, who deleted
 * it, how long its history stays, and its last known record. Any failure to ask falls back to the
 * not-found page, which is what the person would have seen without the console's memory.
 */
export function SessionTombstone({ agent, sessionId, fallback, section }: SessionTombstoneProps) {
  const { connection } = useSettings();
  const query = useQuery({
    ...historyQueries.summary({ connection: connection ?? '', agent, sessionId }),
    enabled: Boolean(connection),
  });
  if (!connection || query.isError) return <>{fallback}</>;
  if (query.isPending) {
    return (
      <div className="space-y-4">
        <span role="status" className="sr-only">
          Looking for the session’s history…
        </span>
        <h1 className="font-mono text-xl font-semibold break-all text-muted-foreground">{sessionId}</h1>
        <div aria-hidden="true" className="h-32 animate-pulse rounded-lg bg-muted" />
      </div>
    );
  }
  return <Tombstone agent={agent} sessionId={sessionId} history={query.data} section={section} />;
}

function Tombstone({
  agent,
  sessionId,
  history,
  section,
}: {
  agent: string;
  sessionId: string;
  history: SessionHistory;
  section?: ReactNode;
}) {
  const { title, sentence } = tombstoneSentence(history);
  const known = history.last_known;
  const tabs = [
    { label: 'History', href: paths.sessionHistory.getHref(agent, sessionId) },
    { label: 'Recorded logs', href: paths.sessionLogs.getHref(agent, sessionId) },
  ];
  return (
    <div className="space-y-6">
      <section
        aria-labelledby="tombstone-title"
        className="rounded-lg border border-warning/40 bg-surface px-4 py-5 shadow-xs sm:px-6"
      >
        <div className="flex gap-3">
          <span
            aria-hidden="true"
            className="flex size-10 shrink-0 items-center justify-center rounded-full bg-warning/15 text-warning"
          >
            <Archive className="size-5" />
          </span>
          <div className="min-w-0 flex-1">
            <h1 id="tombstone-title" className="text-xl font-semibold">
              {title}: <span className="font-mono break-all">{sessionId}</span>
            </h1>
            <p className="mt-2 text-foreground/90">{sentence}</p>
            {known ? (
              <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-muted-foreground">Agent</dt>
                <dd>
                  <Link to={paths.agent.getHref(agent)} className="font-medium text-primary hover:underline">
                    {agent}
                  </Link>
                </dd>
                <dt className="text-muted-foreground">Agent version</dt>
                <dd className="font-mono">{known.version_indicator.agent_version}</dd>
                <dt className="text-muted-foreground">Created</dt>
                <dd>{formatDateTime(known.created_at * 1000)}</dd>
                <dt className="text-muted-foreground">Last known status</dt>
                <dd>
                  {known.status.charAt(0).toUpperCase() + known.status.slice(1)}
                  {history.last_seen ? (
                    <span className="text-muted-foreground">
                      {' '}
                      (seen {formatDateTime(new Date(history.last_seen))})
                    </span>
                  ) : null}
                </dd>
              </dl>
            ) : (
              <p className="mt-3 text-sm text-muted-foreground">
                The console never read the session itself, so it has no last known details.
              </p>
            )}
            <Link
              to={paths.sessions.getHref(agent)}
              className={buttonVariants({ variant: 'secondary', size: 'sm', className: 'mt-5' })}
            >
              Back to {agent}’s sessions
            </Link>
          </div>
        </div>
      </section>
      <TabNav label="What the console kept" tabs={tabs} />
      {section ? <div>{section}</div> : null}
    </div>
  );
}
