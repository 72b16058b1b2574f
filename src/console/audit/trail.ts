import type { Statement } from 'better-sqlite3';
import type { AuditAction, AuditEntry, AuditOutcome, List } from '@contract';
import type { ConsoleDb } from '../store/db';

/** One entry as it is added; the trail gives it its id. */
export interface NewAuditEntry {
  atMs: number;
  durationMs: number;
  person: string;
  label?: string;
  connection?: string;
  action: AuditAction;
  method: string;
  route?: string;
  agent?: string;
  session?: string;
  path?: string;
  outcome: AuditOutcome;
  status?: number;
  errorCode?: string;
  requestId?: string;
  bytes?: number;
}

/** Which entries: every member given must match. Times are Unix milliseconds, `toMs` exclusive. */
export interface AuditSelection {
  person?: string;
  action?: AuditAction;
  agent?: string;
  session?: string;
  connection?: string;
  fromMs?: number;
  toMs?: number;
}

export type Order = 'asc' | 'desc';

/** A page: at most `limit` entries in `order`, past the entry with sequence number `after` or before `before`. */
export interface PageRequest {
  limit: number;
  order: Order;
  after?: number;
  before?: number;
}

export interface Row {
  seq: number;
  at_ms: number;
  duration_ms: number;
  person: string;
  label: string | null;
  connection: string | null;
  action: AuditAction;
  method: string;
  route: string | null;
  agent: string | null;
  session: string | null;
  path: string | null;
  outcome: AuditOutcome;
  status: number | null;
  error_code: string | null;
  request_id: string | null;
  bytes: number | null;
}

const ID_PREFIX = 'au_';

const auditId = (seq: number) => `${ID_PREFIX}${seq}`;

/** The sequence number an id names, or undefined when it is not an audit entry id. */
export function auditSeq(id: string): number | undefined {
  if (!/^au_[1-9][0-9]{0,15}$/.test(id)) return undefined;
  const seq = Number(id.slice(ID_PREFIX.length));
  return Number.isSafeInteger(seq) ? seq : undefined;
}

const FILTERS: Record<keyof AuditSelection, string> = {
  person: '(person = @person OR label = @person)',
  action: 'action = @action',
  agent: 'agent = @agent',
  session: 'session = @session',
  connection: 'connection = @connection',
  fromMs: 'at_ms >= @fromMs',
  toMs: 'at_ms < @toMs',
};

/**
 * The audit trail in the console's store: entries are added and read, never changed or removed (the
 * table's triggers refuse both). Entries are listed by their sequence number, the order they were added.
 */
export class AuditTrail {
  private readonly insert: Statement;
  /** Statements by the filters they use: a handful of shapes, each prepared once. */
  private readonly selects = new Map<string, Statement>();

  constructor(private readonly db: ConsoleDb) {
    this.insert = db.prepare(
      `INSERT INTO audit_entries (at_ms, duration_ms, person, label, connection, action, method, route,
         agent, session, path, outcome, status, error_code, request_id, bytes)
       VALUES (@atMs, @durationMs, @person, @label, @connection, @action, @method, @route,
         @agent, @session, @path, @outcome, @status, @errorCode, @requestId, @bytes)`,
    );
  }

  append(entry: NewAuditEntry): string {
    const { lastInsertRowid } = this.insert.run({
      label: null,
      connection: null,
      route: null,
      agent: null,
      session: null,
      path: null,
      status: null,
      errorCode: null,
      requestId: null,
      bytes: null,
      ...withoutUndefined(entry),
    });
    return auditId(Number(lastInsertRowid));
  }

  page(selection: AuditSelection, request: PageRequest): List<AuditEntry> {
    const backwards = request.before !== undefined;
    // `before` is the page ahead of the cursor: read away from it, then turn the page the right way round.
    const direction: Order = backwards ? (request.order === 'asc' ? 'desc' : 'asc') : request.order;
    const bound = request.after ?? request.before;
    const rows = this.rows(selection, direction, bound, request.limit + 1);
    const hasMore = rows.length > request.limit;
    const data = rows.slice(0, request.limit).map(toEntry);
    if (backwards) data.reverse();
    const first = data[0];
    const last = data[data.length - 1];
    return {
      object: 'list',
      data,
      ...(first && { first_id: first.id }),
      ...(last && { last_id: last.id }),
      has_more: hasMore,
    };
  }

  /**
   * Every entry selected, `size` at a time, each batch its own query: a reader that waits between batches
   * (a slow download) holds no statement open, so entries keep being added meanwhile.
   */
  *batches(selection: AuditSelection, order: Order, size = 500): Generator<AuditEntry[]> {
    let bound: number | undefined;
    for (;;) {
      const rows = this.rows(selection, order, bound, size);
      if (rows.length > 0) yield rows.map(toEntry);
      if (rows.length < size) return;
      bound = rows[rows.length - 1]!.seq;
    }
  }

  private rows(selection: AuditSelection, direction: Order, bound: number | undefined, limit: number): Row[] {
    const used = (Object.keys(FILTERS) as (keyof AuditSelection)[]).filter(
      (key) => selection[key] !== undefined,
    );
    const key = `${used.join(',')}|${direction}|${bound === undefined ? '' : 'bound'}`;
    let statement = this.selects.get(key);
    if (!statement) {
      const where = used.map((name) => FILTERS[name]);
      if (bound !== undefined) where.push(direction === 'asc' ? 'seq > @bound' : 'seq < @bound');
      statement = this.db.prepare(
        `SELECT * FROM audit_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq ${direction === 'asc' ? 'ASC' : 'DESC'} LIMIT @limit`,
      );
      this.selects.set(key, statement);
    }
    const params: Record<string, unknown> = { limit };
    for (const name of used) params[name] = selection[name];
    if (bound !== undefined) params.bound = bound;
    return statement.all(params) as Row[];
  }
}

export function toEntry(row: Row): AuditEntry {
  return {
    id: auditId(row.seq),
    time: new Date(row.at_ms).toISOString(),
    duration_ms: row.duration_ms,
    person: row.person,
    ...(row.label !== null && { label: row.label }),
    ...(row.connection !== null && { connection: row.connection }),
    action: row.action,
    method: row.method,
    ...(row.route !== null && { route: row.route }),
    ...(row.agent !== null && { agent: row.agent }),
    ...(row.session !== null && { session: row.session }),
    ...(row.path !== null && { path: row.path }),
    outcome: row.outcome,
    ...(row.status !== null && { status: row.status }),
    ...(row.error_code !== null && { error_code: row.error_code }),
    ...(row.request_id !== null && { request_id: row.request_id }),
    ...(row.bytes !== null && { bytes: row.bytes }),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
