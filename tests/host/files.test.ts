import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  apiPaths,
  ISOLATION_KEY_HEADER,
  MAX_NAME_BYTES,
  MAX_PATH_BYTES,
  MAX_UPLOAD_BYTES,
  type LogLine,
  type AgentSession,
  type ErrorBody,
  type FileList,
  type List,
  type Agent,
  type UploadResult,
} from '@contract';
import { startHost, tempDir, type Query, type TestHost } from '../helpers/host';
import { memoryProbe } from '../helpers/memory';
import { openPut } from '../helpers/open-put';

interface Reply<T> {
  status: number;
  headers: Headers;
  bytes: Buffer;
  body: T;
  /** The error body's `error` (undefined when the answer is not an error). */
  error: ErrorBody['error'];
}

let host: TestHost;
let agent: string;
/** Sessions made by the running test, deleted after it. */
let made: { id: string; key?: string }[] = [];

beforeAll(async () => {
  host = await startHost();
  const agents = (await (await fetch(host.url(apiPaths.agents()))).json()) as List<Agent>;
  agent = agents.data[0]!.name;
});

afterEach(async () => {
  for (const s of made) {
    await fetch(host.url(apiPaths.session(agent, s.id)), {
      method: 'DELETE',
      headers: s.key ? { [ISOLATION_KEY_HEADER]: s.key } : {},
    });
  }
  made = [];
});

