import type { Statement } from 'better-sqlite3';
import { TIMELINE_TYPES, type HistoryGap, type SessionEvent, type TimelineItem } from '@contract';
import { HttpError } from '../../server/errors';
import { toEntry, type Row as AuditRow } from '../audit/trail';
import type { ConsoleDb } from '../store/db';
import type { SessionRef } from './recording-control';

export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** Where a page starts: items strictly after this one in the time line's order. */
export interface TimelineCursor {
  ms: number;
  rank: number;
  id: number;
}

export interface TimelineRequest {
  types: readonly TimelineType[];
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
  limit: number;
  before?: TimelineCursor;
}

export interface TimelinePage {
  timeline: TimelineItem[];
  has_more: boolean;
  next_before?: string;
}

/**
 * The order of the time line is newest first by (time, rank, id): at one millisecond the rank of a type
 * (its place in TIMELINE_TYPES) and then its row id decide, so a cursor names one place among ties.
 */
const RANK: Readonly<Record<TimelineType, number>> = { event: 0, gap: 1, audit: 2 };

interface Keyed {
  key: TimelineCursor;
  item: TimelineItem;
}

interface Source {
  table: string;
  /** The row id and the time column, as the table names them. */
  id: string;
  time: string;
  /** Which rows are the session's. */
  where: string;
  item: (row: Record<string, unknown>) => TimelineItem;
}

const iso = (ms: number) => new Date(ms).toISOString();

const SOURCES: Readonly<Record<TimelineType, Source>> = {
  event: {
    table: 'session_events',
    id: 'id',
    time: 'at_ms',
    where: 'recording_id = @recording',
    item: (row) => eventItem(row as unknown as EventRow),
  },
  gap: {
    table: 'history_gaps',
    id: 'id',
    time: 'from_ms',
    where: 'recording_id = @recording',
    item: (row) => gapItem(row as unknown as GapRow),
  },
  audit: {
    table: 'audit_entries',
    id: 'seq',
    time: 'at_ms',
    where: 'session = @session AND connection = @connection AND agent = @agent',
    item: (row) => ({
      type: 'audit',
      time: iso(row.at_ms as number),
      entry: toEntry(row as unknown as AuditRow),
    }),
  },
};

/**
 * A session's time line: its events, its gaps and the audit entries about it, newest first. Each source is
 * read by its own index, up to a page past the cursor, and the three are merged: no query over a union.
 */
export class Timeline {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: ConsoleDb) {}

  page(ref: SessionRef, recording: number | undefined, request: TimelineRequest): TimelinePage {
    const merged: Keyed[] = [];
    for (const type of request.types) {
      // Events and gaps belong to a recording; a session known only from the audit trail has none.
      if (type !== 'audit' && recording === undefined) continue;
      merged.push(...this.read(type, ref, recording, request));
    }
    merged.sort((a, b) => compare(b.key, a.key));
    const page = merged.slice(0, request.limit);
    const last = page[page.length - 1];
    const hasMore = merged.length > request.limit;
    return {
      timeline: page.map((k) => k.item),
      has_more: hasMore,
      ...(hasMore && last && { next_before: encodeCursor(last.key) }),
    };
  }

  private read(
    type: TimelineType,
    ref: SessionRef,
    recording: number | undefined,
    request: TimelineRequest,
  ): Keyed[] {
    const source = SOURCES[type];
    const rank = RANK[type];
    const cursor = request.before;
    // Past the cursor in (time, rank, id) order, for rows that all have this source's rank.
    const after =
      cursor === undefined
        ? undefined
        : rank < cursor.rank
          ? `${source.time} <= @ms`
          : rank > cursor.rank
            ? `${source.time} < @ms`
            : `(${source.time}, ${source.id}) < (@ms, @id)`;
    const where = [
      source.where,
      ...(request.fromMs !== undefined ? [`${source.time} >= @fromMs`] : []),
      ...(request.toMs !== undefined ? [`${source.time} < @toMs`] : []),
      ...(after !== undefined ? [after] : []),
    ];
    const sql = `SELECT *, ${source.id} AS row_id, ${source.time} AS row_ms FROM ${source.table}
      WHERE ${where.join(' AND ')} ORDER BY ${source.time} DESC, ${source.id} DESC LIMIT @limit`;
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    const params: Record<string, unknown> = { limit: request.limit + 1 };
    if (type === 'audit')
      Object.assign(params, { connection: ref.connection, agent: ref.agent, session: ref.session });
    else params.recording = recording;
    if (request.fromMs !== undefined) params.fromMs = request.fromMs;
    if (request.toMs !== undefined) params.toMs = request.toMs;
    if (cursor !== undefined) {
      params.ms = cursor.ms;
      if (rank === cursor.rank) params.id = cursor.id;
    }
    const rows = statement.all(params) as Record<string, unknown>[];
    return rows.map((row) => ({
      key: { ms: row.row_ms as number, rank, id: row.row_id as number },
      item: source.item(row),
    }));
  }
}

