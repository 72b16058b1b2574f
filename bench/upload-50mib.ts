/**
 * upload-50mib: throughput of a 50 MiB PUT through the host's files route over writing the same bytes
 * with plain fs the way the route does (temp file, fsync, rename), plus the process's RSS growth while
 * the host takes the upload.
 */
import { randomFillSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout } from 'node:timers/promises';
import { MAX_UPLOAD_BYTES, type AgentSession, type UploadResult } from '@contract';
import type { BenchHost } from './host';
import { figures, median, type Benchmark } from './report';

const SIZE = MAX_UPLOAD_BYTES; // 50 MiB, the largest upload the contract allows
const CHUNK = 64 * 1024;
const ROUNDS = 5;
const RSS_SAMPLE_MS = 20;
const MIB = 1024 * 1024;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
/** `+1.2` / `-0.3`, for changes. */
const delta = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

export const upload50Mib: Benchmark<BenchHost> = {
  name: 'upload-50mib',
  run: async (host) => {
    const agent = 'notes-agent';
    const source = path.join(host.workDir, 'upload-source.bin');
    writeRandomFile(source);
    const session = await createSession(host, agent);
    const uploadUrl = host.url(`/agents/${agent}/endpoint/sessions/${session}/files/content`, {
      path: 'bench.bin',
    });
    const baselineDir = path.join(host.dataDir, 'bench-baseline');
    fs.mkdirSync(baselineDir, { recursive: true });
    const gc = exposeGc();
    // V8 frees dead ArrayBuffers on a background thread after a GC: give it a moment, then collect again.
    const settle = async () => {
      gc();
      await setTimeout(100);
      gc();
    };

    const hostMs: number[] = [];
    const fsMs: number[] = [];
    const rss: MemorySample[] = [];
    const viaHost = async () => {
      await settle();
      const sampler = sampleRss();
      const { elapsedMs, body } = await host.client.upload(uploadUrl, source);
      const sample = sampler.stop();
      // What is left once the garbage is gone: memory the host holds on to after the upload.
      await settle();
      const after = process.memoryUsage();
      sample.keptRss = after.rss - sample.before;
      sample.keptArrayBuffers = after.arrayBuffers - sample.arrayBuffersBefore;
      rss.push(sample);
      const result = JSON.parse(body) as UploadResult;
      if (result.bytes_written !== SIZE)
        throw new Error(`the host wrote ${result.bytes_written} of ${SIZE} bytes`);
      return elapsedMs;
    };
    const viaFs = () => plainWrite(source, baselineDir);

    // Warm-up, not timed; its RSS growth still counts (a first upload is the one most likely to grow).
    await viaHost();
    await viaFs();
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        hostMs.push(await viaHost());
        fsMs.push(await viaFs());
      } else {
        fsMs.push(await viaFs());
        hostMs.push(await viaHost());
      }
    }
    const stored = fs.statSync(path.join(host.app.host.layout.home(agent, session), 'bench.bin')).size;
    if (stored !== SIZE) throw new Error(`bench.bin holds ${stored} bytes after the uploads`);

    const mibps = (ms: number) => SIZE / MIB / (ms / 1000);
    const hostRate = mibps(median(hostMs));
    const fsRate = mibps(median(fsMs));
    const growth = rss.map((r) => (r.max - r.before) / 1e6);
    const worst = rss.reduce((a, b) => (b.max - b.before > a.max - a.before ? b : a));
    return {
      name: 'upload-50mib',
      ratio: hostRate / fsRate,
      target: { op: '>=', value: 0.5 },
      checks: [
        { name: 'rss-growth', value: Math.max(...growth), unit: 'MB', target: { op: '<', value: 20 } },
      ],
      raw: [
        `host MiB/s: median=${hostRate.toFixed(0)} rounds=[${figures(hostMs.map(mibps), 0)}] (PUT .../files/content, ${CHUNK / 1024} KiB reads from a file)`,
        `fs MiB/s: median=${fsRate.toFixed(0)} rounds=[${figures(fsMs.map(mibps), 0)}] (read stream -> temp file write stream, fsync, rename, folder fsync; same data folder)`,
        `rss MB (worst upload): before=${mb(worst.before)} max=${mb(worst.max)} growth=${mb(worst.max - worst.before)}`,
        `host isolate during it: arrayBuffers ${delta(worst.arrayBuffers)} MB, JS heap used ${delta(worst.heapUsed)} MB, reserved ${delta(worst.heapTotal)} MB;` +
          ` after a full GC: rss ${delta(worst.keptRss ?? Number.NaN)} MB, arrayBuffers ${delta(worst.keptArrayBuffers ?? Number.NaN)} MB`,
        `rss growth MB per upload (warm-up first): [${figures(growth)}], sampled every ${RSS_SAMPLE_MS} ms after a GC`,
        'rss is the whole process: the host and the client (a worker thread streaming the body from a file) share it',
      ],
    };
  },
};

