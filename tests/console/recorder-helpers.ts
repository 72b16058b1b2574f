import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, vi } from 'vitest';
import { apiPaths, type AgentSession } from '@contract';
import type { FastifyPluginAsync } from 'fastify';
import { consoleServer, type ConsoleOptions } from '../../src/console';
import { RECORDER_HEADER } from '../../src/console/recorder/recorder';
import { CONSOLE_DB_FILE } from '../../src/console/store/db';
import type { HostOptions } from '../../src/host/config';
import { apiUrl, type Query } from '../helpers/host';
import { startConsole, type ConnectionEntry, type ConsoleServer } from '../gateway/helpers';

export const CATALOG = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'recorder-catalog.json',
);
export const AGENT = 'talker';

/** Intervals short enough for a test to see the recorder act, long enough not to busy two cores. */
const QUICK = {
  pollMs: 150,
  flushMs: 100,
  retentionMs: 60_000,
  backoffMs: [50, 500] as [number, number],
};

export interface RecordingConsole extends ConsoleServer {
  /** The console's store, read as another process would. */
  db: Database.Database;
  /** Every log stream the recorder opened, in order, with the Last-Event-ID it sent. */
  streamOpens: { url: string; lastEventId: string | undefined }[];
  local: (apiPath: string, query?: Query) => string;
}

export async function recordingConsole(
  options: {
    host?: Partial<HostOptions>;
    connections?: ConnectionEntry[];
    token?: string;
    dataDir?: string;
    console?: Partial<ConsoleOptions>;
  } & Partial<Parameters<typeof startConsole>[0]> = {},
): Promise<RecordingConsole> {
  const { host, console: consoleOptions, ...rest } = options;
  const streamOpens: RecordingConsole['streamOpens'] = [];
  // Watches the requests the server gets, as the audit trail does, and changes nothing.
  const watcher: FastifyPluginAsync = async (app) => {
    app.addHook('onRequest', async (request) => {
      const url = request.raw.url ?? '';
      if (request.headers[RECORDER_HEADER] === undefined || !url.includes(':logstream')) return;
      const lastEventId = request.headers['last-event-id'];
      streamOpens.push({ url, lastEventId: typeof lastEventId === 'string' ? lastEventId : undefined });
    });
  };
  const server = await startConsole({
    ...rest,
    host: { catalogFile: CATALOG, ...host },
    plugins: ({ dataDir, access, token }) => [
      consoleServer({
        dataDir,
        localEndpoint: '/api/projects/local',
        access,
        ...(token && { token }),
        ...consoleOptions,
        recorder: { ...consoleOptions?.recorder, timing: { ...QUICK, ...consoleOptions?.recorder?.timing } },
      }),
      Object.assign(watcher, { [Symbol.for('skip-override')]: true }),
    ],
  });
  const db = new Database(path.join(server.dataDir, CONSOLE_DB_FILE), { readonly: true });
  return {
    ...server,
    db,
    streamOpens,
    local: (apiPath, query = {}) => apiUrl(`${server.origin}/api/projects/local`, apiPath, query),
    close: async () => {
      db.close();
      await server.close();
    },
  };
}

export async function send(
  url: string,
  method = 'GET',
  json?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method,
    headers: { ...(json !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** A session made at `base` (a project endpoint), once it is active. */
export async function activeSession(
  base: string,
  headers: Record<string, string> = {},
  agent = AGENT,
): Promise<string> {
  const created = await send(apiUrl(base, apiPaths.sessions(agent)), 'POST', {}, headers);
  expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
  const id = (created.body as AgentSession).agent_session_id;
  await vi.waitFor(
    async () => {
      const res = await send(apiUrl(base, apiPaths.session(agent, id)), 'GET', undefined, headers);
      expect((res.body as AgentSession).status).toBe('active');
    },
    { timeout: 20_000, interval: 50 },
  );
  return id;
}

export async function invoke(
  base: string,
  id: string,
  ask: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<void> {
  const res = await send(
    apiUrl(base, apiPaths.invocations(AGENT), { agent_session_id: id }),
    'POST',
    ask,
    headers,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export interface LineRow {
  seq: number;
  event_id: string | null;
  at_ms: number;
  stream: string;
  message: string;
}

export interface RecordingRowView {
  id: number;
  reasons: string;
  pinned: number;
  last_event_id: string | null;
  lines: number;
  last_known: string | null;
  gone_how: string | null;
  gone_ms: number | null;
}

export function recordingOf(db: Database.Database, session: string, connection = 'local') {
  return db
    .prepare<[string, string], RecordingRowView>(
      'SELECT * FROM recordings WHERE connection = ? AND session = ?',
    )
    .get(connection, session);
}

export function linesOf(db: Database.Database, session: string, connection = 'local'): LineRow[] {
  return db
    .prepare<[string, string], LineRow>(
      `SELECT l.seq, l.event_id, l.at_ms, l.stream, l.message FROM log_lines l
         JOIN recordings r ON r.id = l.recording_id WHERE r.connection = ? AND r.session = ? ORDER BY l.seq`,
    )
    .all(connection, session);
}

export function eventsOf(db: Database.Database, session: string, connection = 'local') {
  return db
    .prepare<
      [string, string],
      {
        kind: string;
        message: string;
        exit_code: number | null;
        signal: string | null;
        status: string | null;
      }
    >(
      `SELECT e.kind, e.message, e.exit_code, e.signal, e.status FROM session_events e
         JOIN recordings r ON r.id = e.recording_id WHERE r.connection = ? AND r.session = ? ORDER BY e.id`,
    )
    .all(connection, session);
}

export function gapsOf(db: Database.Database, session: string, connection = 'local') {
  return db
    .prepare<[string, string], { reason: string; count: number | null; from_ms: number; to_ms: number }>(
      `SELECT g.reason, g.count, g.from_ms, g.to_ms FROM history_gaps g
         JOIN recordings r ON r.id = g.recording_id WHERE r.connection = ? AND r.session = ? ORDER BY g.id`,
    )
    .all(connection, session);
}

/** The messages of the stored lines that start with `prefix `. */
export const withPrefix = (lines: LineRow[], prefix: string) =>
  lines.filter((l) => l.message.startsWith(`${prefix} `)).map((l) => l.message);

/** `prefix 0` .. `prefix n-1`. */
export const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

/** Stored ids are the source's own, each once, and none missing between the first and the last. */
export function expectWholeRun(lines: LineRow[]): void {
  const ids = lines.filter((l) => l.event_id !== null).map((l) => Number(l.event_id));
  expect(new Set(ids).size).toBe(ids.length);
  const sorted = [...ids].sort((a, b) => a - b);
  expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, i) => sorted[0]! + i));
}
