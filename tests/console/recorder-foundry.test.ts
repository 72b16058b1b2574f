import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, historyPath } from '@contract';
import { startHost, type TestHost } from '../helpers/host';
import { startTlsTerminator, type TlsTerminator } from '../helpers/tls';
import { fixedToken, UPSTREAM_TOKEN } from '../gateway/helpers';
import {
  activeSession,
  AGENT,
  CATALOG,
  eventsOf,
  expectWholeRun,
  invoke,
  linesOf,
  numbered,
  recordingConsole,
  recordingOf,
  send,
  withPrefix,
  type RecordingConsole,
} from './recorder-helpers';

// The recorder on a Foundry connection, through the gateway to a TLS stand-in that requires a token and
// closes log streams after 0.4 s: it records what the console created, invoked or pinned, and no more.

const WAIT = { timeout: 30_000, interval: 50 };
const FOUNDRY = 'foundry';
const TOKEN = 'console-secret';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const UPSTREAM_AUTH = { authorization: `Bearer ${UPSTREAM_TOKEN}` };

describe('the recorder on a Foundry connection', () => {
  let upstream: TestHost;
  let tls: TlsTerminator;
  let server: RecordingConsole;
  const gateway = () => `${server.origin}/gateway/${FOUNDRY}`;

  beforeAll(async () => {
    upstream = await startHost({ token: UPSTREAM_TOKEN, catalogFile: CATALOG, streamMaxAgeSeconds: 0.4 });
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

  it('records a session created and invoked through the console, across the closes of its stream', async () => {
    const id = await activeSession(gateway(), AUTH);
    await invoke(gateway(), id, { every_ms: 10, prefix: 'remote' }, AUTH);
    await expect
      .poll(() => withPrefix(linesOf(server.db, id, FOUNDRY), 'remote').length, WAIT)
      .toBeGreaterThan(200);
    await invoke(gateway(), id, { stop: true }, AUTH);
    const remote = withPrefix(linesOf(server.db, id, FOUNDRY), 'remote');
    expect(remote).toEqual(numbered('remote', remote.length));
    expectWholeRun(linesOf(server.db, id, FOUNDRY));
    expect(recordingOf(server.db, id, FOUNDRY)!.reasons.split(',')).toEqual(
      expect.arrayContaining(['created', 'invoked']),
    );
    const opens = server.streamOpens.filter((o) => o.url.includes(id));
    expect(opens.length).toBeGreaterThan(2);
    expect(opens.slice(1).every((o) => o.lastEventId !== undefined)).toBe(true);

    const deleted = await send(
      `${gateway()}${apiPaths.session(AGENT, id)}?api-version=v1`,
      'DELETE',
      undefined,
      AUTH,
    );
    expect(deleted.status).toBeLessThan(300);
    await expect.poll(() => recordingOf(server.db, id, FOUNDRY)?.gone_how, WAIT).toBe('deleted');
    expect(eventsOf(server.db, id, FOUNDRY).map((e) => e.kind)).toContain('deleted');
  });

  it('leaves a session the console never touched alone, and records it once pinned', async () => {
    const id = await activeSession(upstream.endpoint, UPSTREAM_AUTH);
    await invoke(upstream.endpoint, id, { print: 20, prefix: 'early' }, UPSTREAM_AUTH);
    expect(recordingOf(server.db, id, FOUNDRY)).toBeUndefined();

    const pinned = await send(
      `${server.origin}${historyPath(FOUNDRY, AGENT, id)}/pin`,
      'PUT',
      undefined,
      AUTH,
    );
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);
    await invoke(upstream.endpoint, id, { print: 20, prefix: 'late' }, UPSTREAM_AUTH);
    // The host replays what it holds, so the lines from before the pin are there too.
    await expect
      .poll(() => withPrefix(linesOf(server.db, id, FOUNDRY), 'late'), WAIT)
      .toEqual(numbered('late', 20));
    expect(withPrefix(linesOf(server.db, id, FOUNDRY), 'early')).toEqual(numbered('early', 20));
    expect(recordingOf(server.db, id, FOUNDRY)).toMatchObject({ pinned: 1 });
  });
});
