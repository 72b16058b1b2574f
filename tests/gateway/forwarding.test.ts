import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  ISOLATION_KEY_HEADER,
  MAX_UPLOAD_BYTES,
  type Agent,
  type AgentSession,
  type ErrorBody,
  type FileList,
  type List,
  type LogLine,
} from '@contract';
import {
  failingCredential,
  fixedToken,
  startConsole,
  startFoundryStandIn,
  until,
  UPSTREAM_TOKEN,
  type ConsoleServer,
  type FoundryStandIn,
} from './helpers';
import type { Query } from '../helpers/host';
import { memoryProbe } from '../helpers/memory';

// The gateway in front of a second local host that stands in for Foundry (TLS, a required bearer token):
// every call made through `/gateway/foundry/...` must come back exactly as the same call made directly.

const AGENT = 'notes-agent';
const CONNECTION = 'foundry';

let foundry: FoundryStandIn;
let gw: ConsoleServer;
let credential: ReturnType<typeof fixedToken>;

beforeAll(async () => {
  foundry = await startFoundryStandIn();
  credential = fixedToken(UPSTREAM_TOKEN);
  gw = await startConsole({
    connections: [{ name: CONNECTION, endpoint: foundry.endpoint }],
    credential,
    extraCa: [foundry.tls.ca],
  });
});

afterAll(async () => {
  await gw?.close();
  await foundry?.close();
});

interface Reply<T> {
  status: number;
  headers: Headers;
  bytes: Buffer;
  body: T;
}

/** One call through the gateway, or (`direct`) straight to the stand-in with its token. */
async function call<T = ErrorBody>(
  method: string,
  apiPath: string,
  opts: { query?: Query; body?: string; headers?: Record<string, string>; direct?: boolean } = {},
): Promise<Reply<T>> {
  const url = opts.direct
    ? foundry.host.url(apiPath, opts.query)
    : gw.gatewayUrl(CONNECTION, apiPath, opts.query);
  const res = await fetch(url, {
    method,
    headers: {
      ...(opts.body !== undefined && { 'content-type': 'application/json' }),
      ...(opts.direct && { authorization: `Bearer ${UPSTREAM_TOKEN}` }),
      ...opts.headers,
    },
    ...(opts.body !== undefined && { body: opts.body }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const isJson = res.headers.get('content-type')?.startsWith('application/json') ?? false;
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    body: (isJson ? JSON.parse(bytes.toString()) : undefined) as T,
  };
}

/** A session of the notes agent made through the gateway, active (its process answered) before it is returned. */
async function activeSession(headers: Record<string, string> = {}): Promise<AgentSession> {
  const made = await call<AgentSession>('POST', apiPaths.sessions(AGENT), {
    body: JSON.stringify({ version_indicator: { type: 'version_ref', agent_version: '1' } }),
    headers,
  });
  expect(made.status).toBe(201);
  const id = made.body.agent_session_id;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const now = await call<AgentSession>('GET', apiPaths.session(AGENT, id));
    if (now.body.status === 'active') return now.body;
    if (Date.now() > deadline) throw new Error(`session ${id} is ${now.body.status}, not active`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const removeSession = (id: string, headers: Record<string, string> = {}) =>
  call('DELETE', apiPaths.session(AGENT, id), { headers });

describe('sessions through the gateway', () => {
  it('lists agents exactly as the project does', async () => {
    const through = await call<List<Agent>>('GET', apiPaths.agents());
    const direct = await call<List<Agent>>('GET', apiPaths.agents(), { direct: true });
    expect(through.status).toBe(200);
    expect(through.body).toEqual(direct.body);
    expect(through.body.data.map((a) => a.name)).toContain(AGENT);
  });

  it('creates, gets, lists, stops and deletes a session, ownership included', async () => {
    const key = { [ISOLATION_KEY_HEADER]: 'owner-of-this-one' };
    const id = (await activeSession(key)).agent_session_id;

    const through = await call<AgentSession>('GET', apiPaths.session(AGENT, id));
    const direct = await call<AgentSession>('GET', apiPaths.session(AGENT, id), { direct: true });
    expect(through.status).toBe(200);
    expect(through.body).toEqual(direct.body);

    const list = await call<List<AgentSession>>('GET', apiPaths.sessions(AGENT), { query: { limit: 100 } });
    expect(list.body.data.map((s) => s.agent_session_id)).toContain(id);

    // The isolation key is forwarded: without it the project refuses, with it the stop goes through.
    const refused = await call('POST', apiPaths.sessionStop(AGENT, id));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('session_not_accessible');
    expect((await call('POST', apiPaths.sessionStop(AGENT, id), { headers: key })).status).toBe(204);

    expect((await removeSession(id, key)).status).toBe(204);
    const gone = await call('GET', apiPaths.session(AGENT, id));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual((await call('GET', apiPaths.session(AGENT, id), { direct: true })).body);
  });

  it('patches an agent with a merge patch', async () => {
    const before = await call<Agent>('GET', apiPaths.agent(AGENT), { direct: true });
    const description = `Changed through the gateway at ${Date.now()}`;
    const patched = await call<Agent>('PATCH', apiPaths.agent(AGENT), {
      body: JSON.stringify({ agent_card: { description } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.agent_card?.description).toBe(description);
    const after = await call<Agent>('GET', apiPaths.agent(AGENT), { direct: true });
    expect(after.body).toEqual(patched.body);
    expect(after.body.agent_card?.skills).toEqual(before.body.agent_card?.skills);
  });

  it('asks the credential once and never hands the token to the browser', async () => {
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => call('GET', apiPaths.agents(), { query: { limit: 1 } })),
    );
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.bytes.toString()).not.toContain(UPSTREAM_TOKEN);
      expect([...reply.headers].join('\n')).not.toContain(UPSTREAM_TOKEN);
    }
    // One token for the whole process, fetched on the first call and held since.
    expect(credential.calls).toBe(1);
  });
});

/** `total` bytes of a fixed pattern, in 64 KiB pieces of one shared buffer: the sender holds almost nothing. */
function* pattern(total: number): Generator<Buffer> {
  const piece = Buffer.alloc(64 * 1024);
  for (let i = 0; i < piece.length; i++) piece[i] = (i * 7) % 253;
  for (let sent = 0; sent < total; sent += piece.length)
    yield piece.subarray(0, Math.min(piece.length, total - sent));
}

function sha256Of(pieces: Iterable<Buffer>): string {
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
}

/** A PUT written piece by piece as the socket takes it, so the body is never whole anywhere on this side. */
function streamedPut(
  url: string,
  pieces: Iterable<Buffer>,
  length: number,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'PUT',
      agent: false,
      headers: { 'content-type': 'application/octet-stream', 'content-length': length },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
      );
    });
    request.on('error', reject);
    const it = pieces[Symbol.iterator]();
    const pump = (): void => {
      for (let next = it.next(); ; next = it.next()) {
        if (next.done) return void request.end();
        if (!request.write(next.value)) return void request.once('drain', pump);
      }
    };
    pump();
  });
}

