// @vitest-environment jsdom
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  ISOLATION_KEY_HEADER,
  MAX_UPLOAD_BYTES,
  type AgentSession,
  type FileList,
} from '@contract';
import { ApiError } from '../../src/web/lib/api-client';
import { DEFAULT_SETTINGS, saveSettings } from '../../src/web/lib/settings';
import {
  createSessionUploadQueue,
  sessionFolderLookup,
  sessionUploadTransport,
} from '../../src/web/features/files/api/session-uploads';
import { xhrUpload } from '../../src/web/features/files/api/xhr-upload';
import type { UploadItem, UploadSnapshot } from '../../src/web/features/files/model/upload-items';
import { UploadQueue } from '../../src/web/features/files/model/upload-queue';
import { openOnHost, webHost } from '../helpers/web-host';

/**
 * The upload queue against a real host over real HTTP, wired as the console wires it: the transport is
 * its XMLHttpRequest PUT to the endpoint in the settings, the lookup of existing names its paged
 * listing. jsdom's XMLHttpRequest does real HTTP; the page is moved to the host's origin, as when the
 * host serves the console, so the calls are same-origin like in the browser.
 */

const host = webHost();
const agent = 'notes-agent';
let made: { id: string; key?: string }[] = [];

beforeAll(() => openOnHost(host));

