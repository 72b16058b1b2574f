import { formatDateTime } from '../../../lib/format';
import type { TimeMode } from './console-options';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A log line's time as the person chose to see it; undefined when it should not be shown. */
export function formatLineTime(iso: string | undefined, mode: TimeMode, now: number): string | undefined {
  if (mode === 'off' || iso === undefined) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  if (mode === 'utc') {
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
  }
  if (mode === 'local') {
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }
  return formatAgo(now - t);
}

/** "4 s ago", "12 min ago", "3 h ago": short enough for a fixed column. */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Full date and time in both zones, for a tooltip. */
export function describeTime(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${formatDateTime(t)} (${new Date(t).toISOString()})`;
}

/** Clock time for gap markers and status text. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "1.2 s", "45 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}
