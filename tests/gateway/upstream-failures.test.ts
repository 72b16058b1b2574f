import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheckFailed, ErrorBody } from '@contract';
import { fixedToken, rawRequest, startConsole, startTlsStub, until, type ConsoleServer } from './helpers';

// Upstreams that misbehave: one that accepts a connection and never speaks, one that never answers a
// request, one that drops mid-stream, one that redirects, one nobody listens on, one with a certificate
// nobody trusts. Each must end in a clear error (or, once an answer has begun, a visible break).

const CONNECT_TIMEOUT_MS = 400;
const IDLE_TIMEOUT_MS = 700;

let stub: Awaited<ReturnType<typeof startTlsStub>>;
let stranger: Awaited<ReturnType<typeof startTlsStub>>;
let silent: net.Server;
const silentSockets = new Set<net.Socket>();
let closedPort = 0;
let gw: ConsoleServer;
/** Upstream requests the stub saw end, by path: a request the gateway hung up on closes here. */
const closedUpstream: string[] = [];

beforeAll(async () => {
  stub = await startTlsStub((req, res) => {
    req.on('close', () => closedUpstream.push(req.url ?? ''));
    const path = (req.url ?? '').split('?')[0]!.replace('/api/projects/p', '');
    if (path === '/hang') return; // never answers
    if (path === '/redirect') {
      res.writeHead(302, { location: 'https://evil.example/steal' });
      return void res.end();
    }
    if (path === '/not-modified') {
      res.writeHead(304, { etag: '"v1"' });
      return void res.end();
    }
    if (path === '/drop') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: log\ndata: first\n\n');
      setTimeout(() => req.socket.destroy(), 100);
      return;
    }
    if (path === '/stall') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
      res.write(Buffer.alloc(10));
      return; // says nothing more
    }
    if (path === '/quiet-stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: log\ndata: first\n\n');
      setTimeout(() => res.write('event: log\ndata: after a silence\n\n'), IDLE_TIMEOUT_MS * 2);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"not_found","message":"no such stub path"}}');
  });
  stranger = await startTlsStub((_req, res) => res.end('{}'));
  // Accepts connections and never says a word, so a TLS handshake never completes.
  silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));

  gw = await startConsole({
    connections: [
      { name: 'stub', endpoint: `${stub.origin}/api/projects/p` },
      {
        name: 'silent',
        endpoint: `https://127.0.0.1:${(silent.address() as AddressInfo).port}/api/projects/p`,
      },
      { name: 'closed', endpoint: `https://127.0.0.1:${closedPort}/api/projects/p` },
      { name: 'stranger', endpoint: `${stranger.origin}/api/projects/p` },
    ],
    credential: fixedToken('t'),
    extraCa: [stub.ca],
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    idleTimeoutMs: IDLE_TIMEOUT_MS,
  });
});

afterAll(async () => {
  await gw?.close();
  await stub?.close();
  await stranger?.close();
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
});

async function timed(path: string) {
  const started = Date.now();
  const res = await rawRequest(gw.origin, 'GET', path);
  return { ...res, elapsed: Date.now() - started, error: (res.json as ErrorBody | undefined)?.error };
}

describe('an upstream that does not answer', () => {
  it('is a 504 when it accepts a connection and never speaks', async () => {
    const res = await timed('/gateway/silent/agents?api-version=v1');
    expect(res.status).toBe(504);
    expect(res.error).toMatchObject({
      code: 'gateway_timeout',
      message: expect.stringContaining('did not accept a connection'),
    });
    expect(res.elapsed).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
    expect(res.elapsed).toBeLessThan(CONNECT_TIMEOUT_MS + 3000);
  });

  it('is a 504 when it takes the request and never answers, and the upstream request is ended', async () => {
    const res = await timed('/gateway/stub/hang?api-version=v1');
    expect(res.status).toBe(504);
    expect(res.error).toMatchObject({
      code: 'gateway_timeout',
      message: expect.stringContaining('did not answer'),
    });
    expect(res.elapsed).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 50);
    expect(res.elapsed).toBeLessThan(IDLE_TIMEOUT_MS + 3000);
    await until('the stub to see the request end', () => closedUpstream.some((u) => u.includes('/hang')));
  });

  it('is a timeout outcome when a connection being added never answers', async () => {
    const port = (silent.address() as AddressInfo).port;
    const res = await fetch(gw.connectionsUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'never', endpoint: `https://127.0.0.1:${port}/api/projects/q` }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ConnectionCheckFailed).check).toMatchObject({
      ok: false,
      outcome: 'timeout',
    });
  });

  it('is a 502 when nothing listens, naming the host', async () => {
    const res = await timed('/gateway/closed/agents?api-version=v1');
    expect(res.status).toBe(502);
    expect(res.error).toMatchObject({
      code: 'gateway_unreachable',
      message: `127.0.0.1:${closedPort} refused the connection.`,
    });
  });

  it('is a 502 when its certificate is not trusted', async () => {
    const res = await timed('/gateway/stranger/agents?api-version=v1');
    expect(res.status).toBe(502);
    expect(res.error?.code).toBe('gateway_unreachable');
    expect(res.error?.message).toContain('certificate');
  });
});

describe('answers the gateway does not pass on as they are', () => {
  it('refuses to follow a redirect', async () => {
    const res = await timed('/gateway/stub/redirect?api-version=v1');
    expect(res.status).toBe(502);
    expect(res.error).toMatchObject({
      code: 'gateway_redirect_refused',
      message: expect.stringContaining('https://evil.example'),
    });
    expect(res.headers.location).toBeUndefined();
  });

  it('passes a 304 on, as it is no redirect', async () => {
    const res = await timed('/gateway/stub/not-modified?api-version=v1');
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('"v1"');
  });
});

/** A streamed GET through the gateway: what arrived, and whether the response ended cleanly or broke. */
function streamThrough(path: string): Promise<{ status: number; text: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${gw.origin}${path}`, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', () => {});
      response.on('close', () =>
        resolve({ status: response.statusCode ?? 0, text, complete: response.complete }),
      );
    });
    request.on('error', reject);
  });
}

describe('an upstream that breaks mid-answer', () => {
  it('breaks the browser’s log stream when it drops, after passing on what it sent', async () => {
    const res = await streamThrough('/gateway/stub/drop?api-version=v1');
    expect(res.status).toBe(200);
    expect(res.text).toBe('event: log\ndata: first\n\n');
    expect(res.complete).toBe(false);
  });

  it('breaks a download that stalls for longer than the idle timeout', async () => {
    const started = Date.now();
    const res = await streamThrough('/gateway/stub/stall?api-version=v1');
    expect(res.status).toBe(200);
    expect(res.complete).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 50);
  });

  it('keeps a quiet log stream open past the idle timeout', async () => {
    const got: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const request = http.get(
        `${gw.origin}/gateway/stub/quiet-stream?api-version=v1`,
        { agent: false },
        (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            got.push(chunk);
            if (chunk.includes('after a silence')) {
              request.destroy();
              resolve();
            }
          });
          response.on('close', () => reject(new Error(`the stream closed after ${JSON.stringify(got)}`)));
        },
      );
      request.on('error', () => {});
    });
    expect(got.join('')).toContain('after a silence');
    await until('the stub to see the stream end', () =>
      closedUpstream.some((u) => u.includes('/quiet-stream')),
    );
  });
});
