/** One file of an upload round, and what a round adds up to: plain data the queue makes and views draw. */

export type UploadStatus =
  /** Looking up what is already in the destination folder. */
  | 'checking'
  /** A file or folder of that name is there; waiting for replace, skip or keep both. */
  | 'conflict'
  | 'queued'
  | 'uploading'
  | 'done'
  | 'failed'
  | 'cancelled'
  /** Never sent: too large or a name the server refuses. */
  | 'refused'
  | 'skipped';

export type ConflictDecision = 'replace' | 'skip' | 'keep-both';

export interface UploadInput {
  body: Blob;
  /** Where the file goes below the destination folder: `a.txt`, or `docs/sub/a.txt` for a dropped folder. */
  relativePath: string;
}

export interface UploadItem {
  readonly id: string;
  /** Destination, relative to the session home; changes when "keep both" renames it. */
  readonly path: string;
  /** The destination the person asked for, before any rename. */
  readonly requestedPath: string;
  readonly size: number;
  readonly status: UploadStatus;
  /** Bytes sent so far in the current attempt. */
  readonly loaded: number;
  /** Bytes per second over the last few seconds; 0 unless uploading. */
  readonly speed: number;
  /** What is already at `path`; set while the status is `conflict`. */
  readonly conflict?: 'file' | 'folder';
  readonly decision?: ConflictDecision;
  /** Why it failed: usually an ApiError from the transport. */
  readonly error?: unknown;
  /** A sentence for `refused`, `skipped` and `cancelled`. */
  readonly reason?: string;
  readonly attempts: number;
}

export interface UploadTotals {
  files: number;
  done: number;
  failed: number;
  /** Waiting for a decision about a name that already exists. */
  conflicts: number;
  /** Checking, queued or uploading. */
  pending: number;
  uploading: number;
  /** Bytes of everything that is being or has been sent in this round. */
  bytes: number;
  loaded: number;
  /** Sum of the running uploads' speeds, bytes per second. */
  speed: number;
  /** True while anything would be lost by leaving: checking, conflict, queued or uploading. */
  busy: boolean;
}

export interface UploadSnapshot {
  items: readonly UploadItem[];
  totals: UploadTotals;
}

/** A file the queue is still working on: it can be cancelled, not dismissed, and leaving would lose it. */
export const ACTIVE_STATUSES: ReadonlySet<UploadStatus> = new Set([
  'checking',
  'conflict',
  'queued',
  'uploading',
]);

/** What a set of uploads adds up to, for the sheet's summary and the guard against leaving. */
export function uploadTotals(items: readonly UploadItem[]): UploadTotals {
  const totals: UploadTotals = {
    files: items.length,
    done: 0,
    failed: 0,
    conflicts: 0,
    pending: 0,
    uploading: 0,
    bytes: 0,
    loaded: 0,
    speed: 0,
    busy: false,
  };
  for (const item of items) {
    if (item.status === 'done') totals.done++;
    if (item.status === 'failed') totals.failed++;
    if (item.status === 'conflict') totals.conflicts++;
    if (item.status === 'checking' || item.status === 'queued' || item.status === 'uploading')
      totals.pending++;
    if (item.status === 'uploading') {
      totals.uploading++;
      totals.speed += item.speed;
    }
    if (item.status === 'queued' || item.status === 'uploading' || item.status === 'done') {
      totals.bytes += item.size;
      totals.loaded += item.status === 'done' ? item.size : item.loaded;
    }
  }
  totals.busy = totals.pending > 0 || totals.conflicts > 0;
  return totals;
}
