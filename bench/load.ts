import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export type ClientRequest =
  | { id: number; kind: 'load'; urls: string[]; concurrency: number; durationMs: number; post?: PostBody }
  | { id: number; kind: 'upload'; url: string; file: string };

/** Sent with every request of a load run, which then POSTs instead of GETs. */
export interface PostBody {
  contentType: string;
  body: string;
}

export interface ClientReply {
  id: number;
  completed?: number;
  elapsedMs?: number;
  body?: string;
  error?: string;
}

export interface LoadResult {
  completed: number;
  elapsedMs: number;
  /** Requests per second over the whole run, stragglers included. */
  rps: number;
  /**
   * How busy this (the host's) thread's event loop was meanwhile, 0..1. Near 1, the host is the limit;
   * well below, the client is, and the rate understates the host.
   */
  hostBusy: number;
}

/**
 * The benchmarks' HTTP client, living in a worker thread of this process (see load-worker.ts). One
 * request to the worker at a time is all the benchmarks need: host and baseline are measured in turn.
 */
export class LoadClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: ClientReply) => void; reject: (e: Error) => void }
  >();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ClientReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(`client worker: ${reply.error}`));
      else waiter?.resolve(reply);
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => this.failAll(new Error(`client worker exited with code ${code}`)));
  }

  static start(): LoadClient {
    // tsx does not carry its loader into worker threads on Node 20, so the worker registers it first,
    // then imports the TypeScript worker module.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./load-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new LoadClient(new Worker(boot, { eval: true }));
  }

  /**
   * Keeps `concurrency` keep-alive requests in flight over `urls` (round robin) for `durationMs`; GETs,
   * or POSTs of `post` when given.
   */
  async load(urls: string[], concurrency: number, durationMs: number, post?: PostBody): Promise<LoadResult> {
    const before = performance.eventLoopUtilization();
    const reply = await this.send({ kind: 'load', urls, concurrency, durationMs, ...(post && { post }) });
    const hostBusy = performance.eventLoopUtilization(before).utilization;
    const completed = reply.completed ?? 0;
    const elapsedMs = reply.elapsedMs ?? Number.NaN;
    return { completed, elapsedMs, rps: completed / (elapsedMs / 1000), hostBusy };
  }

  /** PUTs `file` to `url`, streamed from disk; resolves with the wall time and the answer's body. */
  async upload(url: string, file: string): Promise<{ elapsedMs: number; body: string }> {
    const reply = await this.send({ kind: 'upload', url, file });
    return { elapsedMs: reply.elapsedMs ?? Number.NaN, body: reply.body ?? '' };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private send(request: DistributiveOmit<ClientRequest, 'id'>): Promise<ClientReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private failAll(err: Error) {
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
