/**
 * The HTTP client side of the benchmarks, run in a worker thread: it has its own event loop, so the
 * host's loop on the main thread spends its time serving, not also parsing the responses it sent.
 * Loopback only; every run is bounded by a request count or a duration.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { parentPort } from 'node:worker_threads';
import type { ClientReply, ClientRequest, PostBody } from './load';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread');

port.on('message', (message: ClientRequest) => {
  void handle(message).then(
    (reply) => port.postMessage(reply),
    (err: Error) =>
      port.postMessage({ id: message.id, error: err.stack ?? err.message } satisfies ClientReply),
  );
});

async function handle(message: ClientRequest): Promise<ClientReply> {
  if (message.kind === 'load') {
    const { completed, elapsedMs } = await load(
      message.urls,
      message.concurrency,
      message.durationMs,
      message.post,
    );
    return { id: message.id, completed, elapsedMs };
  }
  const { elapsedMs, body } = await upload(message.url, message.file);
  return { id: message.id, completed: 1, elapsedMs, body };
}

/**
 * `concurrency` keep-alive connections, each sending the next URL (round robin) as soon as its previous
 * answer has fully arrived, until the duration is up; answers in flight then are awaited and counted.
 * The requests are written as bytes and the answers only framed (status, Content-Length), not parsed
 * into objects: node:http's client costs more per request than the host's trivial route, and the
 * baseline must be limited by the host, not by its client.
 */
async function load(urls: string[], concurrency: number, durationMs: number, post?: PostBody) {
  const requests = urls.map((url) => {
    const u = new URL(url);
    if (u.protocol !== 'http:') throw new Error(`only http URLs are measured: ${url}`);
    const head = post
      ? `POST ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: ${post.contentType}\r\nContent-Length: ${Buffer.byteLength(post.body)}\r\n\r\n${post.body}`
      : `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\n\r\n`;
    return { url, bytes: Buffer.from(head, 'utf8') };
  });
  const first = new URL(urls[0]!);
  const connections = await Promise.all(
    Array.from({ length: concurrency }, () => Connection.open(first.hostname, Number(first.port))),
  );
  let next = 0;
  let completed = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const loop = async (connection: Connection) => {
    while (performance.now() < deadline) {
      const request = requests[next++ % requests.length]!;
      const status = await connection.send(request.bytes);
      if (status !== 200) throw new Error(`${post ? 'POST' : 'GET'} ${request.url} answered ${status}`);
      completed++;
    }
  };
  try {
    await Promise.all(connections.map(loop));
  } finally {
    for (const connection of connections) connection.close();
  }
  return { completed, elapsedMs: performance.now() - start };
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive HTTP/1.1 connection with one request at a time; resolves each answer's status. */
class Connection {
  private head: Buffer | undefined;
  /** Body bytes still to come; undefined while the head is still arriving. */
  private remaining: number | undefined;
  private status = 0;
  private waiter: { resolve: (status: number) => void; reject: (err: Error) => void } | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('the host closed a keep-alive connection')));
  }

  static open(host: string, port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  send(request: Buffer): Promise<number> {
    if (this.waiter) throw new Error('one request at a time per connection');
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    if (this.remaining === undefined) {
      const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = head.indexOf(HEAD_END);
      if (end < 0) {
        this.head = head;
        return;
      }
      this.head = undefined;
      const text = head.toString('latin1', 0, end);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1];
      if (length === undefined)
        return this.fail(new Error(`an answer without Content-Length: ${text.slice(0, 200)}`));
      this.status = Number(text.slice(9, 12));
      this.remaining = Number(length) - (head.length - end - HEAD_END.length);
    } else {
      this.remaining -= chunk.length;
    }
    if (this.remaining < 0) return this.fail(new Error('more bytes than one answer; nothing was pipelined'));
    if (this.remaining === 0) {
      this.remaining = undefined;
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter?.resolve(this.status);
    }
  }

  private fail(err: Error): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(err);
  }
}

/**
 * PUTs the file's bytes, read from disk 64 KiB at a time into one buffer that is reused once the socket
 * has taken it. Fresh buffers per chunk (a read stream) would leave up to 50 MiB of garbage in this
 * process until a GC, and the RSS figure is meant to show the host's memory, not the client's.
 */
async function upload(url: string, file: string) {
  const chunk = Buffer.allocUnsafe(64 * 1024);
  const source = await fs.promises.open(file, 'r');
  try {
    const size = (await source.stat()).size;
    const start = performance.now();
    const req = http.request(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': size },
    });
    const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    // An early answer (an error) ends the sending; the body is then read below.
    let early = false;
    void answered.then(
      () => (early = true),
      () => (early = true),
    );
    for (let sent = 0; sent < size && !early;) {
      const { bytesRead } = await source.read(chunk, 0, Math.min(chunk.length, size - sent), sent);
      if (bytesRead === 0) throw new Error(`${file} ended after ${sent} of ${size} bytes`);
      sent += bytesRead;
      await new Promise<void>((resolve, reject) =>
        req.write(chunk.subarray(0, bytesRead), (err) => (err ? reject(err) : resolve())),
      );
    }
    req.end();
    const res = await answered;
    let body = '';
    res.setEncoding('utf8');
    for await (const part of res) body += part as string;
    const elapsedMs = performance.now() - start;
    if (res.statusCode !== 201 && res.statusCode !== 200) {
      throw new Error(`PUT ${url} answered ${res.statusCode}: ${body}`);
    }
    return { elapsedMs, body };
  } finally {
    await source.close();
  }
}
