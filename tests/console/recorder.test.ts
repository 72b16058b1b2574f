import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract';
import {
  activeSession,
  eventsOf,
  expectWholeRun,
  gapsOf,
  invoke,
  linesOf,
  numbered,
  recordingConsole,
  recordingOf,
  send,
  withPrefix,
  AGENT,
  type RecordingConsole,
} from './recorder-helpers';

// The recorder, through real HTTP against a console built as the CLI builds it, with the real host:
// what it stores of the local connection's sessions, read straight from its store.

const WAIT = { timeout: 20_000, interval: 50 };

describe('the recorder on the local connection', () => {
  let server: RecordingConsole;
  const base = () => `${server.origin}/api/projects/local`;

  beforeAll(async () => {
    // Streams closed after 0.4 s, as Foundry closes them after 30 minutes: every test meets reconnects.
    server = await recordingConsole({ host: { streamMaxAgeSeconds: 0.4, streamIdleTimeoutSeconds: 0.3 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('stores every line of an active session with its id and stream, each once', async () => {
    const id = await activeSession(base());
    await invoke(base(), id, { print: 2000, prefix: 'hello' });
    await expect
      .poll(() => withPrefix(linesOf(server.db, id), 'hello'), WAIT)
      .toEqual(numbered('hello', 2000));
    const lines = linesOf(server.db, id);
    expectWholeRun(lines);
    expect(lines[0]).toMatchObject({ event_id: '1', stream: 'status' });
    expect(lines.find((l) => l.message === 'hello 0')?.stream).toBe('stdout');
    const row = recordingOf(server.db, id)!;
    expect(row.lines).toBe(lines.length);
    expect(row.last_event_id).toBe(lines.at(-1)!.event_id);
    expect(row.reasons.split(',')).toContain('active');
    expect(JSON.parse(row.last_known!)).toMatchObject({ agent_session_id: id });
    expect(eventsOf(server.db, id).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'starting', 'ready', 'active']),
    );
  });

  it('resumes with Last-Event-ID each time the host closes the stream, losing and repeating nothing', async () => {
    const id = await activeSession(base());
    // A line every 10 ms for longer than several stream lifetimes.
    await invoke(base(), id, { every_ms: 10, prefix: 'tick' });
    await expect.poll(() => withPrefix(linesOf(server.db, id), 'tick').length, WAIT).toBeGreaterThan(250);
    await invoke(base(), id, { stop: true });
    const ticks = withPrefix(linesOf(server.db, id), 'tick');
    expect(ticks).toEqual(numbered('tick', ticks.length));
    expectWholeRun(linesOf(server.db, id));
    expect(gapsOf(server.db, id)).toEqual([]);
    // Reopened several times, each time from the last line it had.
    const opens = server.streamOpens.filter((o) => o.url.includes(id));
    expect(opens.length).toBeGreaterThan(2);
    const resumed = opens.slice(1).map((o) => Number(o.lastEventId));
    expect(resumed.every((n) => n > 0)).toBe(true);
    expect(resumed).toEqual([...resumed].sort((a, b) => a - b));
  });

  it('records a crash as an exit with its code, and the session going idle', async () => {
    const id = await activeSession(base());
    await invoke(base(), id, { exit: 3 });
    await expect
      .poll(() => eventsOf(server.db, id).find((e) => e.kind === 'exited'), WAIT)
      .toMatchObject({ exit_code: 3, signal: null });
    await expect.poll(() => eventsOf(server.db, id).map((e) => e.kind), WAIT).toContain('idle');
  });

  it('keeps a deleted session as a tombstone with its lines', async () => {
    const id = await activeSession(base());
    await invoke(base(), id, { print: 5, prefix: 'kept' });
    await expect.poll(() => withPrefix(linesOf(server.db, id), 'kept'), WAIT).toEqual(numbered('kept', 5));
    const deleted = await send(`${base()}${apiPaths.session(AGENT, id)}?api-version=v1`, 'DELETE');
    expect(deleted.status).toBeLessThan(300);
    await expect.poll(() => recordingOf(server.db, id)?.gone_how, WAIT).toBe('deleted');
    expect(eventsOf(server.db, id).map((e) => e.kind)).toContain('deleted');
    expect(withPrefix(linesOf(server.db, id), 'kept')).toEqual(numbered('kept', 5));
  });

  it('records a session that never became ready: why it failed, and its failure', async () => {
    const created = await send(`${base()}${apiPaths.sessions('nonstarter')}?api-version=v1`, 'POST', {});
    expect(created.status).toBeLessThan(300);
    const id = (created.body as { agent_session_id: string }).agent_session_id;
    await expect
      .poll(() => linesOf(server.db, id).map((l) => l.message), WAIT)
      .toContain('cannot start: no configuration');
    await expect
      .poll(() => eventsOf(server.db, id).map((e) => e.kind), WAIT)
      .toEqual(expect.arrayContaining(['start_failed', 'failed']));
  });
});
