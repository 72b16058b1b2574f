import type { AgentSession, RecordingReason, SessionEventKind } from '@contract';
import type { SessionRef } from '../history/recording-control';
import type { ConsoleDb } from '../store/db';
import type { RecordingRow } from '../store/recording-row';

export interface StoredLine {
  eventId?: string;
  atMs: number;
  stream: string;
  message: string;
}

export interface EventRow {
  atMs: number;
  kind: SessionEventKind;
  message: string;
  status?: string;
  exitCode?: number | null;
  signal?: string | null;
  idleSeconds?: number;
}

export type GapReason = 'not_replayed' | 'dropped' | 'recorder_down' | 'lost_at_source';

/** The recorder's writes to the history tables; every statement prepared once. */
export class RecorderStore {
  private readonly statements;

  constructor(readonly db: ConsoleDb) {
    this.statements = {
      find: db.prepare<[string, string, string], RecordingRow>(
        'SELECT * FROM recordings WHERE connection = ? AND agent = ? AND session = ?',
      ),
      insertRecording: db.prepare(
        'INSERT OR IGNORE INTO recordings (connection, agent, session, created_ms) VALUES (?, ?, ?, ?)',
      ),
      open: db.prepare<[number, number], RecordingRow>(
        `SELECT * FROM recordings WHERE gone_how IS NULL
           AND (pinned = 1 OR reasons_until_ms > ? OR (connection = 'local' AND last_seen_ms > ?))`,
      ),
      reasons: db.prepare('UPDATE recordings SET reasons = ?, reasons_until_ms = ? WHERE id = ?'),
      pinned: db.prepare('UPDATE recordings SET pinned = ? WHERE id = ?'),
      seen: db.prepare('UPDATE recordings SET last_known = ?, last_seen_ms = ? WHERE id = ?'),
      gone: db.prepare('UPDATE recordings SET gone_how = ?, gone_ms = ? WHERE id = ? AND gone_how IS NULL'),
      revive: db.prepare('UPDATE recordings SET gone_how = NULL, gone_ms = NULL WHERE id = ?'),
      line: db.prepare(
        'INSERT OR IGNORE INTO log_lines (recording_id, event_id, at_ms, stream, message) VALUES (?, ?, ?, ?, ?)',
      ),
      counts: db.prepare(
        `UPDATE recordings SET lines = lines + ?, last_event_id = coalesce(?, last_event_id),
           first_line_ms = coalesce(first_line_ms, ?) WHERE id = ?`,
      ),
      event: db.prepare(
        `INSERT INTO session_events (recording_id, at_ms, kind, message, status, exit_code, signal, idle_seconds)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      gap: db.prepare(
        'INSERT INTO history_gaps (recording_id, from_ms, to_ms, reason, count) VALUES (?, ?, ?, ?, ?)',
      ),
      lastLineMs: db.prepare<[number], { at_ms: number }>(
        'SELECT at_ms FROM log_lines WHERE recording_id = ? ORDER BY seq DESC LIMIT 1',
      ),
    };
  }

  /** The session's row, made when it has none. */
  ensure(ref: SessionRef, now: number): RecordingRow {
    const s = this.statements;
    s.insertRecording.run(ref.connection, ref.agent, ref.session, now);
    return s.find.get(ref.connection, ref.agent, ref.session)!;
  }

  find(ref: SessionRef): RecordingRow | undefined {
    return this.statements.find.get(ref.connection, ref.agent, ref.session);
  }

  /** Recordings worth resuming after a restart: pinned, with a live reason, or local and seen lately. */
  resumable(now: number, localSeenSince: number): RecordingRow[] {
    return this.statements.open.all(now, localSeenSince);
  }

  setReasons(id: number, reasons: Iterable<RecordingReason>, untilMs: number | null): void {
    this.statements.reasons.run([...reasons].join(','), untilMs, id);
  }

  setPinned(id: number, pinned: boolean): void {
    this.statements.pinned.run(pinned ? 1 : 0, id);
  }

  seen(id: number, session: AgentSession, now: number): void {
    this.statements.seen.run(JSON.stringify(session), now, id);
  }

  /** Marks the recording a tombstone; false when it already was one. */
  gone(id: number, how: 'deleted' | 'expired', now: number): boolean {
    return this.statements.gone.run(how, now, id).changes > 0;
  }

  /** A session made anew under an id the console had seen deleted. */
  revive(id: number): void {
    this.statements.revive.run(id);
  }

  event(id: number, e: EventRow): void {
    this.statements.event.run(
      id,
      e.atMs,
      e.kind,
      e.message,
      e.status ?? null,
      e.exitCode ?? null,
      e.signal ?? null,
      e.idleSeconds ?? null,
    );
  }

  gap(id: number, fromMs: number, toMs: number, reason: GapReason, count?: number): void {
    this.statements.gap.run(id, Math.min(fromMs, toMs), Math.max(fromMs, toMs), reason, count ?? null);
  }

  /** Inserts lines (repeats by id are ignored); returns those stored, for the events they state. */
  lines(id: number, lines: readonly StoredLine[]): StoredLine[] {
    const s = this.statements;
    const stored: StoredLine[] = [];
    let lastId: string | null = null;
    for (const line of lines) {
      const r = s.line.run(id, line.eventId ?? null, line.atMs, line.stream, line.message);
      if (r.changes === 0) continue;
      stored.push(line);
      if (line.eventId !== undefined) lastId = line.eventId;
    }
    if (stored.length > 0) s.counts.run(stored.length, lastId, stored[0]!.atMs, id);
    return stored;
  }

  lastLineMs(id: number): number | undefined {
    return this.statements.lastLineMs.get(id)?.at_ms;
  }
}
