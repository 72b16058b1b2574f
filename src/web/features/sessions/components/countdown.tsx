import { formatCountdown, formatDateTime, formatUtc } from '../../../lib/format';
import { useNow } from '../../../lib/hooks/use-now';

/** Time left until a Unix-seconds moment, ticking every second. Not a live region: it would never stop talking. */
export function Countdown({ seconds, className }: { seconds: number; className?: string }) {
  const now = useNow(1000, { until: seconds * 1000 });
  return (
    <span className={className} title={formatDateTime(seconds * 1000)}>
      {formatCountdown(seconds * 1000, now)}
    </span>
  );
}

/** The exact local and UTC time, written out for pages where hovering is not enough. */
export function ExactTime({ seconds }: { seconds: number }) {
  const date = new Date(seconds * 1000);
  return (
    <span className="text-xs text-muted-foreground">
      {formatDateTime(date)} · {formatUtc(date)}
    </span>
  );
}
