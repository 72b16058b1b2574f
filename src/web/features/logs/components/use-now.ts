import { useEffect, useState } from 'react';

/** The time, refreshed every `intervalMs` while `enabled`; for countdowns and "N s ago" text. */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    tick();
    const t = setInterval(tick, intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, enabled]);
  return now;
}
