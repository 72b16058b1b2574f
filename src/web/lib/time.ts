const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

/** "5 min. ago", "in 3 days": the largest unit that fits. */
export function formatRelative(timeMs: number, nowMs = Date.now()): string {
  const diff = Math.round((timeMs - nowMs) / 1000);
  const abs = Math.abs(diff);
  if (abs < 10) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') return rtf.format(Math.trunc(diff / size), unit);
  }
  return rtf.format(diff, 'second');
}

/** "2 d 03:04:05" style countdown to a time, or "now" once it has passed. */
export function formatCountdown(timeMs: number, nowMs = Date.now()): string {
  let s = Math.max(0, Math.floor((timeMs - nowMs) / 1000));
  if (s === 0) return 'now';
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) =>
    String(n).padStart(2, '0'),
  );
  return `${days ? `${days} d ` : ''}${hms.join(':')}`;
}