/** 50 MiB of random bytes on disk, written a chunk at a time so this process never holds them all. */
export function writeRandomFile(file: string): void {
  const chunk = Buffer.alloc(MIB);
  const fd = fs.openSync(file, 'w');
  try {
    for (let written = 0; written < SIZE; written += chunk.length) fs.writeSync(fd, randomFillSync(chunk));
  } finally {
    fs.closeSync(fd);
  }
}

export async function createSession(host: BenchHost, agent: string): Promise<string> {
  const res = await fetch(host.url(`/agents/${agent}/endpoint/sessions`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`creating a session answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as AgentSession).agent_session_id;
}

/**
 * What the files route does with an upload, minus HTTP: stream into a new temp file (`wx`, fsynced before
 * close), rename it into place, fsync the folder. The temp file sits in its own folder of the same file
 * system, as the route's tmp folder does.
 */
async function plainWrite(source: string, dir: string): Promise<number> {
  const start = performance.now();
  const temp = path.join(dir, 'tmp', `${randomUUID()}.upload`);
  await fs.promises.mkdir(path.dirname(temp), { recursive: true });
  await pipeline(
    fs.createReadStream(source, { highWaterMark: CHUNK }),
    fs.createWriteStream(temp, { flags: 'wx', flush: true }),
  );
  await fs.promises.rename(temp, path.join(dir, 'bench.bin'));
  const folder = await fs.promises.open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return performance.now() - start;
}

interface MemorySample {
  /** Process RSS before the upload and the largest seen during it. */
  before: number;
  max: number;
  /**
   * Largest growth of this (the host's) isolate's ArrayBuffer memory, JS heap in use and JS heap reserved:
   * tells buffers awaiting a GC and heap the GC grew from data the host holds on to.
   */
  arrayBuffers: number;
  heapUsed: number;
  heapTotal: number;
  arrayBuffersBefore: number;
  /** RSS and ArrayBuffer memory above `before` once a full GC ran after the upload. */
  keptRss?: number;
  keptArrayBuffers?: number;
}

/** Samples the process RSS (and this isolate's buffers and heap) until stopped. */
function sampleRss() {
  const first = process.memoryUsage();
  let max = first.rss;
  let arrayBuffers = first.arrayBuffers;
  let heapUsed = first.heapUsed;
  let heapTotal = first.heapTotal;
  const sample = () => {
    const now = process.memoryUsage();
    max = Math.max(max, now.rss);
    arrayBuffers = Math.max(arrayBuffers, now.arrayBuffers);
    heapUsed = Math.max(heapUsed, now.heapUsed);
    heapTotal = Math.max(heapTotal, now.heapTotal);
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  return {
    stop: (): MemorySample => {
      clearInterval(timer);
      sample();
      return {
        before: first.rss,
        max,
        arrayBuffers: arrayBuffers - first.arrayBuffers,
        heapUsed: heapUsed - first.heapUsed,
        heapTotal: heapTotal - first.heapTotal,
        arrayBuffersBefore: first.arrayBuffers,
      };
    },
  };
}

/** Full GCs around each sampled upload: garbage from before is not growth, and what is kept shows after. */
function exposeGc(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  // The host's own collections need the flag too, so a run without it would not measure the host as it runs.
  if (!gc)
    throw new Error(
      'gc() is not exposed: run the benchmarks with `npm run bench`, which starts node with --expose-gc',
    );
  return gc;
}
