import type { HistoryUsage } from '@contract';
import type { ConsoleDb } from '../store/db';
import type { RecordingControl } from './recording-control';

/** The history's limits: `--history-days` and `--history-max-mb`. */
export interface HistoryLimits {
  days: number;
  maxMb: number;
}

/**
 * The bytes of the console's database file that hold data: its pages less the free ones. Deleting old
 * lines frees pages that the file keeps for new ones, so this falls when retention removes lines, while
 * the file's own size does not.
 */
function storeBytes(db: ConsoleDb): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return (pages - free) * size;
}

/** What the history holds and its limits, for Settings. Every figure is read without counting lines. */
export function historyUsage(db: ConsoleDb, control: RecordingControl, limits: HistoryLimits): HistoryUsage {
  const totals = db
    .prepare('SELECT count(*) AS sessions, coalesce(sum(lines), 0) AS lines FROM recordings')
    .get() as { sessions: number; lines: number };
  // log_lines_by_time gives the oldest at once.
  const oldest = db.prepare('SELECT min(at_ms) AS ms FROM log_lines').get() as { ms: number | null };
  return {
    bytes: storeBytes(db),
    lines: totals.lines,
    sessions: totals.sessions,
    recording_now: control.recordingNow(),
    ...(oldest.ms !== null && { oldest: new Date(oldest.ms).toISOString() }),
    limits: { days: limits.days, max_mb: limits.maxMb },
  };
}
