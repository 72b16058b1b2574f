import { useQuery } from '@tanstack/react-query';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { SectionCard } from '../../../components/ui/card';
import { formatNumber } from '../../../lib/format';
import { historyQueries } from '../api/history-queries';
import { IsoTime } from './iso-time';

const MB = 1024 * 1024;

/** "12.3 MB": one decimal below 100 MB, whole numbers above. */
function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb < 100 ? formatNumber(Math.round(mb * 10) / 10) : formatNumber(Math.round(mb))} MB`;
}

/** How much the console's recorded history holds, against the limits the server was started with. */
export function HistoryUsageCard() {
  const query = useQuery(historyQueries.usage());
  const usage = query.data;
  return (
    <SectionCard
      title="History"
      description="What the console’s server recorded: log lines, session events and gaps, kept after a session is gone."
    >
      {query.isPending ? (
        <div aria-hidden="true" className="h-24 animate-pulse rounded-md bg-muted" />
      ) : !usage ? (
        <RefetchErrorPanel query={query} title="History usage could not be loaded" />
      ) : (
        <div className="space-y-4 text-sm">
          <div>
            <p>
              <span className="font-semibold">{megabytes(usage.bytes)}</span> of{' '}
              {formatNumber(usage.limits.max_mb)} MB used
            </p>
            <div
              role="meter"
              aria-label="History size against its limit"
              aria-valuemin={0}
              aria-valuemax={usage.limits.max_mb}
              aria-valuenow={Math.round((usage.bytes / MB) * 10) / 10}
              aria-valuetext={`${megabytes(usage.bytes)} of ${formatNumber(usage.limits.max_mb)} MB`}
              className="mt-2 h-2 overflow-hidden rounded-full bg-muted"
            >
              <div
                className="h-full rounded-full bg-primary"
                style={{ width: `${Math.min(100, (usage.bytes / (usage.limits.max_mb * MB)) * 100)}%` }}
              />
            </div>
          </div>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="text-muted-foreground">Lines</dt>
            <dd>{formatNumber(usage.lines)}</dd>
            <dt className="text-muted-foreground">Sessions</dt>
            <dd>{formatNumber(usage.sessions)}</dd>
            <dt className="text-muted-foreground">Recording now</dt>
            <dd>{formatNumber(usage.recording_now)}</dd>
            <dt className="text-muted-foreground">Oldest</dt>
            <dd>{usage.oldest ? <IsoTime iso={usage.oldest} /> : 'Nothing kept yet'}</dd>
            <dt className="text-muted-foreground">Kept for</dt>
            <dd>
              {formatNumber(usage.limits.days)} {usage.limits.days === 1 ? 'day' : 'days'} (
              <code className="font-mono text-xs">--history-days</code>)
            </dd>
            <dt className="text-muted-foreground">Size limit</dt>
            <dd>
              {formatNumber(usage.limits.max_mb)} MB (
              <code className="font-mono text-xs">--history-max-mb</code>)
            </dd>
          </dl>
          <p className="text-muted-foreground">
            Both limits are set when starting the server, e.g.{' '}
            <code className="font-mono text-xs text-foreground">
              npm start -- --history-days 30 --history-max-mb 2048
            </code>
            ; whichever is reached first removes the oldest history.
          </p>
        </div>
      )}
    </SectionCard>
  );
}
