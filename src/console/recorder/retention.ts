import type { ConsoleDb } from '../store/db';

export interface RetentionLimits {
  /** `--history-days`: lines, events and gaps older than this are removed. */
  days: number;
  /** `--history-max-mb`: past this size of the store, the oldest lines are removed. */
  maxMb: number;
}

const DAY_MS = 24 * 3600_000;
/** Lines removed per step while the store is over its size: small enough to keep a step short. */
const SIZE_STEP_LINES = 2000;
/** Steps one sweep may take; what is left waits for the next sweep, so the server never stalls long. */
const MAX_SIZE_STEPS = 200;

/**
 * Keeps recorded history within `--history-days` and `--history-max-mb`, oldest first. Only the
 * history tables: the audit trail is append-only and never touched here.
 */
export class Retention {
  private readonly statements;

  constructor(
    private readonly db: ConsoleDb,
    private readonly limits: RetentionLimits,
  ) {
    this.statements = {
      oldRecordings: db.prepare<[number], { recording_id: number }>(
        'SELECT DISTINCT recording_id FROM log_lines WHERE at_ms < ?',
      ),
      deleteOldLines: db.prepare('DELETE FROM log_lines WHERE recording_id = ? AND at_ms < ?'),
      deleteEvents: db.prepare('DELETE FROM session_events WHERE at_ms < ?'),
      deleteGaps: db.prepare('DELETE FROM history_gaps WHERE to_ms < ?'),
      // A tombstone whose history is all gone, and that went long enough ago, is forgotten too.
      deleteRecordings: db.prepare(
        `DELETE FROM recordings WHERE gone_ms < ?
           AND NOT EXISTS (SELECT 1 FROM log_lines WHERE recording_id = recordings.id)
           AND NOT EXISTS (SELECT 1 FROM session_events WHERE recording_id = recordings.id)
           AND NOT EXISTS (SELECT 1 FROM history_gaps WHERE recording_id = recordings.id)`,
      ),
      oldest: db.prepare<[number], { seq: number; recording_id: number }>(
        'SELECT seq, recording_id FROM log_lines ORDER BY seq LIMIT ?',
      ),
      deleteUpTo: db.prepare('DELETE FROM log_lines WHERE seq <= ?'),
      // With the newest lines gone too, new lines take their ids again: the index must not count them as in.
      clampIndexed: db.prepare(
        'UPDATE fts_progress SET indexed_seq = min(indexed_seq, coalesce((SELECT max(seq) FROM log_lines), 0))',
      ),
      recount: db.prepare(
        `UPDATE recordings SET
           lines = (SELECT count(*) FROM log_lines WHERE recording_id = recordings.id),
           first_line_ms = (SELECT min(at_ms) FROM log_lines WHERE recording_id = recordings.id)
         WHERE id = ?`,
      ),
    };
  }

  /** The store's size in use: its pages less the free ones. */
  usedBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    const size = this.db.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  }

  sweep(now: number): void {
    this.byAge(now - this.limits.days * DAY_MS);
    this.bySize(this.limits.maxMb * 1024 * 1024);
  }

  private byAge(cutoff: number): void {
    const s = this.statements;
    this.db.transaction(() => {
      for (const { recording_id } of s.oldRecordings.all(cutoff)) {
        s.deleteOldLines.run(recording_id, cutoff);
        s.recount.run(recording_id);
      }
      s.deleteEvents.run(cutoff);
      s.deleteGaps.run(cutoff);
      s.deleteRecordings.run(cutoff);
      s.clampIndexed.run();
    })();
  }

  private bySize(maxBytes: number): void {
    const s = this.statements;
    let merged = false;
    for (let step = 0; step < MAX_SIZE_STEPS && this.usedBytes() > maxBytes; step++) {
      const oldest = s.oldest.all(SIZE_STEP_LINES);
      if (oldest.length === 0) {
        if (merged) return;
        // Removed lines leave deletion marks in the full-text index until it merges them.
        this.db.exec("INSERT INTO log_lines_fts (log_lines_fts) VALUES ('optimize')");
        merged = true;
        continue;
      }
      this.db.transaction(() => {
        s.deleteUpTo.run(oldest[oldest.length - 1]!.seq);
        for (const id of new Set(oldest.map((o) => o.recording_id))) s.recount.run(id);
        s.clampIndexed.run();
      })();
      if (!merged && step % 20 === 19) {
        this.db.exec("INSERT INTO log_lines_fts (log_lines_fts) VALUES ('optimize')");
      }
    }
  }
}