function compare(a: TimelineCursor, b: TimelineCursor): number {
  return a.ms - b.ms || a.rank - b.rank || a.id - b.id;
}

/** Opaque to clients: they pass back what `next_before` gave. */
function encodeCursor(key: TimelineCursor): string {
  return Buffer.from(`${key.ms}.${key.rank}.${key.id}`).toString('base64url');
}

export function decodeCursor(text: string): TimelineCursor {
  const form = /^(\d{1,16})\.([0-2])\.(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString('latin1'));
  const [ms, rank, id] = form ? [Number(form[1]), Number(form[2]), Number(form[3])] : [];
  if (
    ms === undefined ||
    rank === undefined ||
    id === undefined ||
    !Number.isSafeInteger(ms) ||
    !Number.isSafeInteger(id)
  ) {
    throw new HttpError(
      400,
      'invalid_request',
      "'before' is not a place in this time line; pass the next_before of a page as it came.",
      'before',
    );
  }
  return { ms, rank, id };
}

/** The types a `types` parameter names; all of them when it is absent. */
export function typesOf(text: string | undefined): TimelineType[] {
  if (text === undefined) return [...TIMELINE_TYPES];
  const names = text.split(',').map((name) => name.trim());
  const known: ReadonlySet<string> = new Set(TIMELINE_TYPES);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new HttpError(
      400,
      'invalid_request',
      `Unknown time line type '${unknown[0] ?? text}'; 'types' is a comma-separated list of ${TIMELINE_TYPES.join(', ')}.`,
      'types',
    );
  }
  return TIMELINE_TYPES.filter((type) => names.includes(type));
}

interface EventRow {
  at_ms: number;
  kind: string;
  message: string;
  status: string | null;
  exit_code: number | null;
  signal: string | null;
  idle_seconds: number | null;
}

function eventItem(row: EventRow): SessionEvent {
  return {
    type: 'event',
    time: iso(row.at_ms),
    // The recorder writes the contract's words only.
    event: row.kind as SessionEvent['event'],
    message: row.message,
    ...(row.status !== null && { status: row.status as NonNullable<SessionEvent['status']> }),
    ...(row.exit_code !== null && { exit_code: row.exit_code }),
    ...(row.signal !== null && { signal: row.signal }),
    ...(row.idle_seconds !== null && { idle_seconds: row.idle_seconds }),
  };
}

interface GapRow {
  from_ms: number;
  to_ms: number;
  reason: string;
  count: number | null;
}

function gapItem(row: GapRow): HistoryGap {
  return {
    type: 'gap',
    time: iso(row.from_ms),
    end_time: iso(row.to_ms),
    reason: row.reason as HistoryGap['reason'],
    ...(row.count !== null && { count: row.count }),
  };
}
