import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  apiPaths,
  AUDIT_PATH,
  HISTORY_DEFAULT_DAYS,
  HISTORY_DEFAULT_MAX_MB,
  HISTORY_PATH,
  historyPath,
  USER_LABEL_HEADER,
  type AgentSession,
  type AuditEntry,
  type ErrorBody,
  type HistoryUsage,
  type List,
  type RecordedLines,
  type RecordingState,
  type SessionHistory,
  type TimelineItem,
} from '@contract';
import { consoleServer, type ConsoleOptions } from '../../src/console';
import { CONSOLE_DB_FILE } from '../../src/console/store/db';
import type { Access } from '../../src/server/access';
import { apiUrl, type Query } from '../helpers/host';
import { startConsole, type ConsoleServer } from '../gateway/helpers';

// The history API through real HTTP against a console built as the CLI builds it. What the recorder would
// write is written straight into the console's store here, so every query is checked on rows whose
// answers are known; calls through the host API give the audit entries, as they do in use.

const AGENT = 'notes-agent';
const LABEL = 'Ada at the help desk';
const DAY_MS = 24 * 3600_000;

const withConsole =
  (history?: ConsoleOptions['history']) =>
  ({ dataDir, access }: { dataDir: string; access: Access }) => [
    consoleServer({ dataDir, localEndpoint: '/api/projects/local', access, ...(history && { history }) }),
  ];

interface Reply<T> {
  status: number;
  text: string;
  body: T;
}

