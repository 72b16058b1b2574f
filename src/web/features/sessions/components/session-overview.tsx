import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AgentSession } from '@contract';
import { paths } from '../../../app/paths';
import { CopyButton } from '../../../components/ui/copy-button';
import { RelativeTime } from '../../../components/ui/relative-time';
import { cn } from '../../../lib/cn';
import { sessionQueries } from '../api/session-queries';
import { STATUS_INFO } from '../model/status-info';
import { pastMilestones } from '../model/timeline';
import { Countdown, ExactTime } from './countdown';
import { StatusBadge } from './status-badge';

/** Every field of the session, and its life so far as a timeline. */
export function SessionOverview({ agent, sessionId }: { agent: string; sessionId: string }) {
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
  const past = pastMilestones(session);
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