afterAll(async () => {
  await host.close();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function call<T = ErrorBody>(
  method: string,
  apiPath: string,
  opts: { query?: Query; body?: Uint8Array<ArrayBuffer> | string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const res = await fetch(host.url(apiPath, opts.query), {
    method,
    headers: opts.headers ?? {},
    ...(opts.body !== undefined && { body: opts.body }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const isJson = res.headers.get('content-type')?.startsWith('application/json') ?? false;
  const body: unknown = isJson ? JSON.parse(bytes.toString()) : undefined;
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    body: body as T,
    error: (body as ErrorBody | undefined)?.error as ErrorBody['error'],
  };
}

/** A fresh session of the sample catalog's first agent, with its folders on disk. */
async function session(ownerKey?: string) {
  const res = await call<AgentSession>('POST', apiPaths.sessions(agent), {
    body: '{}',
    headers: { 'content-type': 'application/json', ...(ownerKey && { [ISOLATION_KEY_HEADER]: ownerKey }) },
  });
  expect(res.status).toBe(201);
  const id = res.body.agent_session_id;
  made.push({ id, ...(ownerKey && { key: ownerKey }) });
  const dir = path.join(host.dataDir, 'sandboxes', agent, id);
  const key: Record<string, string> = ownerKey ? { [ISOLATION_KEY_HEADER]: ownerKey } : {};
  return {
    id,
    version: res.body.version_indicator.agent_version,
    home: path.join(dir, 'home'),
    tmp: path.join(dir, 'tmp'),
    upload: (p: string, body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string> = key) =>
      call<UploadResult>('PUT', apiPaths.fileContent(agent, id), {
        query: { path: p },
        body,
        headers: { 'content-type': 'application/octet-stream', ...headers },
      }),
    download: (p: string) => call('GET', apiPaths.fileContent(agent, id), { query: { path: p } }),
    list: (query: Query = {}) => call<FileList>('GET', apiPaths.files(agent, id), { query }),
    remove: (p: string, query: Query = {}, headers: Record<string, string> = key) =>
      call<undefined>('DELETE', apiPaths.files(agent, id), { query: { path: p, ...query }, headers }),
    contentUrl: (p: string) => host.url(apiPaths.fileContent(agent, id), { path: p }),
  };
}
type Session = Awaited<ReturnType<typeof session>>;

/** Everything under `dir` (files, folders, links), as relative paths; nothing when it does not exist. */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

/** `total` bytes of a fixed pattern, in 64 KiB pieces that share one buffer, so the sender holds almost nothing. */
function* pattern(total: number): Generator<Buffer> {
  const piece = Buffer.alloc(64 * 1024);
  for (let i = 0; i < piece.length; i++) piece[i] = i % 251;
  for (let sent = 0; sent < total; sent += piece.length) {
    yield piece.subarray(0, Math.min(piece.length, total - sent));
  }
}

const names = (list: FileList) => list.entries.map((e) => e.name);

function patternSha(total: number): string {
  const hash = createHash('sha256');
  for (const piece of pattern(total)) hash.update(piece);
  return hash.digest('hex');
}

/**
 * PUT with node:http, writing `pieces` as the server takes them and stopping when the answer arrives.
 * Without a Content-Length the body goes chunked. `abortWhen` lets the test cut the connection mid-body.
 */
function rawPut(
  url: string,
  pieces: Iterable<Buffer>,
  opts: { contentLength?: number; abortWhen?: () => boolean } = {},
): Promise<{ status: number; body: ErrorBody | UploadResult } | 'aborted'> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream' };
    if (opts.contentLength !== undefined) headers['content-length'] = opts.contentLength;
    const req = http.request(url, { method: 'PUT', headers, agent: false });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()) as ErrorBody,
        });
      });
    });
    req.on('error', (err) => {
      if (!answered && !req.destroyed) reject(err);
    });
    const it = pieces[Symbol.iterator]();
    const pump = (): void => {
      for (;;) {
        if (answered || req.destroyed) return;
        if (opts.abortWhen?.()) {
          req.destroy();
          resolve('aborted');
          return;
        }
        const next = it.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/** The answer to an upload of 2 MiB to `deep/er/file.bin` during which, half sent, `meanwhile` is done. */
async function uploadWhile(s: Session, meanwhile: () => unknown) {
  const total = 2 * 1024 * 1024;
  const { request, answer } = openPut<ErrorBody>(s.contentUrl('deep/er/file.bin'), total);
  const half = Buffer.alloc(total / 2, 7);
  request.write(half);
  // The host is writing the temp file: the upload is under way.
  await vi.waitFor(() => expect(tree(s.tmp)).toHaveLength(1));
  await meanwhile();
  request.end(half);
  return answer;
}

async function expectNothingLeft(s: Session) {
  await vi.waitFor(() => expect(tree(s.tmp)).toEqual([]));
  expect(tree(s.home)).toEqual([]);
}

describe('upload and download', () => {
  it('round-trips bytes, creating parent folders', async () => {
    const s = await session();
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const up = await s.upload('docs/2024/report.bin', bytes);
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ path: 'docs/2024/report.bin', bytes_written: bytes.length });
    expect(sha256(fs.readFileSync(path.join(s.home, 'docs', '2024', 'report.bin')))).toBe(sha256(bytes));

    const down = await s.download('docs/2024/report.bin');
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(down.headers.get('content-length')).toBe(String(bytes.length));
    expect(down.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''report.bin");
    expect(sha256(down.bytes)).toBe(sha256(bytes));
    expect(tree(s.tmp)).toEqual([]);
  });

  it('normalises the path it reports', async () => {
    const s = await session();
    const up = await s.upload('./notes//a.txt', 'a');
    expect(up.body).toEqual({ path: 'notes/a.txt', bytes_written: 1 });
    expect(fs.readFileSync(path.join(s.home, 'notes', 'a.txt'), 'utf8')).toBe('a');
  });

  it('stores the bytes as sent whatever the Content-Type says', async () => {
    const s = await session();
    for (const [type, body] of [
      ['application/json', '{"not": "parsed"'],
      ['text/plain; charset=utf-8', 'plain'],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      const up = await s.upload('f', body, { 'content-type': type });
      expect(up.status).toBe(201);
      expect(fs.readFileSync(path.join(s.home, 'f'), 'utf8')).toBe(body);
    }
  });

  it('accepts an empty file and downloads it with Content-Length 0', async () => {
    const s = await session();
    const up = await s.upload('empty', '');
    expect(up.body).toEqual({ path: 'empty', bytes_written: 0 });
    const down = await s.download('empty');
    expect(down.status).toBe(200);
    expect(down.headers.get('content-length')).toBe('0');
    expect(down.bytes.length).toBe(0);
  });

  it('replaces an existing file by rename: a reader of the old file still reads all of it', async () => {
    const s = await session();
    const before = randomBytes(1024 * 1024);
    const after = randomBytes(512 * 1024);
    await s.upload('data.bin', before);
    const oldInode = fs.statSync(path.join(s.home, 'data.bin')).ino;
    const reader = fs.openSync(path.join(s.home, 'data.bin'), 'r');
    try {
      expect((await s.upload('data.bin', after)).status).toBe(201);
      const old = Buffer.alloc(before.length + 1);
      expect(fs.readSync(reader, old, 0, old.length, 0)).toBe(before.length);
      expect(sha256(old.subarray(0, before.length))).toBe(sha256(before));
    } finally {
      fs.closeSync(reader);
    }
    expect(fs.statSync(path.join(s.home, 'data.bin')).ino).not.toBe(oldInode);
    expect(sha256((await s.download('data.bin')).bytes)).toBe(sha256(after));
    expect(tree(s.tmp)).toEqual([]);
  });

  it('writes through a link to a file inside home, to the file it points to', async () => {
    const s = await session();
    await s.upload('real.txt', 'old');
    fs.symlinkSync('real.txt', path.join(s.home, 'alias.txt'));
    expect((await s.upload('alias.txt', 'new')).status).toBe(201);
    expect(fs.lstatSync(path.join(s.home, 'alias.txt')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(s.home, 'real.txt'), 'utf8')).toBe('new');
    expect((await s.download('alias.txt')).bytes.toString()).toBe('new');
  });

  it('refuses to put a file where a folder is, under a file, or at home', async () => {
    const s = await session();
    await s.upload('dir/inside.txt', 'x');
    await s.upload('plain.txt', 'x');
    const onFolder = await s.upload('dir', 'y');
    expect(onFolder.status).toBe(409);
    expect(onFolder.body).toMatchObject({ error: { code: 'conflict', param: 'path' } });
    const underFile = await s.upload('plain.txt/child.txt', 'y');
    expect(underFile.status).toBe(409);
    expect(underFile.error.message).toContain("'plain.txt' is a file");
    expect((await s.upload('.', 'y')).status).toBe(400);
    expect((await s.upload('', 'y')).status).toBe(400);
    expect(tree(s.home)).toEqual(['dir', 'dir/inside.txt', 'plain.txt']);
    expect(tree(s.tmp)).toEqual([]);
  });

  it('downloads of folders and of missing files are refused', async () => {
    const s = await session();
    await s.upload('dir/a.txt', 'a');
    const folder = await s.download('dir');
    expect(folder.status).toBe(400);
    expect(folder.body).toMatchObject({ error: { code: 'invalid_request', param: 'path' } });
    expect((await s.download('.')).status).toBe(400);
    const missing = await s.download('dir/nope.txt');
    expect(missing.status).toBe(404);
    expect(missing.error.code).toBe('not_found');
    expect((await s.download('dir/a.txt/below')).status).toBe(404);
  });

  it.each([
    [
      '<img src=x onerror=alert(1)>.txt',
      "attachment; filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt",
    ],
    [
      'résumé 日本 "q" \'s\'.pdf',
      "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%20%E6%97%A5%E6%9C%AC%20%22q%22%20%27s%27.pdf",
    ],
    ['a;b,c*.txt', "attachment; filename*=UTF-8''a%3Bb%2Cc%2A.txt"],
  ])('names %j safely in Content-Disposition', async (name, header) => {
    const s = await session();
    expect((await s.upload(`d/${name}`, 'x')).status).toBe(201);
    const down = await s.download(`d/${name}`);
    expect(down.headers.get('content-disposition')).toBe(header);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(decodeURIComponent(header.split("''")[1]!)).toBe(name);
  });
});

describe('upload size limit', () => {
  it('accepts exactly 50 MiB without holding it in memory', async () => {
    const s = await session();
    // The host runs in this process: what it keeps alive shows in this process's numbers. Live buffer
    // memory, after a forced collection, is sampled as the body goes out; a host holding the body whole
    // would keep tens of MiB alive. RSS is only a coarse sanity bound: garbage not yet collected counts too.
    const memory = memoryProbe();
    const res = await rawPut(s.contentUrl('big.bin'), memory.sampled(pattern(MAX_UPLOAD_BYTES)), {
      contentLength: MAX_UPLOAD_BYTES,
    });
    expect(res).toEqual({ status: 201, body: { path: 'big.bin', bytes_written: MAX_UPLOAD_BYTES } });

    expect(memory.livePeak()).toBeLessThan(8 * 1024 * 1024);
    expect(memory.rssGrowth()).toBeLessThan(40 * 1024 * 1024);
    const file = path.join(s.home, 'big.bin');
    expect(fs.statSync(file).size).toBe(MAX_UPLOAD_BYTES);
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(
      patternSha(MAX_UPLOAD_BYTES),
    );
  });

  it('accepts exactly 50 MiB sent chunked', async () => {
    const s = await session();
    const res = await rawPut(s.contentUrl('big.bin'), pattern(MAX_UPLOAD_BYTES));
    expect(res).toEqual({ status: 201, body: { path: 'big.bin', bytes_written: MAX_UPLOAD_BYTES } });
  });

  it('answers 413 to a Content-Length of 50 MiB + 1 before reading, and writes nothing', async () => {
    const s = await session();
    const res = await rawPut(s.contentUrl('big/too-big.bin'), pattern(MAX_UPLOAD_BYTES + 1), {
      contentLength: MAX_UPLOAD_BYTES + 1,
    });
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    await expectNothingLeft(s);
  });

  it('answers 413 to a chunked body that grows past 50 MiB, and leaves nothing', async () => {
    const s = await session();
    const res = await rawPut(s.contentUrl('big/too-big.bin'), pattern(MAX_UPLOAD_BYTES + 1));
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    await expectNothingLeft(s);
  });

  it('answers 413 to fetch streaming an endless body, and the host goes on serving', async () => {
    const s = await session();
    // A streamed request body needs `duplex`, which the DOM typings do not know yet.
    const pieces = pattern(4 * MAX_UPLOAD_BYTES);
    const init: RequestInit & { duplex: 'half' } = {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new ReadableStream({
        pull(controller) {
          const next = pieces.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
      }),
      duplex: 'half',
    };
    const res = await fetch(s.contentUrl('endless.bin'), init);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('payload_too_large');
    await expectNothingLeft(s);
    expect((await s.upload('after.txt', 'still here')).status).toBe(201);
  });

  it('leaves nothing when the client gives up mid-upload', async () => {
    const s = await session();
    const partial = () => tree(s.tmp).length > 0;
    let seen = false;
    const res = await rawPut(s.contentUrl('half/gone.bin'), pattern(8 * 1024 * 1024), {
      contentLength: 8 * 1024 * 1024,
      // Wait until the server is writing the temp file, then hang up.
      abortWhen: () => (seen ||= partial()),
    });
    expect(res).toBe('aborted');
    await expectNothingLeft(s);
  });
  it('answers 404 and brings nothing back when the session is deleted mid-upload', async () => {
    const s = await session();
    const answer = await uploadWhile(s, async () => {
      expect((await call('DELETE', apiPaths.session(agent, s.id))).status).toBe(204);
    });
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(fs.existsSync(path.dirname(s.home))).toBe(false);
  });
});

describe('listing', () => {
  async function folderOf(s: Session, names: string[]) {
    fs.mkdirSync(path.join(s.home, 'many'));
    for (const name of names) fs.writeFileSync(path.join(s.home, 'many', name), name);
  }

  it('describes entries and defaults to home', async () => {
    const s = await session();
    await s.upload('a.txt', 'hello');
    fs.mkdirSync(path.join(s.home, 'sub'));
    const res = await s.list();
    expect(res.status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    expect(res.body).toMatchObject({ path: '.', first_id: 'a.txt', last_id: 'sub', has_more: false });
    expect(res.body.entries).toEqual([
      { name: 'a.txt', size: 5, is_directory: false, modified_time: expect.any(Number) },
      { name: 'sub', size: 0, is_directory: true, modified_time: expect.any(Number) },
    ]);
    for (const e of res.body.entries) expect(Math.abs(e.modified_time - now)).toBeLessThan(120);
    expect((await s.list({ path: './sub/' })).body).toEqual({ path: 'sub', entries: [], has_more: false });
  });

  it('pages by name in both directions', async () => {
    const s = await session();
    const all = Array.from({ length: 25 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    await folderOf(s, [...all].reverse());
    const page = (q: Query) => s.list({ path: 'many', ...q }).then((r) => r.body);

    const p1 = await page({ limit: 10 });
    expect(names(p1)).toEqual(all.slice(0, 10));
    expect(p1).toMatchObject({ first_id: 'f00', last_id: 'f09', has_more: true });
    const p2 = await page({ limit: 10, after: p1.last_id });
    expect(names(p2)).toEqual(all.slice(10, 20));
    const p3 = await page({ limit: 10, after: p2.last_id });
    expect(names(p3)).toEqual(all.slice(20));
    expect(p3.has_more).toBe(false);
    // And back again from the last page.
    const back = await page({ limit: 10, before: p3.first_id });
    expect(names(back)).toEqual(all.slice(10, 20));
    expect(back.has_more).toBe(true);
    const start = await page({ limit: 10, before: p2.first_id });
    expect(names(start)).toEqual(all.slice(0, 10));
    expect(start.has_more).toBe(false);

    const d1 = await page({ limit: 10, order: 'desc' });
    expect(names(d1)).toEqual([...all].reverse().slice(0, 10));
    expect(d1).toMatchObject({ first_id: 'f24', last_id: 'f15', has_more: true });
    const d2 = await page({ limit: 10, order: 'desc', after: 'f15' });
    expect(names(d2)).toEqual([...all].reverse().slice(10, 20));
    const dBack = await page({ limit: 3, order: 'desc', before: 'f15' });
    expect(names(dBack)).toEqual(['f18', 'f17', 'f16']);
    expect(dBack.has_more).toBe(true);
  });

  it('keeps a cursor that names no entry, so pages hold while entries come and go', async () => {
    const s = await session();
    await folderOf(s, ['a', 'b', 'd', 'e']);
    const p1 = await s.list({ path: 'many', limit: 2 });
    expect(names(p1.body)).toEqual(['a', 'b']);
    fs.rmSync(path.join(s.home, 'many', 'b'));
    fs.writeFileSync(path.join(s.home, 'many', 'c'), '');
    const p2 = await s.list({ path: 'many', limit: 2, after: 'b' });
    expect(p2.status).toBe(200);
    expect(names(p2.body)).toEqual(['c', 'd']);
    expect(names((await s.list({ path: 'many', after: 'zzz' })).body)).toEqual([]);
    expect((await s.list({ path: 'many', after: 'zzz' })).body).toEqual({
      path: 'many',
      entries: [],
      has_more: false,
    });
    expect(names((await s.list({ path: 'many', before: 'bb' })).body)).toEqual(['a']);
  });

  it('refuses out-of-range and malformed paging values', async () => {
    const s = await session();
    for (const q of [
      { limit: 0 },
      { limit: 101 },
      { limit: 'ten' },
      { limit: 1.5 },
      { order: 'up' },
      { after: '' },
    ]) {
      const res = await s.list(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.error.code).toBe('invalid_request');
    }
    expect((await s.list({ after: 'a', before: 'b' })).status).toBe(400);
    expect((await s.list({ limit: 1 })).status).toBe(200);
    expect((await s.list({ limit: 100 })).status).toBe(200);
  });

  it('lists a page of a folder of 10,000 entries', async () => {
    const s = await session();
    const all = Array.from({ length: 10_000 }, (_, i) => `entry-${String(i).padStart(5, '0')}`);
    await folderOf(s, all);
    const first = await s.list({ path: 'many', limit: 100 });
    expect(first.status).toBe(200);
    expect(names(first.body)).toEqual(all.slice(0, 100));
    expect(first.body.has_more).toBe(true);
    const last = await s.list({ path: 'many', limit: 100, order: 'desc' });
    expect(last.body.first_id).toBe('entry-09999');
    const middle = await s.list({ path: 'many', limit: 5, after: 'entry-04999' });
    expect(names(middle.body)).toEqual(all.slice(5000, 5005));
  });

  it('is a 404 for a missing folder and a 400 for a file', async () => {
    const s = await session();
    await s.upload('a.txt', 'a');
    expect((await s.list({ path: 'nope' })).status).toBe(404);
    expect((await s.list({ path: 'a.txt/x' })).status).toBe(404);
    const file = await s.list({ path: 'a.txt' });
    expect(file.status).toBe(400);
    expect(file.body).toMatchObject({ error: { code: 'invalid_request', param: 'path' } });
  });
});

describe('delete', () => {
  it('deletes a file and an empty folder', async () => {
    const s = await session();
    await s.upload('a.txt', 'a');
    fs.mkdirSync(path.join(s.home, 'empty'));
    expect((await s.remove('a.txt')).status).toBe(204);
    expect((await s.remove('empty')).status).toBe(204);
    expect(tree(s.home)).toEqual([]);
  });

  it('refuses a non-empty folder without recursive, saying how much it holds', async () => {
    const s = await session();
    await s.upload('dir/a.txt', 'a');
    await s.upload('dir/b.txt', 'b');
    await s.upload('dir/sub/c.txt', 'c');
    const res = await s.remove('dir');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'conflict' } });
    expect(res.error.message).toContain('not empty');
    expect(res.error.message).toContain('3 entries');
    expect((await s.remove('dir', { recursive: false })).status).toBe(409);
    expect(tree(s.home)).toContain('dir/sub/c.txt');

    expect((await s.remove('dir', { recursive: true })).status).toBe(204);
    expect(tree(s.home)).toEqual([]);
  });

  it('is a 404 for a missing path, a 400 for home and for a bad recursive flag', async () => {
    const s = await session();
    await s.upload('a.txt', 'a');
    expect((await s.remove('nope')).status).toBe(404);
    expect((await s.remove('a.txt/below')).status).toBe(404);
    expect((await s.remove('.', { recursive: true })).status).toBe(400);
    expect((await s.remove('')).status).toBe(400);
    expect((await s.remove('a.txt', { recursive: 'maybe' })).status).toBe(400);
    expect(tree(s.home)).toEqual(['a.txt']);
  });
});

describe('paths that leave home', () => {
  let outside: string;
  beforeAll(() => {
    outside = tempDir('ash-outside-');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  });
  afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

  const unchanged = () => {
    expect(tree(outside)).toEqual(['secret.txt']);
    expect(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  };

  it.each([['..'], ['../x'], ['/etc/passwd'], ['a/../../x'], ['a/../b'], ['a\0b'], ['..\\x']])(
    'refuses %j everywhere',
    async (p) => {
      const s = await session();
      const passwd = fs.existsSync('/etc/passwd') ? fs.statSync('/etc/passwd').mtimeMs : undefined;
      for (const res of [
        await s.upload(p, 'x'),
        await s.download(p),
        await s.list({ path: p }),
        await s.remove(p, { recursive: true }),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ error: { code: 'invalid_request', param: 'path' } });
      }
      if (passwd !== undefined) expect(fs.statSync('/etc/passwd').mtimeMs).toBe(passwd);
      expect(tree(s.home)).toEqual([]);
      expect(tree(s.tmp)).toEqual([]);
    },
  );

  it('refuses to go through a link that points out, and lists it as an empty file', async () => {
    const s = await session();
    fs.symlinkSync(outside, path.join(s.home, 'escape'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(s.home, 'escape.txt'));
    for (const res of [
      await s.upload('escape/new.txt', 'x'),
      await s.upload('escape/secret.txt', 'x'),
      await s.upload('escape.txt', 'x'),
      await s.download('escape/secret.txt'),
      await s.download('escape.txt'),
      await s.list({ path: 'escape' }),
      await s.remove('escape/secret.txt'),
    ]) {
      expect(res.status).toBe(400);
      expect(res.error.message).toContain('symbolic link');
    }
    unchanged();
    const listed = await s.list();
    expect(listed.body.entries).toEqual([
      { name: 'escape', size: 0, is_directory: false, modified_time: expect.any(Number) },
      { name: 'escape.txt', size: 0, is_directory: false, modified_time: expect.any(Number) },
    ]);
    // The link itself belongs to home: deleting it removes the link, never what it points to.
    expect((await s.remove('escape', { recursive: true })).status).toBe(204);
    expect((await s.remove('escape.txt')).status).toBe(204);
    expect(tree(s.home)).toEqual([]);
    unchanged();
  });

  it('lists a link that stays inside home as what it points to', async () => {
    const s = await session();
    await s.upload('dir/a.txt', 'abc');
    fs.symlinkSync('dir', path.join(s.home, 'shortcut'));
    fs.symlinkSync(path.join('dir', 'a.txt'), path.join(s.home, 'a-link'));
    const listed = await s.list();
    expect(listed.body.entries.map(({ name, size, is_directory }) => ({ name, size, is_directory }))).toEqual(
      [
        { name: 'a-link', size: 3, is_directory: false },
        { name: 'dir', size: 0, is_directory: true },
        { name: 'shortcut', size: 0, is_directory: true },
      ],
    );
    expect(names((await s.list({ path: 'shortcut' })).body)).toEqual(['a.txt']);
  });
});

describe('ownership and lookup', () => {
  it('lets only the owner key change files of an owned session', async () => {
    const s = await session('k1');
    const strangers: Record<string, string>[] = [
      {},
      { [ISOLATION_KEY_HEADER]: 'k2' },
      { [ISOLATION_KEY_HEADER]: '' },
    ];
    for (const headers of strangers) {
      const up = await s.upload('a.txt', 'x', headers);
      expect(up.status).toBe(403);
      expect(up.error.code).toBe('session_not_accessible');
    }
    expect(tree(s.home)).toEqual([]);
    expect((await s.upload('a.txt', 'x', { [ISOLATION_KEY_HEADER]: 'k1' })).status).toBe(201);
    // Reading changes nothing, so it needs no key.
    expect((await s.download('a.txt')).status).toBe(200);
    expect((await s.list()).status).toBe(200);
    expect((await s.remove('a.txt', {}, {})).status).toBe(403);
    expect((await s.remove('a.txt', {}, { [ISOLATION_KEY_HEADER]: 'k2' })).status).toBe(403);
    expect(tree(s.home)).toEqual(['a.txt']);
    expect((await s.remove('a.txt', {}, { [ISOLATION_KEY_HEADER]: 'k1' })).status).toBe(204);
  });

  it('refuses a big upload from a stranger without taking its body', async () => {
    const s = await session('k1');
    const res = await rawPut(s.contentUrl('big.bin'), pattern(MAX_UPLOAD_BYTES), {
      contentLength: MAX_UPLOAD_BYTES,
    });
    expect(res).toMatchObject({ status: 403 });
    await expectNothingLeft(s);
  });

  it('is a 404 for an unknown session or agent', async () => {
    const cases: [string, string][] = [
      [agent, 'no-such-session'],
      ['no-such-agent', 'no-such-session'],
    ];
    for (const [a, id] of cases) {
      for (const [method, apiPath, query] of [
        ['GET', apiPaths.files(a, id), { path: '.' }],
        ['GET', apiPaths.fileContent(a, id), { path: 'a.txt' }],
        ['PUT', apiPaths.fileContent(a, id), { path: 'a.txt' }],
        ['DELETE', apiPaths.files(a, id), { path: 'a.txt' }],
      ] as const) {
        const res = await call(method, apiPath, {
          query,
          ...(method === 'PUT' && { body: 'x', headers: { 'content-type': 'application/octet-stream' } }),
        });
        expect(res.status, `${method} ${apiPath}`).toBe(404);
        expect(res.error.code).toBe('not_found');
      }
    }
  });
});

/** The `status` lines of a session's log stream, once one of them contains `wanted` (or after 10 s). */
async function statusLines(s: Session, wanted: string): Promise<string[]> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 10_000);
  const found: string[] = [];
  try {
    const res = await fetch(host.url(apiPaths.logStream(agent, s.version, s.id)), {
      headers: { accept: 'text/event-stream' },
      signal: stop.signal,
    });
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of res.body!) {
      text += decoder.decode(chunk, { stream: true });
      const frames = text.split('\n\n');
      text = frames.pop()!;
      for (const frame of frames) {
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        const line = data && (JSON.parse(data.slice('data: '.length)) as LogLine);
        if (line && line.stream === 'status') found.push(line.message);
      }
      if (found.some((m) => m.includes(wanted))) break;
    }
  } catch (err) {
    if (!stop.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
  return found;
}

describe('a home that is no longer a real folder', () => {
  const REFUSAL = 'no longer a real folder';
  let outside: string;
  beforeEach(() => {
    outside = tempDir('ash-elsewhere-');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    fs.mkdirSync(path.join(outside, 'dir'));
    fs.writeFileSync(path.join(outside, 'dir', 'inner.txt'), 'inner');
  });
  afterEach(() => fs.rmSync(outside, { recursive: true, force: true }));

  const untouched = () => {
    expect(tree(outside)).toEqual(['dir', 'dir/inner.txt', 'secret.txt']);
    expect(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  };

  /** What an agent can do from inside: move its home away and put something else in its place. */
  const replacements: [string, (home: string) => void][] = [
    ['a link to another folder', (home) => fs.symlinkSync(outside, home)],
    ['a regular file', (home) => fs.writeFileSync(home, 'not a folder')],
  ];

  it.each(replacements)('refuses every operation when home was replaced by %s', async (_, replace) => {
    const s = await session();
    await s.upload('mine.txt', 'mine');
    fs.renameSync(s.home, `${s.home}-orig`);
    replace(s.home);

    for (const [what, res] of [
      ['list home', await s.list()],
      ['list a folder', await s.list({ path: 'dir' })],
      ['read', await s.download('secret.txt')],
      ['write', await s.upload('new.txt', 'x')],
      ['write into a folder', await s.upload('dir/new.txt', 'x')],
      ['delete a file', await s.remove('secret.txt')],
      ['delete a folder', await s.remove('dir', { recursive: true })],
    ] as const) {
      expect(res.status, what).toBe(409);
      expect(res.error.code, what).toBe('conflict');
      expect(res.error.message, what).toContain("The session's home folder is " + REFUSAL);
    }
    untouched();
    expect(tree(s.tmp)).toEqual([]);
    expect(await statusLines(s, REFUSAL)).toContainEqual(expect.stringContaining(REFUSAL));

    // Put back, it is home again.
    fs.rmSync(s.home);
    fs.renameSync(`${s.home}-orig`, s.home);
    expect(names((await s.list()).body)).toEqual(['mine.txt']);
  });

  it('refuses an upload whose home was replaced by a link while the body was coming', async () => {
    const s = await session();
    const answer = await uploadWhile(s, () => {
      fs.renameSync(s.home, `${s.home}-orig`);
      fs.symlinkSync(outside, s.home);
    });
    expect(answer).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    untouched();
    expect(tree(s.tmp)).toEqual([]);
    fs.rmSync(s.home);
    fs.renameSync(`${s.home}-orig`, s.home);
  });
});

describe('very long paths', () => {
  const name = 'n'.repeat(MAX_NAME_BYTES);
  /** As reported: 20 names of 250 characters, 5,019 in all. */
  const tooLong = Array.from({ length: 20 }, () => name.slice(0, 250)).join('/');
  /** Within the limit as sent, past it on disk once the session home is put in front. */
  const tooLongOnDisk = Array.from({ length: 16 }, () => name).join('/');
  const longName = `a/${'x'.repeat(MAX_NAME_BYTES + 1)}/f.txt`;

  it.each([
    ['a path of 5,019 characters', tooLong, `longer than ${MAX_PATH_BYTES} bytes`],
    // Refused as too long on disk, or, with a name added below it, as too long as sent.
    ['a path too long once in the home', tooLongOnDisk, `${MAX_PATH_BYTES}`],
    ['a name of 256 bytes', longName, `longer than ${MAX_NAME_BYTES} bytes`],
  ])('refuses %s everywhere with a 400 naming the limit, leaving nothing', async (_, p, limit) => {
    expect(tooLong).toHaveLength(5019);
    expect(Buffer.byteLength(tooLongOnDisk)).toBe(MAX_PATH_BYTES);
    const s = await session();
    for (const [what, res] of [
      ['upload', await s.upload(p, 'x')],
      ['upload, to a file below', await s.upload(`${p}/below.txt`, 'x')],
      ['download', await s.download(p)],
      ['list', await s.list({ path: p })],
      ['delete', await s.remove(p, { recursive: true })],
    ] as const) {
      expect(res.status, what).toBe(400);
      expect(res.body, what).toMatchObject({ error: { code: 'invalid_request', param: 'path' } });
      expect(res.error.message, what).toContain(limit);
    }
    expect(tree(s.home)).toEqual([]);
    expect(tree(s.tmp)).toEqual([]);
  });

  it('lists a folder holding an entry whose whole path is too long to open', async () => {
    const s = await session();
    // An agent works by relative paths, so it can make what no whole path reaches.
    execFileSync('sh', [
      '-c',
      'cd "$1" && for i in $(seq 15); do mkdir "$2" && cd "$2"; done && mkdir "$2"',
      '-',
      s.home,
      name,
    ]);
    try {
      const deepest = Array.from({ length: 15 }, () => name).join('/');
      const res = await s.list({ path: deepest });
      expect(res.status).toBe(200);
      expect(res.body.entries).toEqual([{ name, size: 0, is_directory: true, modified_time: 0 }]);
      // What it holds cannot be named to the API; asking is a 400, not a failure of the host.
      expect((await s.list({ path: `${deepest}/${name}` })).status).toBe(400);
    } finally {
      // fs.rm builds whole paths too; rm works down by relative ones.
      execFileSync('rm', ['-rf', '--', path.join(s.home, name)]);
    }
  });
});