async function send<T = ErrorBody>(url: string, method = 'GET'): Promise<Reply<T>> {
  const res = await fetch(url, { method, headers: { [USER_LABEL_HEADER]: encodeURIComponent(LABEL) } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body: body as T };
}

async function ok<T>(url: string, method = 'GET'): Promise<T> {
  const res = await send<T>(url, method);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const iso = (ms: number) => new Date(ms).toISOString();

let unique = 0;
/** A session id no other test uses. */
const fresh = (prefix = 'hs') => `${prefix}-${Date.now().toString(36)}-${++unique}`;

/** The console's store, opened beside the server as the recorder would write it. */
class Seeder {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(path.join(dataDir, CONSOLE_DB_FILE));
    this.db.pragma('busy_timeout = 5000');
  }

  recording(
    ref: { connection?: string; agent?: string; session: string },
    columns: Record<string, unknown> = {},
  ): number {
    const row = { connection: 'local', agent: AGENT, created_ms: Date.now(), ...ref, ...columns };
    const names = Object.keys(row);
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO recordings (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
      )
      .run(row);
    return Number(lastInsertRowid);
  }

  /** Lines as the recorder stores them, and the row's figures kept as it keeps them. Returns their seqs. */
  lines(
    recording: number,
    lines: { at_ms: number; message: string; stream?: string; event_id?: string | null }[],
  ): number[] {
    const insert = this.db.prepare(
      'INSERT INTO log_lines (recording_id, event_id, at_ms, stream, message) VALUES (?, ?, ?, ?, ?)',
    );
    const seqs = this.db.transaction(() =>
      lines.map((l) =>
        Number(
          insert.run(recording, l.event_id ?? null, l.at_ms, l.stream ?? 'stdout', l.message).lastInsertRowid,
        ),
      ),
    )();
    const last = lines[lines.length - 1];
    this.db
      .prepare(
        `UPDATE recordings SET lines = lines + @count, first_line_ms = coalesce(first_line_ms, @first),
           last_event_id = coalesce(@lastId, last_event_id) WHERE id = @id`,
      )
      .run({
        id: recording,
        count: lines.length,
        first: lines[0]?.at_ms ?? null,
        lastId: last?.event_id ?? null,
      });
    return seqs;
  }

  event(
    recording: number,
    at_ms: number,
    kind: string,
    message: string,
    extra: Record<string, unknown> = {},
  ): number {
    const row = { status: null, exit_code: null, signal: null, idle_seconds: null, ...extra };
    return Number(
      this.db
        .prepare(
          `INSERT INTO session_events (recording_id, at_ms, kind, message, status, exit_code, signal, idle_seconds)
           VALUES (@recording, @at_ms, @kind, @message, @status, @exit_code, @signal, @idle_seconds)`,
        )
        .run({ recording, at_ms, kind, message, ...row }).lastInsertRowid,
    );
  }

  gap(
    recording: number,
    from_ms: number,
    to_ms: number,
    reason: string,
    count: number | null = null,
  ): number {
    return Number(
      this.db
        .prepare(
          'INSERT INTO history_gaps (recording_id, from_ms, to_ms, reason, count) VALUES (?, ?, ?, ?, ?)',
        )
        .run(recording, from_ms, to_ms, reason, count).lastInsertRowid,
    );
  }

  /** An audit entry as the trail adds one (the table takes inserts; it refuses only changes). */
  audit(session: string, at_ms: number, action: string, extra: Record<string, unknown> = {}): number {
    const row = {
      at_ms,
      duration_ms: 3,
      person: 'someone',
      connection: 'local',
      action,
      method: 'POST',
      agent: AGENT,
      session,
      outcome: 'ok',
      status: 200,
      ...extra,
    };
    const names = Object.keys(row);
    return Number(
      this.db
        .prepare(
          `INSERT INTO audit_entries (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
        )
        .run(row).lastInsertRowid,
    );
  }

  close() {
    this.db.close();
  }
}

describe('the history API of a console', () => {
  let server: ConsoleServer;
  let seed: Seeder;

  const history = (session: string, query: Query = {}, connection = 'local') =>
    withQuery(server.origin + historyPath(connection, AGENT, session), query);
  const linesUrl = (session: string, query: Query = {}, connection = 'local') =>
    withQuery(`${server.origin}${historyPath(connection, AGENT, session)}/lines`, query);
  const local = (apiPath: string, query: Query = {}) =>
    apiUrl(`${server.origin}/api/projects/local`, apiPath, query);

  beforeAll(async () => {
    server = await startConsole({ plugins: withConsole({ days: 7, maxMb: 50 }) });
    seed = new Seeder(server.dataDir);
  });

  afterAll(async () => {
    seed?.close();
    await server?.close();
  });

  /** The audit entries about a session, once `count` of them are there (an entry is added as its call ends). */
  async function auditOf(session: string, count: number): Promise<AuditEntry[]> {
    let entries: AuditEntry[] = [];
    await vi.waitFor(
      async () => {
        entries = (
          await ok<List<AuditEntry>>(withQuery(server.origin + AUDIT_PATH, { session, order: 'asc' }))
        ).data;
        expect(entries.length).toBeGreaterThanOrEqual(count);
      },
      { timeout: 10_000, interval: 20 },
    );
    return entries;
  }

  describe('a session', () => {
    it('is a 404 saying so when the console knows nothing of it, for its history and its lines', async () => {
      const session = fresh('unknown');
      for (const url of [history(session), linesUrl(session)]) {
        const res = await send(url);
        expect(res.status, res.text).toBe(404);
        expect(res.body.error.code).toBe('not_found');
        expect(res.body.error.message).toContain(session);
        expect(res.body.error.message).toMatch(/no history/);
      }
      // Known on one connection is not known on another.
      const id = seed.recording({ session });
      expect(id).toBeGreaterThan(0);
      expect((await send(history(session))).status).toBe(200);
      expect((await send(history(session, {}, 'elsewhere'))).status).toBe(404);
    });

    it('gives the session as last seen and its recording state', async () => {
      const session = fresh();
      const now = Date.now();
      const known: AgentSession = {
        agent_session_id: session,
        version_indicator: { type: 'version_ref', agent_version: '1' },
        status: 'active',
        created_at: Math.floor(now / 1000) - 60,
        last_accessed_at: Math.floor(now / 1000) - 5,
        expires_at: Math.floor(now / 1000) + 3600,
      };
      const id = seed.recording(
        { session },
        {
          last_known: JSON.stringify(known),
          last_seen_ms: now - 5000,
          reasons: 'opened,invoked',
          reasons_until_ms: now + DAY_MS,
        },
      );
      seed.lines(id, [
        { at_ms: now - 3000, message: 'first', event_id: '1' },
        { at_ms: now - 2000, message: 'second', event_id: '2' },
      ]);
      seed.event(id, now - 1000, 'ready', 'ready on port 5000');

      const body = await ok<SessionHistory>(history(session));
      expect(body).toMatchObject({ connection: 'local', agent: AGENT, session, last_known: known });
      expect(body.last_seen).toBe(iso(now - 5000));
      expect(body.tombstone).toBeUndefined();
      expect(body.recording).toEqual({
        // No recorder is running in this console: the lines are kept, nothing listens.
        state: 'idle',
        reasons: ['opened', 'invoked'],
        pinned: false,
        since: iso(now - 3000),
        last_event_id: '2',
        lines: 2,
        // Seven days (the console's option) after the newest thing kept, the event.
        kept_until: iso(now - 1000 + 7 * DAY_MS),
      });
    });

    it('drops reasons whose time is up, and says never for a recording with no lines', async () => {
      const session = fresh();
      seed.recording({ session }, { reasons: 'opened', reasons_until_ms: Date.now() - 1000 });
      const body = await ok<SessionHistory>(history(session));
      expect(body.recording).toEqual({ state: 'never', reasons: [], pinned: false, lines: 0 });
      expect(body.last_known).toBeUndefined();
      expect(body.timeline).toEqual([]);
      expect(body.has_more).toBe(false);
    });
  });

  describe('tombstones', () => {
    it('say when a session expired and how long its history is kept', async () => {
      const session = fresh();
      const gone = Date.now() - 60_000;
      const id = seed.recording({ session }, { gone_how: 'expired', gone_ms: gone });
      seed.lines(id, [{ at_ms: gone - 10_000, message: 'last words' }]);
      seed.event(id, gone, 'expired', 'the session expired', { status: 'expired' });
      const body = await ok<SessionHistory>(history(session));
      expect(body.tombstone).toEqual({ how: 'expired', time: iso(gone), kept_until: iso(gone + 7 * DAY_MS) });
      expect(body.timeline[0]).toEqual({
        type: 'event',
        time: iso(gone),
        event: 'expired',
        message: 'the session expired',
        status: 'expired',
      });
    });

    it('name who deleted a session through this console, and keep its files’ history', async () => {
      const created = await send<AgentSession>(local(apiPaths.sessions(AGENT)), 'POST');
      expect(created.status, created.text).toBe(201);
      const session = created.body.agent_session_id;
      const upload = await fetch(local(apiPaths.fileContent(AGENT, session), { path: 'in/report.txt' }), {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          [USER_LABEL_HEADER]: encodeURIComponent(LABEL),
        },
        body: 'twelve bytes',
      });
      expect(upload.status).toBe(201);
      expect(
        (await send(local(apiPaths.files(AGENT, session), { path: 'in/report.txt' }), 'DELETE')).status,
      ).toBe(204);
      expect((await send(local(apiPaths.session(AGENT, session)), 'DELETE')).status).toBe(204);
      const entries = await auditOf(session, 4);
      const deleted = entries.find((e) => e.action === 'session.delete')!;

      const body = await ok<SessionHistory>(history(session));
      // The recorder may have seen the delete itself, a moment after the call's entry was written.
      const time = Date.parse(body.tombstone!.time);
      expect(time - Date.parse(deleted.time)).toBeLessThan(10_000);
      expect(body.tombstone).toEqual({
        how: 'deleted',
        time: expect.any(String),
        by: deleted,
        kept_until: expect.any(String),
      });
      expect(Date.parse(body.tombstone!.kept_until) - time).toBeGreaterThanOrEqual(7 * DAY_MS);
      expect(Date.parse(body.tombstone!.kept_until) - time).toBeLessThan(7 * DAY_MS + 10_000);
      expect(body.tombstone?.by).toMatchObject({ person: expect.any(String), label: LABEL, status: 204 });
      // Newest first: the delete, the file's removal, its upload with path and size, the create.
      const audit = await ok<SessionHistory>(history(session, { types: 'audit' }));
      expect(audit.timeline.map((item) => item.type === 'audit' && item.entry.action)).toEqual([
        'session.delete',
        'file.delete',
        'file.upload',
        'session.create',
      ]);
      const uploaded = audit.timeline[2] as Extract<TimelineItem, { type: 'audit' }>;
      expect(uploaded.entry).toMatchObject({ path: 'in/report.txt', bytes: 12, label: LABEL });
      expect(uploaded.time).toBe(uploaded.entry.time);
    });

    it('come from the delete’s audit entry alone when nothing was recorded', async () => {
      const session = fresh();
      const at = Date.now() - 30_000;
      const seq = seed.audit(session, at, 'session.delete', { method: 'DELETE', status: 204, label: LABEL });
      const body = await ok<SessionHistory>(history(session));
      expect(body.tombstone).toEqual({
        how: 'deleted',
        time: iso(at),
        by: expect.objectContaining({
          id: `au_${seq}`,
          person: 'someone',
          label: LABEL,
          action: 'session.delete',
        }),
        kept_until: iso(at + 7 * DAY_MS),
      });
      expect(body.recording).toEqual({ state: 'never', reasons: [], pinned: false, lines: 0 });
    });

    it('take the time the recorder saw and the delete’s entry when both are there', async () => {
      const session = fresh();
      const at = Date.now() - 30_000;
      const seq = seed.audit(session, at, 'session.delete', { method: 'DELETE', status: 204 });
      const seen = at + 1500;
      const id = seed.recording({ session }, { gone_how: 'deleted', gone_ms: seen });
      seed.lines(id, [{ at_ms: seen - 100, message: 'bye' }]);
      const body = await ok<SessionHistory>(history(session));
      expect(body.tombstone).toEqual({
        how: 'deleted',
        time: iso(seen),
        by: expect.objectContaining({ id: `au_${seq}`, time: iso(at) }),
        kept_until: iso(seen + 7 * DAY_MS),
      });
    });

    it('are absent for a delete that failed', async () => {
      const session = fresh();
      seed.recording({ session });
      seed.audit(session, Date.now(), 'session.delete', { method: 'DELETE', outcome: 'error', status: 409 });
      const body = await ok<SessionHistory>(history(session));
      expect(body.tombstone).toBeUndefined();
    });
  });

  describe('the time line', () => {
    /** 30 events, 10 gaps and 10 audit entries, many at the very same millisecond. */
    function seedTimeline(session: string, base: number) {
      const id = seed.recording({ session });
      const at = (i: number) => base + Math.floor(i / 3) * 1000;
      for (let i = 0; i < 30; i++) seed.event(id, at(i), 'active', `event ${i}`, { status: 'active' });
      for (let i = 0; i < 10; i++) seed.gap(id, at(i * 3), at(i * 3) + 500, 'dropped', i);
      for (let i = 0; i < 10; i++) seed.audit(session, at(i * 3), 'invocation');
      return id;
    }

    const key = (item: TimelineItem) =>
      item.type === 'audit'
        ? `audit ${item.entry.id}`
        : item.type === 'event'
          ? `event ${item.message}`
          : `gap ${item.time} ${item.count}`;

    it('merges events, gaps and audit entries newest first and pages through all of them, ties included', async () => {
      const session = fresh();
      seedTimeline(session, Date.now() - 3600_000);
      const all = await ok<SessionHistory>(history(session, { limit: 500 }));
      expect(all.timeline).toHaveLength(50);
      expect(all.has_more).toBe(false);
      expect(all.next_before).toBeUndefined();
      const times = all.timeline.map((item) => Date.parse(item.time));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(new Set(all.timeline.map((item) => item.type))).toEqual(new Set(['event', 'gap', 'audit']));

      const paged: TimelineItem[] = [];
      let before: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await ok<SessionHistory>(history(session, { limit: 7, before }));
        paged.push(...page.timeline);
        if (!page.has_more) break;
        expect(page.timeline).toHaveLength(7);
        before = page.next_before;
        expect(before).toEqual(expect.any(String));
      }
      expect(paged.map(key)).toEqual(all.timeline.map(key));
    });

    it('filters by type and by time', async () => {
      const session = fresh();
      const base = Date.now() - 3600_000;
      seedTimeline(session, base);
      const gaps = await ok<SessionHistory>(history(session, { types: 'gap', limit: 500 }));
      expect(gaps.timeline).toHaveLength(10);
      expect(gaps.timeline.every((item) => item.type === 'gap')).toBe(true);
      expect(gaps.timeline[0]).toEqual({
        type: 'gap',
        time: iso(base + 9000),
        end_time: iso(base + 9500),
        reason: 'dropped',
        count: 9,
      });

      const noAudit = await ok<SessionHistory>(history(session, { types: 'event, gap', limit: 500 }));
      expect(noAudit.timeline).toHaveLength(40);

      // Seconds 2 to 4 (4 excluded): events 6..11, the gaps and audit entries at 2 and 3.
      const window = await ok<SessionHistory>(
        history(session, { from: iso(base + 2000), to: iso(base + 4000), limit: 500 }),
      );
      expect(window.timeline.map((item) => item.time)).toEqual(
        expect.arrayContaining([iso(base + 2000), iso(base + 3000)]),
      );
      expect(window.timeline).toHaveLength(6 + 2 + 2);
      const windowAudit = await ok<SessionHistory>(
        history(session, { types: 'audit', from: iso(base + 2000), to: iso(base + 4000) }),
      );
      expect(windowAudit.timeline).toHaveLength(2);
    });

    it('has 100 items a page unless told', async () => {
      const session = fresh();
      const id = seed.recording({ session });
      const base = Date.now() - 3600_000;
      for (let i = 0; i < 120; i++) seed.event(id, base + i, 'idle', `e${i}`);
      const page = await ok<SessionHistory>(history(session));
      expect(page.timeline).toHaveLength(100);
      expect(page.has_more).toBe(true);
      expect(page.timeline[0]).toMatchObject({ message: 'e119' });
    });
  });

  describe('recorded lines', () => {
    let session: string;
    let seqs: number[];
    const base = Date.now() - 2 * 3600_000;

    beforeAll(() => {
      session = fresh();
      const id = seed.recording({ session });
      seqs = seed.lines(
        id,
        Array.from({ length: 1000 }, (_, i) => ({
          at_ms: base + i * 1000,
          event_id: `ev-${i}`,
          stream: i % 10 === 9 ? 'stderr' : 'stdout',
          message:
            i % 100 === 42
              ? `request ${i} failed with error: 500 at foo-bar`
              : i === 500
                ? 'exit code 3 after "quoted" words'
                : `line ${i} all is well`,
        })),
      );
      // Another session with the same words: a search never reaches into it.
      const other = seed.recording({ session: fresh() });
      seed.lines(other, [{ at_ms: base, message: 'error: 500 in another session at foo-bar' }]);
    });

    it('gives the latest 200 first and pages back through all 1,000', async () => {
      const first = await ok<RecordedLines>(linesUrl(session));
      expect(first.data).toHaveLength(200);
      expect(first.has_more).toBe(true);
      expect(first.data[0]).toEqual({
        seq: seqs[999],
        id: 'ev-999',
        time: iso(base + 999_000),
        stream: 'stderr',
        message: 'line 999 all is well',
      });
      const read = [...first.data];
      let page = first;
      while (page.has_more) {
        page = await ok<RecordedLines>(linesUrl(session, { before: read[read.length - 1]!.seq }));
        read.push(...page.data);
      }
      expect(read.map((l) => l.seq)).toEqual([...seqs].reverse());
      expect(read.map((l) => l.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `ev-${999 - i}`));
    });

    it('pages forward oldest first with after', async () => {
      const page = await ok<RecordedLines>(linesUrl(session, { after: seqs[994], limit: 3 }));
      expect(page.data.map((l) => l.id)).toEqual(['ev-995', 'ev-996', 'ev-997']);
      expect(page.has_more).toBe(true);
      const end = await ok<RecordedLines>(linesUrl(session, { after: seqs[997] }));
      expect(end.data.map((l) => l.id)).toEqual(['ev-998', 'ev-999']);
      expect(end.has_more).toBe(false);
    });

    it('fills a gap between two event ids, and after one alone', async () => {
      const between = await ok<RecordedLines>(linesUrl(session, { after_id: 'ev-100', before_id: 'ev-105' }));
      expect(between.data.map((l) => l.id)).toEqual(['ev-101', 'ev-102', 'ev-103', 'ev-104']);
      expect(between.has_more).toBe(false);
      const after = await ok<RecordedLines>(linesUrl(session, { after_id: 'ev-996' }));
      expect(after.data.map((l) => l.id)).toEqual(['ev-997', 'ev-998', 'ev-999']);
      // The line that ends the gap is not stored yet: everything after the start.
      const open = await ok<RecordedLines>(linesUrl(session, { after_id: 'ev-997', before_id: 'ev-5000' }));
      expect(open.data.map((l) => l.id)).toEqual(['ev-998', 'ev-999']);

      const missing = await send(linesUrl(session, { after_id: 'ev-nope' }));
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'not_found', param: 'after_id' });
    });

    it('filters by stream and by time', async () => {
      const errors = await ok<RecordedLines>(linesUrl(session, { stream: 'stderr', limit: 1000 }));
      expect(errors.data).toHaveLength(100);
      expect(errors.data.every((l) => l.stream === 'stderr')).toBe(true);
      const window = await ok<RecordedLines>(
        linesUrl(session, { from: iso(base + 10_000), to: iso(base + 20_000) }),
      );
      expect(window.data.map((l) => l.id)).toEqual(Array.from({ length: 10 }, (_, i) => `ev-${19 - i}`));
    });

    it('searches the words as written, newest first, within the session, paging with before', async () => {
      const hits = Array.from({ length: 10 }, (_, k) => `ev-${942 - k * 100}`);
      for (const q of ['error: 500', 'foo-bar', 'FAILED', 'fail*', '"error: 500" AND request']) {
        const found = await ok<RecordedLines>(linesUrl(session, { q, limit: 1000 }));
        expect(
          found.data.map((l) => l.id),
          q,
        ).toEqual(hits);
      }
      const first = await ok<RecordedLines>(linesUrl(session, { q: 'error: 500', limit: 4 }));
      expect(first.data.map((l) => l.id)).toEqual(hits.slice(0, 4));
      expect(first.has_more).toBe(true);
      const next = await ok<RecordedLines>(
        linesUrl(session, { q: 'error: 500', limit: 4, before: first.data[3]!.seq }),
      );
      expect(next.data.map((l) => l.id)).toEqual(hits.slice(4, 8));
      const last = await ok<RecordedLines>(
        linesUrl(session, { q: 'error: 500', limit: 4, before: next.data[3]!.seq }),
      );
      expect(last.data.map((l) => l.id)).toEqual(hits.slice(8));
      expect(last.has_more).toBe(false);

      const phrase = await ok<RecordedLines>(linesUrl(session, { q: '"exit code 3" OR nothing-like-it' }));
      expect(phrase.data.map((l) => l.message)).toEqual(['exit code 3 after "quoted" words']);
      const withStream = await ok<RecordedLines>(
        linesUrl(session, { q: 'line', stream: 'stderr', limit: 3 }),
      );
      expect(withStream.data.map((l) => l.id)).toEqual(['ev-999', 'ev-989', 'ev-979']);
      expect((await ok<RecordedLines>(linesUrl(session, { q: 'nothing-like-it' }))).data).toEqual([]);
    });

    it('refuses a search FTS5 cannot read with a 400 saying how to write one', async () => {
      for (const q of ['"error 500', 'error AND', '(error OR warn', 'NOT error']) {
        const res = await send(linesUrl(session, { q }));
        expect(res.status, q).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'q' });
        expect(res.body.error.message).toMatch(/double quotes/);
      }
    });

    it('answers an empty page for a session known only from the audit trail', async () => {
      const only = fresh();
      seed.audit(only, Date.now(), 'invocation');
      expect(await ok<RecordedLines>(linesUrl(only))).toEqual({ data: [], has_more: false });
    });

    it('finds nothing in a recording with no lines, and still refuses a search it cannot read', async () => {
      const empty = fresh();
      seed.recording({ session: empty });
      expect(await ok<RecordedLines>(linesUrl(empty, { q: 'error: 500' }))).toEqual({
        data: [],
        has_more: false,
      });
      const res = await send(linesUrl(empty, { q: 'error AND' }));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'q' });
    });
  });

  describe('bad input', () => {
    let session: string;
    beforeAll(() => {
      session = fresh();
      seed.recording({ session });
    });

    async function refused(url: string, param: string, message?: RegExp) {
      const res = await send(url);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', param });
      if (message) expect(res.body.error.message).toMatch(message);
    }

    it('names unknown time line types', async () => {
      await refused(history(session, { types: 'event,bogus' }), 'types', /'bogus'.*event, gap, audit/);
      await refused(history(session, { types: '' }), 'types');
    });

    it('refuses bad times and ranges over 366 days', async () => {
      await refused(history(session, { from: 'yesterday' }), 'from', /must be a date/);
      await refused(linesUrl(session, { to: '2026-02-30' }), 'to');
      await refused(history(session, { from: '2020-01-01', to: '2021-01-03' }), 'from', /366 days/);
      await refused(linesUrl(session, { from: '2020-01-01', to: '2021-01-03' }), 'from', /366 days/);
      await refused(history(session, { from: '2020-01-01T00:00:00Z' }), 'from', /366 days/);
      await refused(history(session, { from: '2021-01-02', to: '2021-01-01' }), 'from', /later than/);
      expect((await send(history(session, { from: '2020-01-01', to: '2021-01-01' }))).status).toBe(200);
    });

    it('refuses limits out of range', async () => {
      await refused(history(session, { limit: 0 }), 'limit');
      await refused(history(session, { limit: 501 }), 'limit');
      await refused(linesUrl(session, { limit: 1001 }), 'limit');
      await refused(linesUrl(session, { limit: 'many' }), 'limit');
    });

    it('refuses cursors that are not one, or that cannot go together', async () => {
      await refused(history(session, { before: 'not-a-cursor' }), 'before', /next_before/);
      await refused(linesUrl(session, { before: 10, after: 5 }), 'after');
      await refused(linesUrl(session, { before_id: 'ev-1' }), 'before_id');
      await refused(linesUrl(session, { q: 'x', after: 5 }), 'after');
      await refused(linesUrl(session, { stream: 'stdin' }), 'stream');
    });
  });

  describe('pins', () => {
    it('records a session whatever else holds, and the audit trail says who pinned and unpinned it', async () => {
      const session = fresh('pinned');
      const pinUrl = `${server.origin}${historyPath('foundry', AGENT, session)}/pin`;
      // No such connection here: the recorder tries, and keeps nothing.
      const pinned = await ok<RecordingState>(pinUrl, 'PUT');
      expect(pinned).toEqual({ state: expect.any(String), reasons: ['pinned'], pinned: true, lines: 0 });
      // Twice is once.
      expect(await ok<RecordingState>(pinUrl, 'PUT')).toMatchObject({ reasons: ['pinned'], pinned: true });
      expect((await ok<SessionHistory>(history(session, {}, 'foundry'))).recording.pinned).toBe(true);

      const unpinned = await ok<RecordingState>(pinUrl, 'DELETE');
      expect(unpinned).toEqual({ state: expect.any(String), reasons: [], pinned: false, lines: 0 });

      const entries = await auditOf(session, 3);
      expect(entries).toMatchObject([
        {
          action: 'recording.pin',
          method: 'PUT',
          connection: 'foundry',
          agent: AGENT,
          session,
          status: 200,
          label: LABEL,
        },
        { action: 'recording.pin', connection: 'foundry', agent: AGENT, session },
        {
          action: 'recording.unpin',
          method: 'DELETE',
          connection: 'foundry',
          agent: AGENT,
          session,
          status: 200,
        },
      ]);
      expect(entries[0]!.route).toBe(`${HISTORY_PATH}/:connection/:agent/:session/pin`);
      const timeline = (await ok<SessionHistory>(history(session, { types: 'audit' }, 'foundry'))).timeline;
      expect(timeline.map((item) => item.type === 'audit' && item.entry.action)).toEqual([
        'recording.unpin',
        'recording.pin',
        'recording.pin',
      ]);
    });

    it('unpinning a session never kept keeps nothing', async () => {
      const session = fresh('unpinned');
      const res = await ok<RecordingState>(
        `${server.origin}${historyPath('local', AGENT, session)}/pin`,
        'DELETE',
      );
      expect(res).toEqual({ state: 'never', reasons: [], pinned: false, lines: 0 });
      const row = seed.db.prepare('SELECT 1 FROM recordings WHERE session = ?').get(session);
      expect(row).toBeUndefined();
    });
  });

  it('tells the usage of the history and its limits', async () => {
    const usage = await ok<HistoryUsage>(`${server.origin}${HISTORY_PATH}/usage`);
    const expected = seed.db
      .prepare(
        'SELECT count(*) AS sessions, sum(lines) AS lines, min(l.at_ms) AS oldest FROM recordings, (SELECT min(at_ms) AS at_ms FROM log_lines) l',
      )
      .get() as { sessions: number; lines: number; oldest: number };
    expect(usage).toMatchObject({
      sessions: expected.sessions,
      lines: expected.lines,
      // The recorder may still be retrying the pinned session's connection, which this console lacks.
      recording_now: expect.any(Number),
      oldest: iso(expected.oldest),
      limits: { days: 7, max_mb: 50 },
    });
    expect(usage.lines).toBeGreaterThanOrEqual(1000);
    // The store holds at least the 1,000 lines' text, and is no bigger than its file.
    expect(usage.bytes).toBeGreaterThan(20_000);
    const file = seed.db.pragma('page_count', { simple: true }) as number;
    expect(usage.bytes).toBeLessThanOrEqual(file * (seed.db.pragma('page_size', { simple: true }) as number));
  });
});

describe('the history API of a console with no options', () => {
  it('has the contract’s default limits and an empty history', async () => {
    const server = await startConsole({ plugins: withConsole() });
    try {
      const usage = await ok<HistoryUsage>(`${server.origin}${HISTORY_PATH}/usage`);
      expect(usage).toMatchObject({
        lines: 0,
        sessions: 0,
        recording_now: 0,
        limits: { days: HISTORY_DEFAULT_DAYS, max_mb: HISTORY_DEFAULT_MAX_MB },
      });
      expect(usage).not.toHaveProperty('oldest');
    } finally {
      await server.close();
    }
  });
});

function withQuery(url: string, query: Query): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.toString();
}
