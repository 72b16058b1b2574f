import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiPaths, type AgentSession, type ErrorBody, type UploadResult } from '@contract';
import { call, startHost, type TestHost } from '../helpers/host';
import { openPut } from '../helpers/open-put';

// A short window, so a trickle is cut off within a second or two; the steady sender below brings about
// fifty times the floor in every window.
const WINDOW_SECONDS = 0.5;
const MIN_BYTES = 4096;

let host: TestHost;
let agent: string;

beforeAll(async () => {
  host = await startHost({ uploadRateWindowSeconds: WINDOW_SECONDS, uploadMinBytesPerWindow: MIN_BYTES });
  const agents = await call<{ data: { name: string }[] }>(host, 'GET', apiPaths.agents());
  agent = agents.body.data[0]!.name;
});

afterAll(async () => {
  await host.close();
});

async function session() {
  const res = await call<AgentSession>(host, 'POST', apiPaths.sessions(agent), { body: {} });
  expect(res.status).toBe(201);
  const id = res.body.agent_session_id;
  const dir = path.join(host.dataDir, 'sandboxes', agent, id);
  return { id, home: path.join(dir, 'home'), tmp: path.join(dir, 'tmp') };
}

const tree = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('a slow upload', () => {
  it('that trickles is cut off with a 408, its temp file removed and its socket closed', async () => {
    const s = await session();
    const url = new URL(host.url(apiPaths.fileContent(agent, s.id), { path: 'slow.bin' }));
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = '';
    let closed = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => (closed = true));
    // Writing after the host hung up fails; that is what is being waited for.
    socket.on('error', () => {});
    socket.write(
      `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
        'Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n',
    );
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('x');
    }, 100);
    try {
      await vi.waitFor(() => expect(tree(s.tmp)).toHaveLength(1), { timeout: 10_000 });
      await vi.waitFor(() => expect(closed).toBe(true), { timeout: 15_000 });
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head.toLowerCase()).toContain('connection: close');
    const error = (JSON.parse(body) as ErrorBody).error;
    expect(error.code).toBe('request_timeout');
    expect(error.message).toContain(`fewer than ${MIN_BYTES} bytes`);
    expect(tree(s.tmp)).toEqual([]);
    expect(tree(s.home)).toEqual([]);
  });

  it('that is slow but steady arrives whole', async () => {
    const s = await session();
    const piece = Buffer.alloc(8 * 1024);
    for (let i = 0; i < piece.length; i++) piece[i] = (i * 7) % 251;
    const pieces = 128;
    const total = piece.length * pieces;
    const { request: req, answer } = openPut<UploadResult>(
      host.url(apiPaths.fileContent(agent, s.id), { path: 'steady.bin' }),
      total,
    );
    // 8 KiB every 20 ms for about 2.5 s: several windows, each well above the floor.
    let sent = 0;
    const sender = setInterval(() => {
      sent++;
      if (sent < pieces) req.write(piece);
      else {
        clearInterval(sender);
        req.end(piece);
      }
    }, 20);
    expect(await answer).toEqual({ status: 201, body: { path: 'steady.bin', bytes_written: total } });
    const expected = createHash('sha256');
    for (let i = 0; i < pieces; i++) expected.update(piece);
    const stored = fs.readFileSync(path.join(s.home, 'steady.bin'));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(expected.digest('hex'));
    expect(tree(s.tmp)).toEqual([]);
  });
});
