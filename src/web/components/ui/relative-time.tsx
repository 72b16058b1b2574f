import { useEffect, useState } from 'react';
import { formatRelative } from '../../lib/time';

/**
 * A Unix-seconds time shown relative ("3 min ago", "in 29 days"), with the exact local and UTC time on
 * hover and to assistive technology. Re-renders itself every 15 s so "ago" stays true.
 */
export function RelativeTime({ seconds, className }: { seconds: number; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  const date = new Date(seconds * 1000);
  const exact = `${date.toLocaleString()} (local)\n${date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')}`;
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {formatRelative(seconds * 1000, now)}
    </time>
  );
}
