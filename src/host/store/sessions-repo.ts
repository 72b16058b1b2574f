import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { AgentSession, List, PageQuery, SessionStatus } from '@contract';
import type { Db } from './db';
import { PageCache } from './page-cache';
import { pageBySeq } from './paging';

export interface SessionRow {
  seq: number;
  agent_name: string;
  session_id: string;
  agent_version: string;
  status: SessionStatus;
  created_at: number;
  last_accessed_at: number;
  expires_at: number;
  stopped_at: number | null;
  owner_key_hash: string | null;
}

/** Owner keys are compared, never returned, so only their hash is kept. */
export const hashOwnerKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function toSession(row: SessionRow): AgentSession {
  return {
    agent_session_id: row.session_id,
    version_indicator: { type: 'version_ref', agent_version: row.agent_version },
    status: row.status,
    created_at: row.created_at,
    last_accessed_at: row.last_accessed_at,
    expires_at: row.expires_at,
    ...(row.stopped_at !== null && { stopped_at: row.stopped_at }),
  };
}

const ROW_CACHE_SIZE = 10_000;
const rowKey = (agent: string, id: string) => `${agent}\u0000${id}`;

export class SessionsRepo {
  // The statements a list request runs, prepared once: preparing costs as much as running them.
  private readonly byId: Statement;
  private readonly tombstoneSeq: Statement;
  /**
   * A page with and without a cursor, per direction. Two forms, not one `? IS NULL OR seq < ?`: SQLite
   * cannot make that OR a range on the (agent_name, seq) index, so a page deep in the list walked every
   * row ahead of it (with 10,000 sessions the last page took 4x as long as the first).
   */
  private readonly pages: Record<'asc' | 'desc', { first: Statement; after: Statement }>;
  /** UPDATE statements by the set of columns they write; touch runs one on every invocation. */
  private readonly updates = new Map<string, Statement>();

  /** Serialized list pages; every write below drops its agent's. */
  readonly pageCache = new PageCache();
  /**
   * Rows by agent and id, as last read or written here: an invocation reads its session twice, and
   * those reads cost more than the rest of its routing. Every write below keeps it in step; the oldest
   * entries go past ROW_CACHE_SIZE.
   */
  private readonly rows = new Map<string, Readonly<SessionRow>>();

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM sessions WHERE agent_name = ? AND session_id = ?');
    this.tombstoneSeq = db.prepare(
      'SELECT seq FROM session_tombstones WHERE agent_name = ? AND session_id = ?',
    );
    const page = (direction: 'asc' | 'desc') => ({
      first: db.prepare(`SELECT * FROM sessions WHERE agent_name = ? ORDER BY seq ${direction} LIMIT ?`),
      after: db.prepare(
        `SELECT * FROM sessions WHERE agent_name = ? AND seq ${direction === 'asc' ? '>' : '<'} ?
         ORDER BY seq ${direction} LIMIT ?`,
      ),
    });
    this.pages = { asc: page('asc'), desc: page('desc') };
  }

  get(agent: string, id: string): Readonly<SessionRow> | undefined {
    const key = rowKey(agent, id);
    const cached = this.rows.get(key);
    if (cached) return cached;
    const row = this.byId.get(agent, id) as SessionRow | undefined;
    if (row) this.remember(key, row);
    return row;
  }

  private remember(key: string, row: Readonly<SessionRow>): void {
    this.rows.delete(key);
    this.rows.set(key, row);
    if (this.rows.size > ROW_CACHE_SIZE) this.rows.delete(this.rows.keys().next().value!);
  }

  /** Inserts a new session; false when the id is taken for this agent. */
  insert(row: Omit<SessionRow, 'seq'>): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO sessions (agent_name, session_id, agent_version, status, created_at, last_accessed_at,
           expires_at, stopped_at, owner_key_hash)
         VALUES (@agent_name, @session_id, @agent_version, @status, @created_at, @last_accessed_at,
           @expires_at, @stopped_at, @owner_key_hash)
         ON CONFLICT (agent_name, session_id) DO NOTHING`,
      )
      .run(row);
    this.pageCache.invalidate(row.agent_name);
    // The stored row has its seq; the next get reads it.
    this.rows.delete(rowKey(row.agent_name, row.session_id));
    return result.changes === 1;
  }

  update(
    agent: string,
    id: string,
    fields: Partial<Pick<SessionRow, 'status' | 'last_accessed_at' | 'expires_at' | 'stopped_at'>>,
  ): void {
    const keys = Object.keys(fields).sort();
    if (keys.length === 0) return;
    const signature = keys.join(',');
    let statement = this.updates.get(signature);
    if (!statement) {
      statement = this.db.prepare(
        `UPDATE sessions SET ${keys.map((k) => `${k} = @${k}`).join(', ')}
         WHERE agent_name = @agent_name AND session_id = @session_id`,
      );
      this.updates.set(signature, statement);
    }
    statement.run({ ...fields, agent_name: agent, session_id: id });
    this.pageCache.invalidate(agent);
    const key = rowKey(agent, id);
    const cached = this.rows.get(key);
    if (cached) this.rows.set(key, { ...cached, ...fields });
  }

  /** Removes the row and remembers its place, so cursors naming it keep working. */
  remove(agent: string, id: string): void {
    this.db.transaction(() => {
      const row = this.get(agent, id);
      if (!row) return;
      this.db
        .prepare(
          `INSERT INTO session_tombstones (agent_name, session_id, seq) VALUES (?, ?, ?)
           ON CONFLICT (agent_name, session_id) DO UPDATE SET seq = excluded.seq`,
        )
        .run(agent, id, row.seq);
      this.db.prepare('DELETE FROM sessions WHERE seq = ?').run(row.seq);
    })();
    this.pageCache.invalidate(agent);
    this.rows.delete(rowKey(agent, id));
  }

  list(agent: string, query: PageQuery): List<SessionRow> {
    return pageBySeq<SessionRow>(
      query,
      (direction, bound, count) =>
        (bound === undefined
          ? this.pages[direction].first.all(agent, count)
          : this.pages[direction].after.all(agent, bound, count)) as SessionRow[],
      (id) => {
        const live = this.get(agent, id);
        if (live) return live.seq;
        return (this.tombstoneSeq.get(agent, id) as { seq: number } | undefined)?.seq;
      },
      (row) => row.session_id,
    );
  }

  withStatus(statuses: SessionStatus[]): SessionRow[] {
    return this.db
      .prepare(`SELECT * FROM sessions WHERE status IN (${statuses.map(() => '?').join(', ')})`)
      .all(...statuses) as SessionRow[];
  }

  expiredBy(now: number): SessionRow[] {
    return this.db
      .prepare(
        `SELECT * FROM sessions WHERE expires_at <= ? AND status NOT IN ('expired', 'deleting', 'deleted')`,
      )
      .all(now) as SessionRow[];
  }
}
