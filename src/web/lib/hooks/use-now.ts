import { useEffect, useState } from 'react';

interface UseNowOptions {
  /** Stops ticking while false, e.g. while no request runs. */
  enabled?: boolean;
  /** Stops ticking once this time (ms) has passed, e.g. when a countdown reaches zero. */
  until?: number;
}

/**
 * The current time in ms, refreshed every `intervalMs`, for countdowns, durations and "N s ago" text.
 * It reads the clock again whenever it starts ticking, so text shown after a pause is not stale.
 */
export function useNow(intervalMs: number, { enabled = true, until }: UseNowOptions = {}): number {
  const [now, setNow] = useState(() => Date.now());
  const ticking = enabled && (until === undefined || now < until);
  useEffect(() => {
    if (!ticking) return;
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, ticking]);
  return now;
}
