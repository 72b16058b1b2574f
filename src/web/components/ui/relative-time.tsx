import { formatDateTime, formatRelative, formatUtc } from '../../lib/format';
import { useNow } from '../../lib/hooks/use-now';

/**
 * A Unix-seconds time shown relative ("3 min ago", "in 29 days"), with the exact local and UTC time on
 * hover and to assistive technology. Re-renders itself every 15 s so "ago" stays true.
 */
export function RelativeTime({ seconds, className }: { seconds: number; className?: string }) {
  const now = useNow(15_000);
  const date = new Date(seconds * 1000);
  const exact = `${formatDateTime(date)} (local)\n${formatUtc(date)}`;
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {formatRelative(seconds * 1000, now)}
    </time>
  );
}
