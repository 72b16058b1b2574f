/**
 * The console's one locale, for numbers and dates alike. Every word around them is English ("Updated
 * 5 min ago", "1,204 lines"), so they are written the English way too: following the browser for
 * dates while numbers were fixed to en-US gave "Updated vor 5 Min." on a German system. Times stay in
 * the browser's own time zone; only the way they are written is fixed.
 */
export const LOCALE = 'en-US';

const numbers = new Intl.NumberFormat(LOCALE);
// What Date#toLocaleString writes, in this locale.
const dateTimes = new Intl.DateTimeFormat(LOCALE, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto', style: 'short' });

/** "1,204". */
export function formatNumber(value: number): string {
  return numbers.format(value);
}

/** "3/10/2026, 9:33:17 AM", in the browser's time zone. */
export function formatDateTime(time: Date | number): string {
  return dateTimes.format(time);
}

/** "2026-03-10 09:33:17 UTC": the same moment as support staff on other time zones would quote it. */
export function formatUtc(time: Date | number): string {
  return new Date(time)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "5 min. ago", "in 3 days": the largest unit that fits. */
export function formatRelative(timeMs: number, nowMs = Date.now()): string {
  const diff = Math.round((timeMs - nowMs) / 1000);
  const abs = Math.abs(diff);
  if (abs < 10) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') return relative.format(Math.trunc(diff / size), unit);
  }
  return relative.format(diff, 'second');
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

/** A sentence to show for anything thrown, whatever its type. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong.';
}
