import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiPaths, type LogLine } from '@contract';
import { SandboxLayout } from '../../src/host/sandbox/layout';
import { apiUrl, startHost, tempDir, type TestHost } from '../helpers/host';
import { spawnHost } from '../helpers/spawn-host';

const CATALOG = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'log-catalog.json');
const AGENT = 'log-agent';

interface Frame {
  id: number | undefined;
  event: string | undefined;
  line: LogLine;
}

/**
 * An SSE response read frame by frame over its own connection (node:http, no pool): closing it closes the
 * socket, where fetch's pool would open a spare connection that keeps the server from closing.
 * `pause()` stops reading, so the host sees a slow client.
 */
class EventReader {
  readonly frames: Frame[] = [];
  /** Set when the connection broke rather than ended (e.g. the host was killed). */
  error: Error | undefined;
  private readonly messages = new Set<string>();
  private readonly done: Promise<void>;
  private closed = false;

  constructor(
    private readonly request: http.ClientRequest,
    readonly response: http.IncomingMessage,
  ) {
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n\n');
      buffer = parts.pop()!;
      for (const part of parts) {
        const frame = parseFrame(part);
        this.frames.push(frame);
        this.messages.add(frame.line.message);
      }
    });
    response.on('error', (err) => (this.error = err));
    this.done = new Promise((resolve) =>
      response.once('close', () => {
        this.closed = true;
        resolve();
      }),
    );
  }

  get lines(): Frame[] {
    return this.frames.filter((f) => f.id !== undefined);
  }

  get notices(): string[] {
    return this.frames.filter((f) => f.id === undefined).map((f) => f.line.message);
  }

  has(message: string): boolean {
    return this.messages.has(message);
  }

  pause(): void {
    this.response.pause();
  }

  unpause(): void {
    this.response.resume();
  }

  async waitFor(what: string, test: (reader: this) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test(this)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; got ${this.frames.length} frames`);
      if (this.closed) throw new Error(`the stream ended while waiting for ${what}`);
      await sleep(5);
    }
  }

  async close(): Promise<void> {
    this.request.destroy();
    await this.done;
  }

  /** Resolves when the stream has ended, however it ended. */
  async finished(): Promise<void> {
    await this.done;
  }
}

function parseFrame(text: string): Frame {
  const fields = new Map<string, string[]>();
  for (const row of text.split('\n')) {
    const colon = row.indexOf(':');
    const [name, value] = [row.slice(0, colon), row.slice(colon + 1).replace(/^ /, '')];
    fields.set(name, [...(fields.get(name) ?? []), value]);
  }
  const data = fields.get('data') ?? [];
  // The host promises exactly one data line a frame.
  if (data.length !== 1) throw new Error(`a frame with ${data.length} data lines: ${text}`);
  const id = fields.get('id')?.[0];
  return {
    id: id === undefined ? undefined : Number(id),
    event: fields.get('event')?.[0],
    line: JSON.parse(data[0]!),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Api = Pick<TestHost, 'url'>;

async function until(what: string, test: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function openStream(
  api: Api,
  id: string,
  options: { lastEventId?: number; version?: string } = {},
): Promise<EventReader> {
  const url = api.url(apiPaths.logStream(AGENT, options.version ?? '1', id));
  const headers = {
    accept: 'text/event-stream',
    ...(options.lastEventId !== undefined && { 'last-event-id': String(options.lastEventId) }),
  };
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      expect(response.statusCode).toBe(200);
      resolve(new EventReader(request, response));
    });
    request.on('error', reject);
  });
}

/** Closes the streams and waits until the host has let them go, so no later request races a dying connection. */
async function disconnect(host: TestHost, id: string, ...streams: EventReader[]): Promise<void> {
  for (const stream of streams) await stream.close();
  await until('the host to drop the subscribers', () => host.app.host.logs.subscriberCount(AGENT, id) === 0);
}

async function createSession(api: Api, version = '1'): Promise<string> {
  const res = await fetch(api.url(apiPaths.sessions(AGENT)), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version_indicator: { type: 'version_ref', agent_version: version } }),
  });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { agent_session_id: string }).agent_session_id;
  // Once the agent is ready the host logs little more by itself, which keeps line counts predictable.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const session = (await (await fetch(api.url(apiPaths.session(AGENT, id)))).json()) as { status: string };
    if (session.status === 'active') return id;
    if (Date.now() > deadline) throw new Error(`session ${id} is ${session.status}, not active`);
    await sleep(20);
  }
}

async function deleteSession(api: Api, id: string): Promise<void> {
  const res = await fetch(api.url(apiPaths.session(AGENT, id)), { method: 'DELETE' });
  expect(res.status).toBe(204);
}

/** Appends numbered stdout lines in-process, the way the runner passes on an agent's output. */
function appendLines(host: TestHost, id: string, count: number, prefix: string, pad = 0): string[] {
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    const message = `${prefix} ${i}${pad ? ` ${'x'.repeat(pad)}` : ''}`;
    host.app.host.logs.append(AGENT, id, 'stdout', message);
    messages.push(message);
  }
  return messages;
}

const messagesOf = (frames: Frame[]) => frames.map((f) => f.line.message);
const idsOf = (frames: Frame[]) => frames.map((f) => f.id!);
const startingWith = (frames: Frame[], prefix: string) =>
  messagesOf(frames).filter((m) => m.startsWith(prefix));

function expectConsecutive(ids: number[]): void {
  expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i));
}

/** Each frame's time is at or after the one before. */
function expectInTimeOrder(frames: Frame[]): void {
  const times = frames.map((f) => f.line.timestamp);
  expect(times).toEqual([...times].sort());
}

const CONNECTED = 'Successfully connected to container';

describe('the session log stream', () => {
  let host: TestHost;
  beforeAll(async () => {
    // A small buffer, so a test can overflow it quickly.
    host = await startHost({ catalogFile: CATALOG, logBufferLines: 10_000 });
  });
  afterAll(async () => {
    await host.close();
  });

  it('answers an event stream of log events with ids, replay first, then a connected notice', async () => {
    const id = await createSession(host);
    appendLines(host, id, 3, 'before');
    const stream = await openStream(host, id);
    expect(stream.response.headers).toMatchObject({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });

    await stream.waitFor('the connected notice', (s) => s.has(CONNECTED));
    expect(stream.frames.at(-1)).toMatchObject({
      id: undefined,
      event: 'log',
      line: { stream: 'status', message: CONNECTED },
    });
    appendLines(host, id, 2, 'after');
    await stream.waitFor('live lines', (s) => s.has('after 1'));
    expect([...startingWith(stream.lines, 'before'), ...startingWith(stream.lines, 'after')]).toEqual([
      'before 0',
      'before 1',
      'before 2',
      'after 0',
      'after 1',
    ]);
    // The replayed lines came before the live ones, in id order.
    expect(messagesOf(stream.lines).indexOf('before 2')).toBeLessThan(
      messagesOf(stream.lines).indexOf('after 0'),
    );
    expectConsecutive(idsOf(stream.lines));
    for (const frame of stream.frames) {
      expect(frame.event).toBe('log');
      expect(Object.keys(frame.line).sort()).toEqual(['message', 'stream', 'timestamp']);
      expect(new Date(frame.line.timestamp).toISOString()).toBe(frame.line.timestamp);
    }
    // A newline inside a message stays inside the frame's one data line.
    host.app.host.logs.append(AGENT, id, 'stderr', 'two\nrows');
    await stream.waitFor('the two-row line', (s) => s.has('two\nrows'));
    expect(stream.lines.at(-1)!.line.stream).toBe('stderr');

    await disconnect(host, id, stream);
    await deleteSession(host, id);
  });

  it('puts the connected notice where its time puts it: after the older lines, before the newer', async () => {
    const id = await createSession(host);
    appendLines(host, id, 3, 'older');
    // The notice is then later than every line held, even to the millisecond.
    const file = host.app.host.layout.logFile(AGENT, id);
    await until('the lines to be saved', () => fs.readFileSync(file, 'utf8').includes('older 2'));
    const newest = (JSON.parse(fs.readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)!) as LogLine)
      .timestamp;
    await expect.poll(() => Date.now()).toBeGreaterThan(Date.parse(newest));

    const stream = await openStream(host, id);
    await stream.waitFor('the connected notice', (s) => s.has(CONNECTED));
    appendLines(host, id, 2, 'newer');
    await stream.waitFor('the newer lines', (s) => s.has('newer 1'));
    const messages = messagesOf(stream.frames);
    const notice = messages.indexOf(CONNECTED);
    expect(messages.slice(0, notice)).toContain('older 2');
    expect(messages.slice(notice + 1)).toEqual(expect.arrayContaining(['newer 0', 'newer 1']));
    expect(stream.frames[notice]!.line.timestamp > newest).toBe(true);
    expectInTimeOrder(stream.frames);
    await disconnect(host, id, stream);

    // Resuming, the notice again follows what is replayed.
    const resumed = await openStream(host, id, { lastEventId: stream.lines.at(-3)!.id! });
    await resumed.waitFor('the connected notice', (s) => s.has(CONNECTED));
    expect(messagesOf(resumed.frames)).toEqual(['newer 0', 'newer 1', CONNECTED]);
    expectInTimeOrder(resumed.frames);
    await disconnect(host, id, resumed);
    await deleteSession(host, id);
  });

  it("carries a real agent process's stdout and stderr lines", async () => {
    const id = await createSession(host);
    const stream = await openStream(host, id);
    await stream.waitFor('the agent lines', (s) => s.has('log-agent: trouble on stderr'));
    await stream.waitFor('the stdout lines', (s) => s.has('log-agent: {"json": "stays a string"}'));
    const streamOf = new Map(stream.lines.map((f) => [f.line.message, f.line.stream]));
    expect(streamOf.get('log-agent: hello on stdout')).toBe('stdout');
    expect(streamOf.get('log-agent: trouble on stderr')).toBe('stderr');
    expect(
      stream.lines.some((f) => f.line.stream === 'status' && f.line.message.startsWith('Starting agent')),
    ).toBe(true);
    await disconnect(host, id, stream);
    await deleteSession(host, id);
  });

  it('resumes after Last-Event-ID with only later lines, and an id always names the same line', async () => {
    const id = await createSession(host);
    appendLines(host, id, 5, 'first');
    const one = await openStream(host, id);
    await one.waitFor('the first lines', (s) => s.has('first 4'));
    const seen = one.lines;
    const resumeFrom = seen.find((f) => f.line.message === 'first 2')!.id!;
    await disconnect(host, id, one);

    appendLines(host, id, 3, 'second');
    const two = await openStream(host, id, { lastEventId: resumeFrom });
    await two.waitFor('the later lines', (s) => s.has('second 2'));
    expect(two.lines[0]!.id).toBe(resumeFrom + 1);
    expectConsecutive(idsOf(two.lines));
    expect([...startingWith(two.lines, 'first'), ...startingWith(two.lines, 'second')]).toEqual([
      'first 3',
      'first 4',
      'second 0',
      'second 1',
      'second 2',
    ]);
    expect(two.notices).toEqual([CONNECTED]);
    for (const frame of two.lines) {
      const before = seen.find((f) => f.id === frame.id);
      if (before) expect(frame.line).toEqual(before.line);
    }
    await disconnect(host, id, two);

    // An id past the end can only come from an earlier log under the same session id: everything held follows.
    const ahead = await openStream(host, id, { lastEventId: 999_999 });
    await ahead.waitFor('the replay', (s) => s.has('second 2'));
    expect(ahead.frames[0]!.id).toBeUndefined();
    expect(ahead.notices[0]).toMatch(
      /^Last-Event-ID 999999 is past this session's newest log line \(id \d+\)/,
    );
    expect(ahead.lines[0]!.id).toBe(1);
    await disconnect(host, id, ahead);
    await deleteSession(host, id);
  });

  it('says how many lines were lost when a resume reaches back past what the host holds', async () => {
    const id = await createSession(host);
    // More lines than the 10,000 a session holds.
    appendLines(host, id, 10_050, 'bulk');
    const fresh = await openStream(host, id);
    await fresh.waitFor('the replay', (s) => s.has('bulk 10049'));
    expect(fresh.lines).toHaveLength(10_000);
    expect(fresh.notices).toEqual([CONNECTED]);
    const oldest = fresh.lines[0]!.id!;
    expect(oldest).toBeGreaterThan(50);
    await disconnect(host, id, fresh);

    const resumed = await openStream(host, id, { lastEventId: 3 });
    await resumed.waitFor('the replay', (s) => s.has('bulk 10049'));
    // The agent may have logged a line or two since, pushing the oldest held line on.
    const nowOldest = resumed.lines[0]!.id!;
    expect(nowOldest).toBeGreaterThanOrEqual(oldest);
    expect(resumed.notices).toEqual([
      `${nowOldest - 4} log lines (ids 4 to ${nowOldest - 1}) were lost: the host no longer holds them.`,
      CONNECTED,
    ]);
    // The notice comes right before the first line it explains, and carries no id of its own.
    expect(resumed.frames[0]!.id).toBeUndefined();
    expect(resumed.frames[1]!.id).toBe(nowOldest);
    expect(resumed.lines).toHaveLength(10_000);
    expectInTimeOrder(resumed.frames);
    await disconnect(host, id, resumed);
    await deleteSession(host, id);
  });

  it('gives two subscribers the same lines', async () => {
    const id = await createSession(host);
    const a = await openStream(host, id);
    const b = await openStream(host, id);
    await until('both subscribers', () => host.app.host.logs.subscriberCount(AGENT, id) === 2);
    appendLines(host, id, 50, 'shared');
    await a.waitFor('the lines', (s) => s.has('shared 49'));
    await b.waitFor('the lines', (s) => s.has('shared 49'));
    // Whatever else the session logged meanwhile reached both too, under the same ids.
    const lastId = a.lines.find((f) => f.line.message === 'shared 49')!.id!;
    const upTo = (frames: Frame[]) => frames.filter((f) => f.id! <= lastId).map((f) => [f.id, f.line]);
    expect(upTo(b.lines)).toEqual(upTo(a.lines));
    expect(startingWith(a.lines, 'shared')).toHaveLength(50);
    await disconnect(host, id, a, b);
    await deleteSession(host, id);
  });

  it('forgets a subscriber as soon as it disconnects', async () => {
    const id = await createSession(host);
    const stream = await openStream(host, id);
    await stream.waitFor('the connected notice', (s) => s.frames.length > 0);
    expect(host.app.host.logs.subscriberCount(AGENT, id)).toBe(1);
    await disconnect(host, id, stream);
    expect(host.app.host.logs.subscriberCount(AGENT, id)).toBe(0);
    await deleteSession(host, id);
  });

  it('ends the stream when the session is deleted', async () => {
    const id = await createSession(host);
    const stream = await openStream(host, id);
    await stream.waitFor('the connected notice', (s) => s.frames.length > 0);
    await deleteSession(host, id);
    await stream.finished();
    expect(stream.error).toBeUndefined();
    expect(stream.response.complete).toBe(true);
    expect(stream.notices.at(-1)).toBe('The session was deleted or has expired; its log stream has ended.');
    expect(host.app.host.logs.subscriberCount(AGENT, id)).toBe(0);
    expect((await fetch(host.url(apiPaths.logStream(AGENT, '1', id)))).status).toBe(404);
  });

  it('drops lines for a slow subscriber only, and says how many', async () => {
    const id = await createSession(host);
    const fast = await openStream(host, id);
    const slow = await openStream(host, id);
    await slow.waitFor('the connected notice', (s) => s.frames.length > 0);
    slow.pause();
    // 12,000 lines of 2 KB: 24 MB, three times what the host holds for a session.
    const total = 12_000;
    for (let sent = 0; sent < total; sent += 200) {
      const batch = appendLines(host, id, 200, `big ${sent}`, 2000);
      await fast.waitFor('the fast reader to keep up', (s) => s.has(batch.at(-1)!));
    }
    expect(host.app.host.logs.subscriberCount(AGENT, id)).toBe(2);
    expect(startingWith(fast.lines, 'big ')).toHaveLength(total);
    expect(fast.notices).toEqual([CONNECTED]);
    const lastId = fast.lines.at(-1)!.id!;

    slow.unpause();
    await slow.waitFor('the slow reader to catch up', (s) => s.lines.at(-1)?.id === lastId, 30_000);
    const drops = slow.notices
      .map((n) =>
        /^(\d+) log lines \(ids (\d+) to (\d+)\) were dropped for this connection because it read/.exec(n),
      )
      .filter((m) => m !== null)
      .map((m) => ({ count: Number(m[1]), from: Number(m[2]), to: Number(m[3]) }));
    expect(drops.length).toBeGreaterThan(0);
    // Every line is either received once, in order, or counted in a notice placed where it would have been.
    const expected: (number | string)[] = [];
    for (let next = fast.lines[0]!.id!; next <= lastId;) {
      const drop = drops.find((d) => d.from === next);
      expected.push(drop ? `drop ${drop.count}` : next);
      next = drop ? drop.to + 1 : next + 1;
    }
    const got = slow.frames
      .filter((f) => f.line.message !== CONNECTED)
      .map((f) => f.id ?? `drop ${/^\d+/.exec(f.line.message)![0]}`);
    expect(got).toEqual(expected);
    for (const drop of drops) expect(drop.to - drop.from + 1).toBe(drop.count);
    await disconnect(host, id, fast, slow);
    await deleteSession(host, id);
  });

  it('carries 100,000 lines an agent writes as fast as it can, and keeps the file bounded', async () => {
    const id = await createSession(host, 'burst');
    const stream = await openStream(host, id, { version: 'burst' });
    await stream.waitFor('the agent to start', (s) => s.has('log-agent: hello on stdout'));
    fs.writeFileSync(path.join(host.app.host.layout.home(AGENT, id), 'go'), '');
    await stream.waitFor('the last burst line', (s) => s.has('burst line 99999'), 60_000);
    const burst = startingWith(stream.lines, 'burst line ');
    const dropped = stream.notices
      .map((n) => /^(\d+) log lines? .*dropped/.exec(n))
      .reduce((sum, m) => sum + (m ? Number(m[1]) : 0), 0);
    // A reader sharing the host's process keeps up, but what is promised is only: received + told = written.
    expect(burst.length + dropped).toBe(100_000);
    expect(burst.slice(-100)).toEqual(Array.from({ length: 100 }, (_, i) => `burst line ${99_900 + i}`));
    // Lines are saved before they are sent, so the file already ends with the last one received.
    const records = fs.readFileSync(host.app.host.layout.logFile(AGENT, id), 'utf8').trimEnd().split('\n');
    expect(records.length).toBeLessThanOrEqual(20_000);
    expect(JSON.parse(records.at(-1)!)).toMatchObject({
      id: stream.lines.at(-1)!.id,
      message: 'burst line 99999',
    });
    await disconnect(host, id, stream);
    await deleteSession(host, id);
  }, 60_000);

  it('answers 404 for an unknown agent, version, session or operation, and 400 for a bad request', async () => {
    const id = await createSession(host);
    const answer = async (url: string, headers: Record<string, string> = {}) => {
      const res = await fetch(url, { headers });
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(res.headers.get('x-request-id')).toBeTruthy();
      return [res.status, body.error.code];
    };
    expect(await answer(host.url(apiPaths.logStream('nobody', '1', id)))).toEqual([404, 'not_found']);
    expect(await answer(host.url(apiPaths.logStream(AGENT, '9', id)))).toEqual([404, 'not_found']);
    expect(await answer(host.url(apiPaths.logStream(AGENT, '1', 'no-such-session')))).toEqual([
      404,
      'not_found',
    ]);
    // The session runs version 1, not burst.
    expect(await answer(host.url(apiPaths.logStream(AGENT, 'burst', id)))).toEqual([404, 'not_found']);
    expect(await answer(host.url(`/agents/${AGENT}/versions/1/sessions/${id}:logs`))).toEqual([
      404,
      'not_found',
    ]);
    expect(await answer(host.url(`/agents/${AGENT}/versions/1/sessions/${id}`))).toEqual([404, 'not_found']);
    const head = await fetch(host.url(apiPaths.logStream(AGENT, '1', id)), { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(await answer(`${host.endpoint}${apiPaths.logStream(AGENT, '1', id)}`)).toEqual([
      400,
      'invalid_request',
    ]);
    expect(await answer(host.url(apiPaths.logStream(AGENT, '1', id)), { 'last-event-id': 'abc' })).toEqual([
      400,
      'invalid_request',
    ]);
    expect(host.app.host.logs.subscriberCount(AGENT, id)).toBe(0);
    await deleteSession(host, id);
  });
});

describe('the log stream over time and across restarts', () => {
  it('says so in a status line after the configured silence', async () => {
    const host = await startHost({ catalogFile: CATALOG, heartbeatSeconds: 1 });
    try {
      const id = await createSession(host);
      const stream = await openStream(host, id);
      const beat = 'No logs since last 1 seconds';
      await stream.waitFor('a heartbeat', (s) => s.has(beat), 5000);
      const at = stream.lines.findIndex((f) => f.line.message === beat);
      const [before, heartbeat] = [stream.lines[at - 1]!, stream.lines[at]!];
      expect(heartbeat.line.stream).toBe('status');
      expect(Date.parse(heartbeat.line.timestamp) - Date.parse(before.line.timestamp)).toBeGreaterThanOrEqual(
        990,
      );
      // A heartbeat is a stored line with an id like any other, and silence goes on counting after it.
      expect(heartbeat.id).toBe(before.id! + 1);
      await stream.waitFor(
        'a second heartbeat',
        (s) => s.lines.filter((f) => f.line.message === beat).length === 2,
      );
      await disconnect(host, id, stream);
      await deleteSession(host, id);
    } finally {
      await host.close();
    }
  });

  it('keeps lines and ids across a host restart, and resumes without repeats', async () => {
    const dataDir = tempDir('ash-logs-');
    try {
      const first = await startHost({ catalogFile: CATALOG, dataDir });
      const id = await createSession(first);
      appendLines(first, id, 20, 'kept');
      const before = await openStream(first, id);
      await before.waitFor('the lines', (s) => s.has('kept 19'));
      const seen = before.lines;
      const resumeFrom = seen.at(-1)!.id!;
      // An open stream must not keep the host from closing.
      await first.close();
      await before.finished();
      expect(before.notices.at(-1)).toBe('The host is shutting down; reconnect later.');

      const second = await startHost({ catalogFile: CATALOG, dataDir });
      try {
        const resumed = await openStream(second, id, { lastEventId: resumeFrom });
        appendLines(second, id, 2, 'new');
        await resumed.waitFor('the new lines', (s) => s.has('new 1'));
        // What was logged while the first host shut down, then the new lines: ids go on, none repeats.
        expect(resumed.lines[0]!.id).toBe(resumeFrom + 1);
        expectConsecutive(idsOf(resumed.lines));
        expect(messagesOf(resumed.lines)).toContain(
          'Stopped the agent process: the host is shutting down; the session is idle.',
        );
        expect(messagesOf(resumed.lines).slice(-2)).toEqual(['new 0', 'new 1']);
        expect(resumed.notices).toEqual([CONNECTED]);
        await disconnect(second, id, resumed);

        // A new subscriber gets the whole history: the same ids for the same lines.
        const replay = await openStream(second, id);
        await replay.waitFor('the history', (s) => s.has('new 1'));
        expect(replay.lines[0]!.id).toBe(1);
        for (const frame of seen)
          expect(replay.lines.find((f) => f.id === frame.id)?.line).toEqual(frame.line);
        await disconnect(second, id, replay);
        await deleteSession(second, id);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('never gives a seen id to another line, even when the host is killed mid-burst', async () => {
    const dataDir = tempDir('ash-logs-crash-');
    const layout = new SandboxLayout(dataDir);
    try {
      const first = await spawnHost(dataDir, ['--agents', CATALOG]);
      const firstApi = { url: (p: string) => apiUrl(first.endpoint, p) };
      const id = await createSession(firstApi, 'burst');
      const stream = await openStream(firstApi, id, { version: 'burst' });
      await stream.waitFor('the agent to start', (s) => s.has('log-agent: hello on stdout'));
      fs.writeFileSync(path.join(layout.home(AGENT, id), 'go'), '');
      // The burst takes the host well under a second; kill it as soon as part of it has been sent.
      await stream.waitFor(
        'part of the burst',
        (s) => !!s.frames.at(-1)?.line.message.startsWith('burst line '),
      );
      first.child.kill('SIGKILL');
      await first.exited;
      await stream.finished();
      const seen = stream.lines;
      const lastSeen = seen.at(-1)!.id!;

      const second = await spawnHost(dataDir, ['--agents', CATALOG]);
      const secondApi = { url: (p: string) => apiUrl(second.endpoint, p) };
      try {
        const resumed = await openStream(secondApi, id, { version: 'burst', lastEventId: lastSeen });
        await resumed.waitFor('the restart line', (s) => s.has('The host restarted; the session is idle.'));
        expect(resumed.lines[0]!.id).toBeGreaterThan(lastSeen);
        await resumed.close();

        // Every line the client saw that the host still holds comes back under the same id, unchanged.
        const replay = await openStream(secondApi, id, { version: 'burst' });
        await replay.waitFor('the history', (s) => s.has('The host restarted; the session is idle.'));
        const byId = new Map(replay.lines.map((f) => [f.id, f.line]));
        const held = seen.filter((f) => f.id! >= replay.lines[0]!.id!);
        expect(held.length).toBeGreaterThan(0);
        for (const frame of held) expect(byId.get(frame.id)).toEqual(frame.line);
        await replay.close();
        await deleteSession(secondApi, id);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Waits for the host to end the stream; a stream it never ends fails here, not by the test's timeout. */
async function endedByHost(stream: EventReader): Promise<void> {
  let ended = false;
  void stream.finished().then(() => (ended = true));
  await vi.waitFor(() => expect(ended, 'the host to end the stream').toBe(true), {
    timeout: 15_000,
    interval: 20,
  });
  expect(stream.error).toBeUndefined();
  expect(stream.response.complete).toBe(true);
}

const maxAgeNotice = (age: string) =>
  `Stream closed after ${age}, the longest one connection stays open; reconnect to continue.`;
const idleNotice = (idle: string) =>
  `Stream closed after ${idle} without a log line (heartbeats do not count); reconnect to continue.`;

describe("a log stream's limits, as Foundry's", () => {
  it('closes a stream at its max age however busy, and a resume gets every line written meanwhile', async () => {
    // Lines come far more often than the idle timeout: only the max age can end this stream.
    const host = await startHost({
      catalogFile: CATALOG,
      streamMaxAgeSeconds: 3,
      streamIdleTimeoutSeconds: 1,
    });
    let writer: NodeJS.Timeout | undefined;
    try {
      const id = await createSession(host);
      let written = 0;
      writer = setInterval(() => host.app.host.logs.append(AGENT, id, 'stdout', `busy ${written++}`), 50);
      const stream = await openStream(host, id);
      await endedByHost(stream);
      expect(stream.notices.at(-1)).toBe(maxAgeNotice('3 s'));
      expect(stream.frames.at(-2)!.line.message).toMatch(/^busy \d+$/);
      await until(
        'the host to drop the subscriber',
        () => host.app.host.logs.subscriberCount(AGENT, id) === 0,
      );

      // Lines go on being written while no one listens; the resume picks up right after the last one seen.
      const seen = written;
      await until('more lines', () => written >= seen + 5);
      clearInterval(writer);
      host.app.host.logs.append(AGENT, id, 'stdout', 'meanwhile');
      const resumed = await openStream(host, id, { lastEventId: stream.lines.at(-1)!.id! });
      await resumed.waitFor('the lines written meanwhile', (s) => s.has('meanwhile'));
      expect(resumed.lines[0]!.id).toBe(stream.lines.at(-1)!.id! + 1);
      expectConsecutive(idsOf([...stream.lines, ...resumed.lines]));
      // Every line written reached the reader once, in order, across the two connections.
      expect([...startingWith(stream.lines, 'busy '), ...startingWith(resumed.lines, 'busy ')]).toEqual(
        Array.from({ length: written }, (_, i) => `busy ${i}`),
      );
      await disconnect(host, id, resumed);
      await deleteSession(host, id);
    } finally {
      clearInterval(writer);
      await host.close();
    }
  });

  it('closes a stream that gets nothing but heartbeats at the idle timeout', async () => {
    const host = await startHost({
      catalogFile: CATALOG,
      heartbeatSeconds: 0.1,
      streamIdleTimeoutSeconds: 1,
      streamMaxAgeSeconds: 600,
    });
    try {
      const id = await createSession(host);
      const stream = await openStream(host, id);
      await endedByHost(stream);
      expect(stream.notices.at(-1)).toBe(idleNotice('1 s'));
      // Heartbeats came, and did not keep the stream open.
      expect(messagesOf(stream.lines)).toContain('No logs since last 0.1 seconds');
      await until(
        'the host to drop the subscriber',
        () => host.app.host.logs.subscriberCount(AGENT, id) === 0,
      );
      await deleteSession(host, id);
    } finally {
      await host.close();
    }
  });

  it('takes each limit from the command line', async () => {
    const dataDir = tempDir('ash-logs-limits-');
    const cases = [
      { flag: '--stream-max-age', notice: maxAgeNotice('0.5 s') },
      { flag: '--stream-idle-timeout', notice: idleNotice('0.5 s') },
    ];
    try {
      // One host after the other: two cold starts at once can take longer than a start may.
      for (const [i, { flag, notice }] of cases.entries()) {
        const host = await spawnHost(path.join(dataDir, String(i)), ['--agents', CATALOG, flag, '0.5']);
        try {
          const api = { url: (p: string) => apiUrl(host.endpoint, p) };
          const id = await createSession(api);
          const stream = await openStream(api, id);
          await endedByHost(stream);
          expect(stream.notices.at(-1)).toBe(notice);
          await deleteSession(api, id);
        } finally {
          host.child.kill('SIGTERM');
          await host.exited;
        }
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('the default log buffer', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile: CATALOG });
  });
  afterAll(() => host.close());

  it('holds a whole 100,000-line burst, so a reader that falls behind for a while still gets every line', async () => {
    const id = await createSession(host, 'burst');
    const stream = await openStream(host, id, { version: 'burst' });
    await stream.waitFor('the agent to start', (s) => s.has('log-agent: hello on stdout'));
    fs.writeFileSync(path.join(host.app.host.layout.home(AGENT, id), 'go'), '');
    await stream.waitFor('the last burst line', (s) => s.has('burst line 99999'), 60_000);
    const burst = startingWith(stream.lines, 'burst line ');
    expect(burst).toHaveLength(100_000);
    expect(stream.notices.filter((n) => /dropped|lost/.test(n))).toEqual([]);
    await disconnect(host, id, stream);
    await deleteSession(host, id);
  }, 60_000);
});
