import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, historyPath, type RecordedLines, type SessionHistory } from '@contract';
import { apiUrl, startHost, type TestHost } from '../helpers/host';
import { startTlsTerminator, type TlsTerminator } from '../helpers/tls';
import { fixedToken, UPSTREAM_TOKEN } from '../gateway/helpers';
import {
  activeSession,
  AGENT,
  CATALOG,
  invoke,
  numbered,
  recordingConsole,
  send,
  type RecordingConsole,
} from './recorder-helpers';

// The history API over what the recorder really stored: a local session's lines, and a session on a
// Foundry connection (through the gateway to a TLS stand-in) recorded because someone pinned it.

const WAIT = { timeout: 30_000, interval: 100 };
const FOUNDRY = 'foundry';
const TOKEN = 'console-secret';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const UPSTREAM_AUTH = { authorization: `Bearer ${UPSTREAM_TOKEN}` };

describe('the history API over recorded sessions', () => {
  let upstream: TestHost;
  let tls: TlsTerminator;
  let server: RecordingConsole;

  beforeAll(async () => {
    upstream = await startHost({ token: UPSTREAM_TOKEN, catalogFile: CATALOG });
    tls = await startTlsTerminator(upstream.origin);
    server = await recordingConsole({
      token: TOKEN,
      connections: [{ name: FOUNDRY, endpoint: tls.origin + new URL(upstream.endpoint).pathname }],
      credential: fixedToken(UPSTREAM_TOKEN),
      extraCa: [tls.ca],
    });
  });
  afterAll(async () => {
    await server?.close();
    await tls?.close();
    await upstream?.close();
  });

  const linesUrl = (connection: string, id: string, query: Record<string, string | number> = {}) => {
    const url = new URL(`${server.origin}${historyPath(connection, AGENT, id)}/lines`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    return url.toString();
  };

  /** Every recorded line of the session with `prefix`, oldest first, read back through the API. */
  async function recorded(connection: string, id: string, prefix: string): Promise<string[]> {
    const res = await send(linesUrl(connection, id, { limit: 1000 }), 'GET', undefined, AUTH);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as RecordedLines).data
      .map((l) => l.message)
      .filter((m) => m.startsWith(`${prefix} `))
      .reverse();
  }

  it('reads back and searches a local session’s lines', async () => {
    const local = `${server.origin}/api/projects/local`;
    const id = await activeSession(local, AUTH);
    await invoke(local, id, { print: 30, prefix: 'kept' }, AUTH);
    await expect.poll(() => recorded('local', id, 'kept'), WAIT).toEqual(numbered('kept', 30));

    const found = await send(linesUrl('local', id, { q: 'kept 17' }), 'GET', undefined, AUTH);
    expect(found.status).toBe(200);
    const lines = (found.body as RecordedLines).data;
    expect(lines.map((l) => l.message)).toEqual(['kept 17']);
    expect(lines[0]).toMatchObject({ stream: 'stdout', id: expect.any(String) });

    const history = await send(`${server.origin}${historyPath('local', AGENT, id)}`, 'GET', undefined, AUTH);
    expect(history.status).toBe(200);
    const body = history.body as SessionHistory;
    expect(body.recording).toMatchObject({ reasons: expect.arrayContaining(['active']), pinned: false });
    expect(body.recording.lines).toBeGreaterThanOrEqual(30);
    expect(body.recording.last_event_id).toEqual(expect.any(String));
    await send(apiUrl(local, apiPaths.session(AGENT, id)), 'DELETE', undefined, AUTH);
  });

  it('records a Foundry session once pinned, and finds its lines', async () => {
    const id = await activeSession(upstream.endpoint, UPSTREAM_AUTH);
    // Untouched by the console: it has no history of it yet.
    const before = await send(`${server.origin}${historyPath(FOUNDRY, AGENT, id)}`, 'GET', undefined, AUTH);
    expect(before.status).toBe(404);

    const pinned = await send(
      `${server.origin}${historyPath(FOUNDRY, AGENT, id)}/pin`,
      'PUT',
      undefined,
      AUTH,
    );
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);
    expect(pinned.body).toMatchObject({ pinned: true, reasons: ['pinned'] });
    await invoke(upstream.endpoint, id, { print: 25, prefix: 'remote' }, UPSTREAM_AUTH);
    await expect.poll(() => recorded(FOUNDRY, id, 'remote'), WAIT).toEqual(numbered('remote', 25));

    const found = await send(linesUrl(FOUNDRY, id, { q: 'remote 3*' }), 'GET', undefined, AUTH);
    expect(found.status).toBe(200);
    // `3*` is a prefix: 3 itself, and none of 30..39 were printed.
    expect((found.body as RecordedLines).data.map((l) => l.message)).toEqual(['remote 3']);

    const history = await send(`${server.origin}${historyPath(FOUNDRY, AGENT, id)}`, 'GET', undefined, AUTH);
    const body = history.body as SessionHistory;
    expect(body.recording).toMatchObject({ pinned: true, reasons: expect.arrayContaining(['pinned']) });
    expect(body.recording.lines).toBeGreaterThanOrEqual(25);
    expect(body.timeline.some((item) => item.type === 'audit' && item.entry.action === 'recording.pin')).toBe(
      true,
    );
    await send(apiUrl(upstream.endpoint, apiPaths.session(AGENT, id)), 'DELETE', undefined, UPSTREAM_AUTH);
  });
});
