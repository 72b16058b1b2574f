import { useEffect, useState } from 'react';
import { formatCountdown, formatDateTime, formatUtc } from '../../../lib/format';

/** Time left until a Unix-seconds moment, ticking every second. Not a live region: it would never stop talking. */
export function Countdown({ seconds, className }: { seconds: number; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  const done = seconds * 1000 <= now;
  useEffect(() => {
    if (done) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [done]);
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
