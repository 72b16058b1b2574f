export interface BackoffOptions {
  /** First delay before jitter (ms). */
  baseMs: number;
  /** Longest delay (ms). */
  maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000 };

/**
 * Delay before retry number `attempt` (0-based): doubling from `baseMs` up to `maxMs`, then a random
 * share between half and all of it, so many consoles cut off by one server restart do not all come
 * back in the same instant.
 */
export function backoffDelay(attempt: number, random = Math.random, options = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