afterEach(async () => {
  saveSettings(DEFAULT_SETTINGS);
  for (const s of made) {
    await fetch(host.url(apiPaths.session(agent, s.id)), {
      method: 'DELETE',
      headers: s.key ? { [ISOLATION_KEY_HEADER]: s.key } : {},
    });
  }
  made = [];
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function newSession(ownerKey?: string) {
  const res = await fetch(host.url(apiPaths.sessions(agent)), {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json', ...(ownerKey && { [ISOLATION_KEY_HEADER]: ownerKey }) },
  });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as AgentSession).agent_session_id;
  made.push({ id, ...(ownerKey && { key: ownerKey }) });
  const key: Record<string, string> = ownerKey ? { [ISOLATION_KEY_HEADER]: ownerKey } : {};
  return {
    id,
    /** Writes a file directly through the API, as something already in the sandbox. */
    put: async (p: string, body: string | Uint8Array<ArrayBuffer>) => {
      const r = await fetch(host.url(apiPaths.fileContent(agent, id), { path: p }), {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/octet-stream', ...key },
      });
      expect(r.status).toBe(201);
    },
    read: async (p: string) => {
      const r = await fetch(host.url(apiPaths.fileContent(agent, id), { path: p }));
      return r.ok ? new Uint8Array(await r.arrayBuffer()) : undefined;
    },
    names: async (folder = '.') => {
      const r = await fetch(host.url(apiPaths.files(agent, id), { path: folder, limit: 100 }));
      return ((await r.json()) as FileList).entries.map((e) => e.name).sort();
    },
    tmp: path.join(host.dataDir, 'sandboxes', agent, id, 'tmp'),
  };
}
type Session = Awaited<ReturnType<typeof newSession>>;

const transportFor = (s: Session) => sessionUploadTransport(agent, s.id);
const lookupFor = (s: Session) => sessionFolderLookup(agent, s.id);

/** A file as the page holds it (jsdom's Blob, which its XMLHttpRequest sends). */
function blob(content: string | Uint8Array<ArrayBuffer>): Blob {
  return new Blob([content]);
}

/** Resolves once the queue's state satisfies `predicate`. */
function until(
  queue: UploadQueue,
  predicate: (s: UploadSnapshot) => boolean,
  ms = 25_000,
): Promise<UploadSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = queue.getSnapshot();
      if (!predicate(s)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(s);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out; items: ${JSON.stringify(queue.getSnapshot().items.map(brief))}`));
    }, ms);
    const unsubscribe = queue.subscribe(() => void check());
    check();
  });
}

const idle = (s: UploadSnapshot) => s.totals.pending === 0;
const brief = (i: UploadItem) => ({ path: i.path, status: i.status });
const byPath = (s: UploadSnapshot, p: string) => s.items.find((i) => i.requestedPath === p)!;

describe('upload queue against the real host', () => {
  it('uploads into the folder on screen and keeps a dropped folder’s structure, byte for byte', async () => {
    const s = await newSession();
    const queue = createSessionUploadQueue(agent, s.id);
    const a = randomBytes(200_000);
    const b = new TextEncoder().encode('inside a dropped folder\n');
    await queue.add(
      [
        { body: blob(a), relativePath: 'a.bin' },
        { body: blob(b), relativePath: 'docs/sub/b.txt' },
        { body: blob(''), relativePath: 'empty.txt' },
      ],
      'notes',
    );
    const done = await until(queue, idle);
    expect(done.items.map(brief)).toEqual([
      { path: 'notes/a.bin', status: 'done' },
      { path: 'notes/docs/sub/b.txt', status: 'done' },
      { path: 'notes/empty.txt', status: 'done' },
    ]);
    expect(done.totals).toMatchObject({ done: 3, failed: 0, busy: false, loaded: a.length + b.length });
    expect(sha256((await s.read('notes/a.bin'))!)).toBe(sha256(a));
    expect(new TextDecoder().decode(await s.read('notes/docs/sub/b.txt'))).toBe('inside a dropped folder\n');
    expect(await s.read('notes/empty.txt')).toEqual(new Uint8Array());
    expect(await s.names('notes')).toEqual(['a.bin', 'docs', 'empty.txt']);
  });

  it('runs at most three uploads at once and sends every file', async () => {
    const s = await newSession();
    let running = 0;
    let most = 0;
    const real = transportFor(s);
    const queue = new UploadQueue({
      lookup: lookupFor(s),
      transport: async (request) => {
        most = Math.max(most, ++running);
        try {
          return await real(request);
        } finally {
          running--;
        }
      },
    });
    let mostSeen = 0;
    const unsubscribe = queue.subscribe(() => {
      mostSeen = Math.max(mostSeen, queue.getSnapshot().totals.uploading);
    });
    const files = Array.from({ length: 8 }, (_, i) => ({
      body: blob(randomBytes(1024 * 1024)),
      relativePath: `f${i}.bin`,
    }));
    await queue.add(files, '');
    await until(queue, idle);
    unsubscribe();
    expect(most).toBe(3);
    expect(mostSeen).toBe(3);
    expect(queue.getSnapshot().totals.done).toBe(8);
    expect(await s.names()).toEqual(files.map((f) => f.relativePath).sort());
  });

  it('refuses a file over 50 MiB and names the server refuses before sending, and the rest go on', async () => {
    const s = await newSession();
    let sent = 0;
    const real = transportFor(s);
    const queue = new UploadQueue({
      lookup: lookupFor(s),
      transport: (request) => {
        sent++;
        return real(request);
      },
    });
    await queue.add(
      [
        { body: blob(new Uint8Array(MAX_UPLOAD_BYTES + 1)), relativePath: 'big.bin' },
        { body: blob('x'), relativePath: 'back\\slash.txt' },
        { body: blob('x'), relativePath: `${'n'.repeat(256)}.txt` },
        { body: blob('x'), relativePath: 'up/../escape.txt' },
        { body: blob('fine'), relativePath: 'fine.txt' },
        // Exactly the limit is allowed.
        { body: blob(new Uint8Array(MAX_UPLOAD_BYTES)), relativePath: 'limit.bin' },
      ],
      '',
    );
    const done = await until(queue, idle, 60_000);
    expect(byPath(done, 'big.bin')).toMatchObject({ status: 'refused', attempts: 0 });
    expect(byPath(done, 'big.bin').reason).toMatch(/50 MiB \(52,428,800 bytes\)/);
    expect(byPath(done, 'big.bin').reason).toMatch(/52,428,801 bytes/);
    expect(byPath(done, 'back\\slash.txt')).toMatchObject({ status: 'refused' });
    expect(byPath(done, 'back\\slash.txt').reason).toMatch(/backslash/);
    expect(byPath(done, `${'n'.repeat(256)}.txt`).reason).toMatch(/longer than 255 bytes/);
    expect(byPath(done, 'up/../escape.txt').reason).toMatch(/'\.\.'/);
    expect(byPath(done, 'fine.txt').status).toBe('done');
    expect(byPath(done, 'limit.bin').status).toBe('done');
    expect(sent).toBe(2);
    expect(await s.names()).toEqual(['fine.txt', 'limit.bin']);
  });

  it('cancels a running upload (the server keeps nothing of it) and a queued one (never sent); others go on', async () => {
    const s = await newSession();
    const sent: string[] = [];
    const real = transportFor(s);
    const queue = new UploadQueue({
      concurrency: 2,
      lookup: lookupFor(s),
      transport: (request) => {
        sent.push(request.path);
        return real(request);
      },
    });
    // The moment big.bin starts sending (30 MiB cannot have arrived by then) it is cancelled, and so
    // is queued.txt, which is still waiting for a slot behind big.bin and other.bin.
    const unsubscribe = queue.subscribe(() => {
      const { items } = queue.getSnapshot();
      const big = items.find((i) => i.path === 'big.bin');
      const waiting = items.find((i) => i.path === 'queued.txt');
      if (big?.status !== 'uploading') return;
      if (waiting?.status === 'queued') queue.cancel(waiting.id);
      queue.cancel(big.id);
    });
    const ids = await queue.add(
      [
        { body: blob(new Uint8Array(30 * 1024 * 1024)), relativePath: 'big.bin' },
        { body: blob(randomBytes(4 * 1024 * 1024)), relativePath: 'other.bin' },
        { body: blob('later'), relativePath: 'queued.txt' },
        { body: blob('last'), relativePath: 'last.txt' },
      ],
      '',
    );
    const done = await until(queue, idle);
    unsubscribe();
    expect(done.items.map(brief)).toEqual([
      { path: 'big.bin', status: 'cancelled' },
      { path: 'other.bin', status: 'done' },
      { path: 'queued.txt', status: 'cancelled' },
      { path: 'last.txt', status: 'done' },
    ]);
    expect(byPath(done, 'big.bin').reason).toMatch(/while sending/);
    expect(byPath(done, 'queued.txt').reason).toMatch(/before it was sent/);
    expect(sent).not.toContain('queued.txt');
    expect(await s.names()).toEqual(['last.txt', 'other.bin']);
    // Nothing half-written waits in the session's upload area either, once the host has seen the abort.
    await expect
      .poll(() => (fs.existsSync(s.tmp) ? fs.readdirSync(s.tmp) : []), { timeout: 10_000 })
      .toEqual([]);

    // A cancelled file can be sent again.
    queue.retry(ids[0]!);
    const again = await until(queue, idle);
    expect(byPath(again, 'big.bin')).toMatchObject({ status: 'done', attempts: 2 });
    expect((await s.read('big.bin'))?.length).toBe(30 * 1024 * 1024);
  });

  it('keeps a failure with the server’s error and request id, and a retry sends it again', async () => {
    const s = await newSession('owner-key-1');
    const queue = createSessionUploadQueue(agent, s.id);
    const [id] = await queue.add([{ body: blob('mine'), relativePath: 'owned.txt' }], '');
    const failed = await until(queue, idle);
    const item = failed.items[0]!;
    expect(item.status).toBe('failed');
    expect(item.error).toBeInstanceOf(ApiError);
    expect(item.error).toMatchObject({ status: 403, code: 'session_not_accessible' });
    expect((item.error as ApiError).requestId).toMatch(/.+/);
    expect(failed.totals).toMatchObject({ failed: 1, busy: false });
    expect(await s.names()).toEqual([]);

    // The owner key put in Settings goes with the retry.
    saveSettings({ ...DEFAULT_SETTINGS, isolationKey: 'owner-key-1' });
    queue.retry(id!);
    const done = await until(queue, (st) => st.items[0]?.status === 'done');
    expect(done.items[0]).toMatchObject({ attempts: 2, error: undefined });
    expect(new TextDecoder().decode(await s.read('owned.txt'))).toBe('mine');
  });

  it('asks about names already there: replace, skip, keep both, and apply to all', async () => {
    const s = await newSession();
    await s.put('in/a.txt', 'old a');
    await s.put('in/b.txt', 'old b');
    await s.put('in/c.txt', 'old c');
    await s.put('in/c (1).txt', 'an earlier copy');
    await s.put('in/d.txt', 'old d');
    await s.put('in/dir/inside.txt', 'a folder named dir');
    const queue = new UploadQueue({ transport: transportFor(s), lookup: lookupFor(s) });
    await queue.add(
      ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'dir', 'e.txt'].map((n) => ({
        body: blob(`new ${n}`),
        relativePath: n,
      })),
      'in',
    );
    let st = await until(queue, (x) => byPath(x, 'in/e.txt').status === 'done');
    expect(st.totals).toMatchObject({ conflicts: 5, busy: true });
    expect(st.items.filter((i) => i.status === 'conflict').map((i) => [i.path, i.conflict])).toEqual([
      ['in/a.txt', 'file'],
      ['in/b.txt', 'file'],
      ['in/c.txt', 'file'],
      ['in/d.txt', 'file'],
      ['in/dir', 'folder'],
    ]);

    queue.resolveConflict(byPath(st, 'in/a.txt').id, 'replace');
    queue.resolveConflict(byPath(st, 'in/b.txt').id, 'skip');
    // "Replace" for all leaves the folder in the way waiting: a file cannot replace a folder.
    queue.resolveConflict(byPath(st, 'in/c.txt').id, 'replace', true);
    st = await until(
      queue,
      (x) => x.totals.pending === 0 && x.items.some((i) => i.path === 'in/c.txt' && i.status === 'done'),
    );
    expect(byPath(st, 'in/dir').status).toBe('conflict');
    queue.resolveConflict(byPath(st, 'in/dir').id, 'keep-both', true);
    st = await until(queue, idle);

    expect(st.items.map((i) => [i.path, i.status, i.decision])).toEqual([
      ['in/a.txt', 'done', 'replace'],
      ['in/b.txt', 'skipped', 'skip'],
      ['in/c.txt', 'done', 'replace'],
      ['in/d.txt', 'done', 'replace'],
      ['in/dir (1)', 'done', 'keep-both'],
      ['in/e.txt', 'done', undefined],
    ]);
    const text = async (p: string) => new TextDecoder().decode(await s.read(p));
    expect(await text('in/a.txt')).toBe('new a.txt');
    expect(await text('in/b.txt')).toBe('old b');
    expect(await text('in/dir (1)')).toBe('new dir');
    expect(await s.names('in')).toEqual([
      'a.txt',
      'b.txt',
      'c (1).txt',
      'c.txt',
      'd.txt',
      'dir',
      'dir (1)',
      'e.txt',
    ]);

    // Keep both skips names already taken: "c (1).txt" exists, so the copy is "c (2).txt".
    await queue.add([{ body: blob('third c'), relativePath: 'c.txt' }], 'in');
    st = queue.getSnapshot();
    const again = st.items.at(-1)!;
    expect(again.status).toBe('conflict');
    queue.resolveConflict(again.id, 'keep-both');
    st = await until(queue, idle);
    expect(st.items.at(-1)).toMatchObject({
      path: 'in/c (2).txt',
      requestedPath: 'in/c.txt',
      status: 'done',
    });
    expect(await text('in/c (2).txt')).toBe('third c');
    expect(await text('in/c (1).txt')).toBe('an earlier copy');
  });

  it('treats a file of the same name still in the queue as a conflict', async () => {
    const s = await newSession();
    const queue = new UploadQueue({ transport: transportFor(s), lookup: lookupFor(s), concurrency: 1 });
    await queue.add([{ body: blob(new Uint8Array(2 * 1024 * 1024)), relativePath: 'x.bin' }], '');
    await queue.add([{ body: blob('second'), relativePath: 'x.bin' }], '');
    const st = queue.getSnapshot();
    expect(st.items.map((i) => i.status)).toEqual([
      expect.stringMatching(/queued|uploading|done/),
      'conflict',
    ]);
    queue.resolveConflict(st.items[1]!.id, 'keep-both');
    const done = await until(queue, idle);
    expect(done.items.map(brief)).toEqual([
      { path: 'x.bin', status: 'done' },
      { path: 'x (1).bin', status: 'done' },
    ]);
  });
});

describe('the XMLHttpRequest transport against the real host', () => {
  it('reports progress and accepts the 201', async () => {
    const s = await newSession();
    const body = randomBytes(3 * 1024 * 1024);
    const seen: number[] = [];
    const result = await xhrUpload({
      url: host.url(apiPaths.fileContent(agent, s.id), { path: 'p.bin' }),
      headers: {},
      body: blob(body),
      signal: new AbortController().signal,
      onProgress: (n) => seen.push(n),
    });
    expect(result).toEqual({ path: 'p.bin', bytes_written: body.length });
    expect(seen.at(-1)).toBe(body.length);
  });

  it('turns a 413 and a 400 into ApiErrors with the server’s code, message and request id', async () => {
    const s = await newSession();
    const send = (p: string, body: Blob) =>
      xhrUpload({
        url: host.url(apiPaths.fileContent(agent, s.id), { path: p }),
        headers: {},
        body,
        signal: new AbortController().signal,
        onProgress: () => undefined,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
    // Past the queue's own check, straight to the server: it refuses at once and writes nothing, then
    // reads and drops the rest of the body, so the XMLHttpRequest gets the 413 rather than a reset.
    const tooLarge = await send('big.bin', blob(new Uint8Array(MAX_UPLOAD_BYTES + 1)));
    expect(tooLarge).toBeInstanceOf(ApiError);
    expect(tooLarge).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect((tooLarge as ApiError).requestId).toMatch(/.+/);
    const badName = await send('a/../b.txt', blob('x'));
    expect(badName).toMatchObject({ status: 400, code: 'invalid_request', param: 'path' });
    expect((badName as ApiError).message).toMatch(/'\.\.'/);
    expect(await s.names()).toEqual([]);
  });

  it('rejects as aborted when the signal fires', async () => {
    const s = await newSession();
    const controller = new AbortController();
    const pending = xhrUpload({
      url: host.url(apiPaths.fileContent(agent, s.id), { path: 'gone.bin' }),
      headers: {},
      body: blob(new Uint8Array(20 * 1024 * 1024)),
      signal: controller.signal,
      onProgress: () => undefined,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await s.names()).toEqual([]);
  });
});

describe('progress and speed', () => {
  it('measures speed over the last few seconds of progress', async () => {
    let now = 0;
    let report: (n: number) => void = () => undefined;
    let finish: () => void = () => undefined;
    const queue = new UploadQueue({
      now: () => now,
      lookup: async () => new Map(),
      transport: ({ onProgress }) =>
        new Promise((resolve) => {
          report = onProgress;
          finish = () => resolve(undefined);
        }),
    });
    await queue.add([{ body: new Blob([new Uint8Array(10_000_000)]), relativePath: 'f.bin' }], '');
    await until(queue, (s) => s.items[0]?.status === 'uploading');
    now = 1000;
    report(2_000_000);
    now = 2000;
    report(4_000_000);
    let s = await until(queue, (x) => x.items[0]?.loaded === 4_000_000);
    expect(s.items[0]!.speed).toBe(2_000_000);
    expect(s.totals).toMatchObject({ speed: 2_000_000, loaded: 4_000_000, bytes: 10_000_000, uploading: 1 });
    // Older samples drop out of the window: a slowdown shows within seconds.
    now = 6000;
    report(5_000_000);
    s = await until(queue, (x) => x.items[0]?.loaded === 5_000_000);
    expect(s.items[0]!.speed).toBeLessThan(1_000_000);
    finish();
    s = await until(queue, idle);
    expect(s.items[0]).toMatchObject({ status: 'done', loaded: 10_000_000, speed: 0 });
  });
});
