import { MAX_UPLOAD_BYTES } from '@contract';
import { baseName, joinPath, keepBothName, parentOf, pathProblem } from './file-paths';
import { formatBytes, formatExactBytes } from './format-bytes';
import {
  ACTIVE_STATUSES,
  uploadTotals,
  type ConflictDecision,
  type UploadInput,
  type UploadItem,
  type UploadSnapshot,
} from './upload-items';

/**
 * The upload queue, free of React so it can be tested against a real host without a browser: it
 * checks files before they are sent (size, names, what is already there), asks about conflicts, runs
 * a few uploads at a time, and tracks progress and speed. The transport and the lookup of existing
 * names are injected; the console passes an XMLHttpRequest PUT and a paged listing.
 */

export interface UploadRequest {
  path: string;
  body: Blob;
  signal: AbortSignal;
  onProgress: (loaded: number) => void;
}

/** Sends one file; rejects with the server's error (an ApiError) or anything when aborted. */
export type UploadTransport = (request: UploadRequest) => Promise<unknown>;

/** Names in `folder` and whether each is a folder; an absent folder is empty (uploads create it). */
export type FolderLookup = (folder: string) => Promise<ReadonlyMap<string, boolean>>;

export interface UploadQueueOptions {
  transport: UploadTransport;
  lookup: FolderLookup;
  /** Uploads running at once. */
  concurrency?: number;
  maxBytes?: number;
  /** Milliseconds; injectable so speed can be tested without waiting. */
  now?: () => number;
  /** Called after each file is written, e.g. to refresh a listing. */
  onUploaded?: (item: UploadItem) => void;
}

const DEFAULT_CONCURRENCY = 3;
/** Speed is measured over this much recent time, so it follows changes without jumping on every event. */
const SPEED_WINDOW_MS = 3_000;
const MIN_SPEED_SPAN_MS = 200;
const LOOKUP_CONCURRENCY = 4;

interface Entry {
  item: UploadItem;
  /** Position in the queue: earlier files win a name both want. */
  order: number;
  body: Blob;
  controller?: AbortController;
  samples: { t: number; loaded: number }[];
  /** When a lookup for this file's batch began; uploads finished after it are not in that lookup. */
  checkedFrom: number;
  finishedAt?: number;
}

