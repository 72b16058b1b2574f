/**
 * upload-50mib: throughput of a 50 MiB PUT through the host's files route over writing the same bytes
 * with plain fs the way the route does (temp file, fsync, rename), plus the host's RSS growth while it
 * takes the upload. The host runs in a process of its own, as `npm start` runs it, so its RSS is its
 * own and not that of the client streaming the body.
 */
import { randomFillSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout } from 'node:timers/promises';
import { API_VERSION, MAX_UPLOAD_BYTES, type AgentSession, type UploadResult } from '@contract';
import { SandboxLayout } from '../src/host/sandbox/layout';
import { spawnHost } from '../tests/helpers/spawn-host';
import type { BenchHost } from './host';
import { figures, median, type Benchmark } from './report';

const SIZE = MAX_UPLOAD_BYTES; // 50 MiB, the largest upload the contract allows
const CHUNK = 64 * 1024;
const ROUNDS = 5;
const RSS_SAMPLE_MS = 20;
/**
 * How long the host is left alone before an upload, so what it did before (the last upload's frees, the
 * session's start) is done and not counted as the upload's.
 */
const QUIET_MS = 1000;
const MIB = 1024 * 1024;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
/** `+1.2` / `-0.3`, for changes. */
const delta = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

export const upload50Mib: Benchmark<BenchHost> = {
  name: 'upload-50mib',
  run: async ({ workDir, client }) => {
    const agent = 'notes-agent';
    const source = path.join(workDir, 'upload-source.bin');
    writeRandomFile(source);
    const dataDir = path.join(workDir, 'upload-host');
    const spawned = await spawnHost(dataDir);
    const pid = spawned.child.pid!;
    try {
      const url = (apiPath: string, query: Record<string, string | number> = {}) => {
        const u = new URL(spawned.endpoint + apiPath);
        u.searchParams.set('api-version', API_VERSION);
        for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
        return u.toString();
      };
      const session = await createSession({ url }, agent);
      await untilActive(url(`/agents/${agent}/endpoint/sessions/${session}`));
      const uploadUrl = url(`/agents/${agent}/endpoint/sessions/${session}/files/content`, {
        path: 'bench.bin',
      });
      const baselineDir = path.join(dataDir, 'bench-baseline');
      fs.mkdirSync(baselineDir, { recursive: true });

      const hostMs: number[] = [];
      const fsMs: number[] = [];
      const rss: MemorySample[] = [];
      const viaHost = async () => {
        await setTimeout(QUIET_MS);
        const sampler = sampleRss(pid);
        const { elapsedMs, body } = await client.upload(uploadUrl, source);
        const sample = sampler.stop();
        // What the host still holds once it has been left alone for a moment.
        await setTimeout(QUIET_MS);
        sample.after = readStatus(pid).rss;
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
      const stored = fs.statSync(
        path.join(new SandboxLayout(dataDir).home(agent, session), 'bench.bin'),
      ).size;
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
          `host rss MB (worst upload): before=${mb(worst.before)} max=${mb(worst.max)} growth=${mb(worst.max - worst.before)}; ` +
            `${QUIET_MS} ms after it ${delta((worst.after ?? Number.NaN) - worst.before)}`,
          `host rss growth MB per upload (warm-up first): [${figures(growth)}]; ` +
            `as sampled every ${RSS_SAMPLE_MS} ms: [${figures(rss.map((r) => (r.sampledMax - r.before) / 1e6))}]`,
          `rss is the host process's alone (node --expose-gc --import tsx src/cli.ts --no-ui, as npm start runs it): ` +
            `${worst.exactPeak ? 'its kernel peak (VmHWM, reset before each upload)' : `VmRSS sampled every ${RSS_SAMPLE_MS} ms`}; ` +
            'the client streams the body from a worker thread of the bench process',
        ],
      };
    } finally {
      spawned.child.kill('SIGTERM');
      await spawned.exited;
    }
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

export async function createSession(host: Pick<BenchHost, 'url'>, agent: string): Promise<string> {
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
  /** The host's RSS before the upload and the largest during it. */
  before: number;
  max: number;
  /** Whether `max` is the kernel's own peak rather than the largest sample. */
  exactPeak: boolean;
  /** The largest RSS sampled, every RSS_SAMPLE_MS. */
  sampledMax: number;
  /** Its RSS a moment after the upload. */
  after?: number;
}

/** Starting the session's agent is work of the host's too, and not the upload's. */
async function untilActive(sessionUrl: string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const res = await fetch(sessionUrl);
    const { status } = (await res.json()) as AgentSession;
    if (status === 'active') return;
    await setTimeout(100);
  }
  throw new Error('the session did not become active in 30 s');
}

/** VmRSS and VmHWM (peak RSS) of a process, in bytes, from /proc (Linux). */
function readStatus(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/**
 * Watches the host's RSS until stopped. The kernel's peak is reset first (clear_refs 5), so VmHWM then
 * catches a spike between two samples; where that cannot be reset, the samples are what there is.
 */
function sampleRss(pid: number) {
  let exactPeak = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    exactPeak = false;
  }
  const first = readStatus(pid).rss;
  let max = first;
  let sampledMax = first;
  const sample = () => {
    const now = readStatus(pid);
    sampledMax = Math.max(sampledMax, now.rss);
    max = Math.max(max, now.rss, exactPeak ? now.peak : 0);
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  return {
    stop: (): MemorySample => {
      clearInterval(timer);
      sample();
      return { before: first, max, exactPeak, sampledMax };
    },
  };
}