describe('files through the gateway', () => {
  it('streams a 50 MiB upload through without holding it, and downloads it intact', async () => {
    const session = await activeSession();
    const id = session.agent_session_id;
    const contentUrl = gw.gatewayUrl(CONNECTION, apiPaths.fileContent(AGENT, id), { path: 'big/upload.bin' });

    // The gateway runs in this process (so do the stand-in and its TLS terminator): what it keeps alive
    // shows in this process's numbers. Live buffer memory after a forced collection is sampled as the body
    // goes out; a gateway that gathered the body would keep 50 MiB alive. RSS is only a coarse bound.
    const memory = memoryProbe();
    const up = await streamedPut(contentUrl, memory.sampled(pattern(MAX_UPLOAD_BYTES)), MAX_UPLOAD_BYTES);
    expect(up).toEqual({ status: 201, body: { path: 'big/upload.bin', bytes_written: MAX_UPLOAD_BYTES } });
    // Streamed, both stay near 15 MiB here (three servers' socket buffers); gathered, the body alone is 50 MiB.
    expect(memory.livePeak()).toBeLessThan(28 * 1024 * 1024);
    expect(memory.rssGrowth()).toBeLessThan(40 * 1024 * 1024);

    const down = await fetch(contentUrl);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(down.headers.get('content-length')).toBe(String(MAX_UPLOAD_BYTES));
    expect(down.headers.get('content-disposition')).toContain('upload.bin');
    const hash = createHash('sha256');
    for await (const chunk of down.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
    expect(hash.digest('hex')).toBe(sha256Of(pattern(MAX_UPLOAD_BYTES)));

    const listed = await call<FileList>('GET', apiPaths.files(AGENT, id), { query: { path: 'big' } });
    expect(listed.body.entries).toEqual([
      expect.objectContaining({ name: 'upload.bin', size: MAX_UPLOAD_BYTES }),
    ]);
    expect((await removeSession(id)).status).toBe(204);
  });

  it('passes the project’s 413 for a body over 50 MiB back unchanged', async () => {
    const session = await activeSession();
    const url = gw.gatewayUrl(CONNECTION, apiPaths.fileContent(AGENT, session.agent_session_id), {
      path: 'too-big.bin',
    });
    const res = await streamedPut(url, pattern(MAX_UPLOAD_BYTES + 1), MAX_UPLOAD_BYTES + 1);
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    expect((await removeSession(session.agent_session_id)).status).toBe(204);
  });
});

/** An SSE response read frame by frame over its own connection; `close()` hangs up as a browser tab would. */
function openLogStream(url: string): Promise<{
  response: http.IncomingMessage;
  lines: LogLine[];
  close: () => void;
}> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      const lines: LogLine[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const frames = buffer.split('\n\n');
        buffer = frames.pop()!;
        for (const frame of frames) {
          const data = frame.split('\n').find((row) => row.startsWith('data: '));
          if (data) lines.push(JSON.parse(data.slice('data: '.length)) as LogLine);
        }
      });
      response.on('error', () => {});
      resolve({ response, lines, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

describe('the log stream through the gateway', () => {
  it('passes each frame on as it is written, and hanging up ends the upstream subscription', async () => {
    const session = await activeSession();
    const id = session.agent_session_id;
    const logs = foundry.host.app.host.logs;
    const stream = await openLogStream(
      gw.gatewayUrl(CONNECTION, apiPaths.logStream(AGENT, session.version_indicator.agent_version, id)),
    );
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.response.headers['x-accel-buffering']).toBe('no');
    await until('the connected notice', () =>
      stream.lines.some((l) => l.message === 'Successfully connected to container'),
    );
    expect(logs.subscriberCount(AGENT, id)).toBe(1);

    // Each line must arrive before the next is written: nothing between the project and the browser holds frames back.
    for (let i = 0; i < 5; i++) {
      const message = `through the gateway ${i}`;
      logs.append(AGENT, id, 'stdout', message);
      await until(`line ${i}`, () => stream.lines.some((l) => l.message === message), 5000);
    }
    expect(
      stream.lines.filter((l) => l.message.startsWith('through the gateway')).map((l) => l.message),
    ).toEqual(Array.from({ length: 5 }, (_, i) => `through the gateway ${i}`));

    stream.close();
    await until('the upstream subscription to end', () => logs.subscriberCount(AGENT, id) === 0);
    expect((await removeSession(id)).status).toBe(204);
  });
});

describe('when the project refuses', () => {
  it('passes the upstream 401 back unchanged for a wrong token', async () => {
    const wrong = await startConsole({
      connections: [{ name: CONNECTION, endpoint: foundry.endpoint }],
      credential: fixedToken('not-the-right-token'),
      extraCa: [foundry.tls.ca],
    });
    try {
      const through = await fetch(wrong.gatewayUrl(CONNECTION, apiPaths.agents()));
      const direct = await fetch(foundry.host.url(apiPaths.agents()), {
        headers: { authorization: 'Bearer not-the-right-token' },
      });
      expect(through.status).toBe(401);
      expect(await through.json()).toEqual(await direct.json());
      expect(through.headers.get('content-type')).toBe(direct.headers.get('content-type'));
      // The project's request id, for support; ids are per request, so only its form can be compared.
      expect(through.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await wrong.close();
    }
  });

  it('says how to sign in when no token can be had, and quotes no secret', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.c2lnbmF0dXJlLWJ5dGVz';
    const broken = await startConsole({
      connections: [{ name: CONNECTION, endpoint: foundry.endpoint }],
      credential: failingCredential(
        `AzureCliCredential: Please run 'az login'. Refresh token ${jwt} rejected; client_secret=s3cr3t-Value-here`,
      ),
      extraCa: [foundry.tls.ca],
    });
    try {
      const res = await fetch(broken.gatewayUrl(CONNECTION, apiPaths.agents()));
      const text = await res.text();
      expect(res.status).toBe(503);
      const body = JSON.parse(text) as ErrorBody;
      expect(body.error.code).toBe('gateway_auth_failed');
      expect(body.error.message).toContain('az login');
      expect(text).not.toContain(jwt);
      expect(text).not.toContain('eyJ');
      expect(text).not.toContain('s3cr3t-Value-here');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    } finally {
      await broken.close();
    }
  });
});