export class UploadQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private readonly running = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly options: Required<Omit<UploadQueueOptions, 'onUploaded'>> &
    Pick<UploadQueueOptions, 'onUploaded'>;
  private seq = 0;
  /** Names each folder held at its last lookup; keep-both needs them to find a free name. */
  private readonly knownNames = new Map<string, ReadonlySet<string>>();
  private snapshot: UploadSnapshot | undefined;
  private notifyScheduled = false;

  constructor(options: UploadQueueOptions) {
    this.options = {
      concurrency: DEFAULT_CONCURRENCY,
      maxBytes: MAX_UPLOAD_BYTES,
      now: () => performance.now(),
      ...options,
    };
  }

  /** For useSyncExternalStore: a stable function that returns an unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The same object until something changes, as useSyncExternalStore requires. */
  readonly getSnapshot = (): UploadSnapshot => {
    this.snapshot ??= this.buildSnapshot();
    return this.snapshot;
  };

  get(id: string): UploadItem | undefined {
    return this.entries.get(id)?.item;
  }

  /**
   * Adds files bound for `folder`. Too large and badly named files are refused at once; the others are
   * checked against what is already there and either queued or held as conflicts. Resolves with the new
   * ids once every file is queued, held or refused.
   */
  async add(inputs: readonly UploadInput[], folder: string): Promise<string[]> {
    const checkedFrom = this.options.now();
    const fresh: Entry[] = inputs.map((input) => {
      const path = joinPath(folder, input.relativePath);
      const order = ++this.seq;
      const entry: Entry = {
        order,
        body: input.body,
        samples: [],
        checkedFrom,
        item: {
          id: `u${order}`,
          path,
          requestedPath: path,
          size: input.body.size,
          status: 'checking',
          loaded: 0,
          speed: 0,
          attempts: 0,
        },
      };
      const refusal = this.refusal(input, path);
      if (refusal) entry.item = { ...entry.item, status: 'refused', reason: refusal };
      this.entries.set(entry.item.id, entry);
      return entry;
    });
    this.changed();
    await this.check(fresh.filter((e) => e.item.status === 'checking'));
    return fresh.map((e) => e.item.id);
  }

  /**
   * Settles a conflict. With `applyToAll`, every file waiting for a decision gets the same one; a file
   * in the way of a folder cannot replace it, so "replace" leaves those waiting for another choice.
   */
  resolveConflict(id: string, decision: ConflictDecision, applyToAll = false): void {
    const targets = applyToAll
      ? [...this.entries.values()].filter((e) => e.item.status === 'conflict')
      : [this.entries.get(id)].filter((e): e is Entry => e?.item.status === 'conflict');
    for (const entry of targets) {
      if (decision === 'skip') {
        this.update(entry, {
          status: 'skipped',
          decision,
          reason: `Skipped: ${entry.item.conflict === 'folder' ? 'a folder' : 'a file'} with this name is already there.`,
        });
      } else if (decision === 'replace') {
        if (entry.item.conflict === 'folder') continue;
        this.update(entry, { status: 'queued', decision, conflict: undefined });
        this.waiting.push(entry.item.id);
      } else {
        const folder = parentOf(entry.item.path);
        const name = keepBothName(baseName(entry.item.requestedPath), this.takenNames(folder));
        this.update(entry, { status: 'queued', decision, conflict: undefined, path: joinPath(folder, name) });
        this.waiting.push(entry.item.id);
      }
    }
    this.pump();
  }

  /** Stops a file: aborts it if it is being sent (the server keeps nothing of it), or drops it from the queue. */
  cancel(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || !ACTIVE_STATUSES.has(entry.item.status)) return;
    this.stop(entry);
    this.pump();
  }

  cancelAll(): void {
    for (const entry of this.entries.values()) if (ACTIVE_STATUSES.has(entry.item.status)) this.stop(entry);
    this.pump();
  }

  /** Sends a failed or cancelled file again, to the same destination and with the same decision. */
  retry(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || (entry.item.status !== 'failed' && entry.item.status !== 'cancelled')) return;
    const reset = { loaded: 0, speed: 0, error: undefined, reason: undefined } as const;
    if (entry.item.decision === undefined && entry.item.attempts === 0) {
      // Cancelled before it was ever checked or decided: check again, things may have changed since.
      entry.checkedFrom = this.options.now();
      this.update(entry, { ...reset, status: 'checking' });
      void this.check([entry]);
      return;
    }
    this.update(entry, { ...reset, status: 'queued' });
    this.waiting.push(id);
    this.pump();
  }

  retryFailed(): void {
    for (const entry of [...this.entries.values()])
      if (entry.item.status === 'failed') this.retry(entry.item.id);
  }

  /** Forgets a file that is no longer active. */
  dismiss(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || ACTIVE_STATUSES.has(entry.item.status)) return;
    this.entries.delete(id);
    this.changed();
  }

  /** Forgets everything that is over, failures included. */
  clearFinished(): void {
    for (const [id, entry] of this.entries)
      if (!ACTIVE_STATUSES.has(entry.item.status)) this.entries.delete(id);
    this.changed();
  }

  /** Cancels everything; for when the page that owns the queue goes away. */
  dispose(): void {
    this.cancelAll();
  }

  private refusal(input: UploadInput, path: string): string | undefined {
    const { maxBytes } = this.options;
    if (input.body.size > maxBytes) {
      return (
        `${formatBytes(input.body.size)} (${formatExactBytes(input.body.size)}) is over the upload limit of ` +
        `${formatBytes(maxBytes)} (${formatExactBytes(maxBytes)}). It was not sent.`
      );
    }
    const problem = pathProblem(path);
    return problem ? `${problem} It was not sent.` : undefined;
  }

  /** Looks up each destination folder once, then queues each file or holds it as a conflict. */
  private async check(entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const folders = [...new Set(entries.map((e) => parentOf(e.item.path)))];
    const found = new Map<string, ReadonlyMap<string, boolean> | { error: unknown }>();
    let next = 0;
    const worker = async () => {
      while (next < folders.length) {
        const folder = folders[next++]!;
        try {
          found.set(folder, await this.options.lookup(folder));
        } catch (error) {
          found.set(folder, { error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, folders.length) }, worker));

    for (const entry of entries) {
      // Cancelled (or otherwise settled) while the lookup ran.
      if (entry.item.status !== 'checking') continue;
      const folder = parentOf(entry.item.path);
      const names = found.get(folder);
      if (!names || 'error' in names) {
        // Sending without knowing what is there could overwrite a file nobody agreed to replace.
        this.update(entry, { status: 'failed', error: names?.error });
        continue;
      }
      this.knownNames.set(folder, new Set(names.keys()));
      const name = baseName(entry.item.path);
      const existing = names.get(name);
      if (existing !== undefined) {
        this.update(entry, { status: 'conflict', conflict: existing ? 'folder' : 'file' });
      } else if (this.claimedElsewhere(entry)) {
        this.update(entry, { status: 'conflict', conflict: 'file' });
      } else {
        this.update(entry, { status: 'queued' });
        this.waiting.push(entry.item.id);
      }
    }
    this.pump();
  }

  /** Another file of this queue is bound for the same path and its upload is not in the lookup. */
  private claimedElsewhere(entry: Entry): boolean {
    for (const other of this.entries.values()) {
      if (other === entry || other.item.path !== entry.item.path) continue;
      // Earlier in the queue and still to be written, or written after this file's lookup began.
      if (other.item.status === 'queued' || other.item.status === 'uploading') return true;
      if (other.item.status === 'done' && (other.finishedAt ?? 0) >= entry.checkedFrom) return true;
      if (
        (other.item.status === 'conflict' || other.item.status === 'checking') &&
        other.order < entry.order
      ) {
        return true;
      }
    }
    return false;
  }

  /** Names in `folder` a renamed copy must avoid: what the last lookup saw, and what this queue writes there. */
  private takenNames(folder: string): Set<string> {
    const taken = new Set(this.knownNames.get(folder));
    for (const entry of this.entries.values()) {
      const { status, path } = entry.item;
      if (status !== 'refused' && status !== 'skipped' && parentOf(path) === folder)
        taken.add(baseName(path));
    }
    return taken;
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency) {
      const id = this.waiting.shift();
      if (id === undefined) break;
      const entry = this.entries.get(id);
      // Cancelled, dismissed or already sent since it was queued.
      if (entry?.item.status !== 'queued') continue;
      this.start(entry);
    }
    this.changed();
  }

  private start(entry: Entry): void {
    const controller = new AbortController();
    const id = entry.item.id;
    entry.controller = controller;
    entry.samples = [{ t: this.options.now(), loaded: 0 }];
    this.running.add(id);
    this.update(entry, { status: 'uploading', loaded: 0, speed: 0, attempts: entry.item.attempts + 1 });
    const current = () => entry.controller === controller;
    this.options
      .transport({
        path: entry.item.path,
        body: entry.body,
        signal: controller.signal,
        onProgress: (loaded) => {
          if (current()) this.progress(entry, loaded);
        },
      })
      .then(
        () => {
          if (!current()) return;
          entry.finishedAt = this.options.now();
          this.update(entry, { status: 'done', loaded: entry.item.size, speed: 0 });
          this.options.onUploaded?.(entry.item);
        },
        (error: unknown) => {
          if (!current()) return;
          this.update(entry, { status: 'failed', error, speed: 0 });
        },
      )
      .finally(() => {
        if (!current()) return;
        entry.controller = undefined;
        this.running.delete(id);
        this.pump();
      });
  }

  private progress(entry: Entry, loaded: number): void {
    const t = this.options.now();
    const samples = entry.samples;
    samples.push({ t, loaded });
    while (samples.length > 2 && t - samples[0]!.t > SPEED_WINDOW_MS) samples.shift();
    const first = samples[0]!;
    const span = t - first.t;
    const speed = span >= MIN_SPEED_SPAN_MS ? ((loaded - first.loaded) * 1000) / span : entry.item.speed;
    this.update(entry, { loaded: Math.min(loaded, entry.item.size), speed: Math.max(0, speed) });
  }

  private stop(entry: Entry): void {
    const wasSending = entry.controller !== undefined;
    const controller = entry.controller;
    entry.controller = undefined;
    this.running.delete(entry.item.id);
    this.update(entry, {
      status: 'cancelled',
      speed: 0,
      reason: wasSending
        ? 'Cancelled while sending; the server keeps nothing of a file it did not receive whole.'
        : 'Cancelled before it was sent.',
    });
    controller?.abort();
  }

  private update(entry: Entry, patch: Partial<Omit<UploadItem, 'id'>>): void {
    entry.item = { ...entry.item, ...patch };
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    // Progress events come many times a second per file: listeners hear once per burst.
    queueMicrotask(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.listeners]) listener();
    });
  }

  private buildSnapshot(): UploadSnapshot {
    const items = [...this.entries.values()].map((e) => e.item);
    return { items, totals: uploadTotals(items) };
  }
}
