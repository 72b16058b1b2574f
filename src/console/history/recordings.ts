import type { Statement } from 'better-sqlite3';
import {
  AgentSession,
  RECORDING_REASONS,
  type AuditEntry,
  type RecordingReason,
  type RecordingState,
  type Tombstone,
} from '@contract';
import { Value } from 'typebox/value';
import { toEntry, type Row as AuditRow } from '../audit/trail';
import type { ConsoleDb } from '../store/db';
import type { RecordingRow } from '../store/recording-row';
import type { RecordingControl, SessionRef } from './recording-control';

const DAY_MS = 24 * 3600_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The sessions the console keeps something of: their recordings rows (which the recorder writes, and a pin
 * creates) and the audit entries that name them. Reads, and the one change the API makes: a pin.
 */
export class Recordings {
  private readonly find: Statement<[SessionRef], RecordingRow>;
  private readonly audited: Statement<[SessionRef], { found: 1 }>;
  private readonly deletedBy: Statement<[SessionRef], AuditRow>;
  private readonly newest: Statement<[{ id: number }], { ms: number | null }>;
  private readonly setPin: Statement<[SessionRef & { pinned: 0 | 1; now: number }]>;

  constructor(
    db: ConsoleDb,
    private readonly control: RecordingControl,
    private readonly days: number,
  ) {
    this.find = db.prepare(
      'SELECT * FROM recordings WHERE connection = @connection AND agent = @agent AND session = @session',
    );
    // audit_by_session leads: a session id is rare enough that the other two only check a handful of rows.
    const aboutSession = 'session = @session AND connection = @connection AND agent = @agent';
    this.audited = db.prepare(`SELECT 1 AS found FROM audit_entries WHERE ${aboutSession} LIMIT 1`);
    this.deletedBy = db.prepare(
      `SELECT * FROM audit_entries WHERE ${aboutSession} AND action = 'session.delete' AND outcome = 'ok'
       ORDER BY seq DESC LIMIT 1`,
    );
    // The last line stored is the newest (read by the index, not over a million lines); max() of the
    // two skips the NULL of a session with no lines or no events.
    this.newest = db.prepare(
      `SELECT max(ms) AS ms FROM (
         SELECT (SELECT at_ms FROM log_lines WHERE recording_id = @id ORDER BY seq DESC LIMIT 1) AS ms
         UNION ALL SELECT max(at_ms) FROM session_events WHERE recording_id = @id
       )`,
    );
    this.setPin = db.prepare(
      `INSERT INTO recordings (connection, agent, session, pinned, created_ms)
       VALUES (@connection, @agent, @session, @pinned, @now)
       ON CONFLICT (connection, agent, session) DO UPDATE SET pinned = excluded.pinned`,
    );
  }

  row(ref: SessionRef): RecordingRow | undefined {
    return this.find.get(pick(ref));
  }

  /** Whether the console has anything of the session: a recording (even an empty one) or an audit entry. */
  knows(ref: SessionRef, row = this.row(ref)): boolean {
    return row !== undefined || this.audited.get(pick(ref)) !== undefined;
  }

  /** Pins (records the session whatever else holds) or unpins; unpinning a session never kept keeps nothing. */
  pin(ref: SessionRef, pinned: boolean): RecordingState {
    const key = pick(ref);
    if (pinned) {
      this.setPin.run({ ...key, pinned: 1, now: Date.now() });
      // The row first: the recorder may look for it as soon as it is told.
      this.control.consider(key, 'pinned');
    } else {
      if (this.row(key)) this.setPin.run({ ...key, pinned: 0, now: Date.now() });
      this.control.unpin(key);
    }
    return this.state(key, this.row(key));
  }

  state(ref: SessionRef, row: RecordingRow | undefined, now = Date.now()): RecordingState {
    const recording = this.control.isRecording(pick(ref));
    const lines = row?.lines ?? 0;
    const keptUntil = row && this.keptUntil(row);
    return {
      state: recording ? 'recording' : lines > 0 ? 'idle' : 'never',
      reasons: row ? reasonsOf(row, now) : [],
      pinned: row?.pinned === 1,
      ...(row?.first_line_ms != null && { since: iso(row.first_line_ms) }),
      ...(row?.last_event_id != null && { last_event_id: row.last_event_id }),
      lines,
      ...(keptUntil !== undefined && { kept_until: iso(keptUntil) }),
    };
  }

  /**
   * The session gone, when the recorder saw it go or a delete through this console said so. `by` is that
   * delete's audit entry: the recorder sees a deleted session, but not who deleted it.
   */
  tombstone(ref: SessionRef, row: RecordingRow | undefined): Tombstone | undefined {
    const deletedBy = this.deletedBy.get(pick(ref));
    const by: AuditEntry | undefined = deletedBy && toEntry(deletedBy);
    let how: Tombstone['how'];
    let ms: number;
    if (row?.gone_ms != null && (row.gone_how === 'deleted' || row.gone_how === 'expired')) {
      how = row.gone_how;
      ms = row.gone_ms;
    } else if (deletedBy) {
      how = 'deleted';
      ms = deletedBy.at_ms;
    } else {
      return undefined;
    }
    // Gone is the newest thing there will be; with nothing recorded after it, the history lasts from it.
    const keptUntil = Math.max(ms + this.days * DAY_MS, (row && this.keptUntil(row)) ?? 0);
    return { how, time: iso(ms), ...(by && how === 'deleted' && { by }), kept_until: iso(keptUntil) };
  }

  /** The session as the recorder last read it, when it has; a row it cannot read is as none. */
  lastKnown(row: RecordingRow | undefined): { last_known?: AgentSession; last_seen?: string } {
    if (!row) return {};
    let known: unknown;
    try {
      known = row.last_known === null ? undefined : JSON.parse(row.last_known);
    } catch {
      known = undefined;
    }
    return {
      ...(known !== undefined && Value.Check(AgentSession, known) && { last_known: known }),
      ...(row.last_seen_ms !== null && { last_seen: iso(row.last_seen_ms) }),
    };
  }

  /** Retention by days counts from the newest thing kept of the session: its lines go together. */
  private keptUntil(row: RecordingRow): number | undefined {
    const newest = this.newest.get({ id: row.id })?.ms;
    return newest == null ? undefined : newest + this.days * DAY_MS;
  }
}

const REASONS: ReadonlySet<string> = new Set(RECORDING_REASONS);

function reasonsOf(row: RecordingRow, now: number): RecordingReason[] {
  const current = row.reasons_until_ms === null || row.reasons_until_ms > now;
  const reasons = current
    ? row.reasons.split(',').filter((r): r is RecordingReason => r !== 'pinned' && REASONS.has(r))
    : [];
  return row.pinned === 1 ? [...reasons, 'pinned'] : reasons;
}

/** Only the three names: a ref may come with more members (a route's params), which SQLite would refuse. */
function pick(ref: SessionRef): SessionRef {
  return { connection: ref.connection, agent: ref.agent, session: ref.session };
}
