import { hasAnsi, stripAnsi } from './ansi';
import type { LineStream, LogEntry } from './frame';
import type { LogBuffer } from './log-buffer';
import type { Search } from './search';

export type StreamToggles = Record<LineStream, boolean>;

export interface ViewFilter {
  streams: StreamToggles;
  search: Search;
  /** Show only lines that match the search (when there is one). */
  onlyMatching: boolean;
}

/** The text search looks at: the message without ANSI escapes (kept on the entry once computed). */
function searchableText(entry: LogEntry): string {
  if (!hasAnsi(entry.message)) return entry.message;
  return (entry.plain ??= stripAnsi(entry.message));
}

/** A list of seqs with a moving start, so dropping the oldest ones is O(1) most of the time. */
class SeqList {
  private items: number[] = [];
  private start = 0;

  get length(): number {
    return this.items.length - this.start;
  }

  at(i: number): number | undefined {
    return this.items[this.start + i];
  }

  push(seq: number): void {
    this.items.push(seq);
  }

  /** Drops seqs below `firstSeq`; returns how many went. */
  trimBelow(firstSeq: number): number {
    const before = this.start;
    while (this.start < this.items.length && this.items[this.start]! < firstSeq) this.start++;
    const removed = this.start - before;
    // Compact once the dead prefix is big, so memory follows what is held.
    if (this.start > 4096 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    return removed;
  }

  /** Index of the first seq >= `seq` (length when none). */
  lowerBound(seq: number): number {
    let lo = this.start;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.start;
  }
}

export interface ViewUpdate {
  /** Rows added at the end. */
  appended: number;
  /** Rows that left at the start (their lines were dropped from the buffer or cleared). */
  removed: number;
}

/**
 * The rows a filter lets through, kept up to date incrementally: each update looks only at lines that
 * arrived since the last one and forgets rows whose lines left the buffer. A changed filter is a new
 * view (one full pass). Search matches are kept alongside, for next/previous and the match count.
 */
export class LogView {
  private readonly rows = new SeqList();
  private readonly hits = new SeqList();
  private scanned: number;

  constructor(
    readonly filter: ViewFilter,
    startAfter = 0,
  ) {
    this.scanned = startAfter;
  }

  get length(): number {
    return this.rows.length;
  }

  get matchCount(): number {
    return this.hits.length;
  }

  /** The newest seq this view has looked at. */
  get scannedTo(): number {
    return this.scanned;
  }

  rowAt(index: number): number | undefined {
    return this.rows.at(index);
  }

  matchAt(index: number): number | undefined {
    return this.hits.at(index);
  }

  /** Row index of `seq`, or -1 when it is not shown. */
  indexOf(seq: number): number {
    const i = this.rows.lowerBound(seq);
    return this.rows.at(i) === seq ? i : -1;
  }

  /** Row index of the first shown line at or after `seq`. */
  indexAtOrAfter(seq: number): number {
    return this.rows.lowerBound(seq);
  }

  /** Match index of the first match at or after `seq`. */
  matchIndexAtOrAfter(seq: number): number {
    return this.hits.lowerBound(seq);
  }

  /** Brings the view up to `upTo` (the buffer's newest line unless paused). */
  update(buffer: LogBuffer, upTo = buffer.lastSeq): ViewUpdate {
    const removed = this.rows.trimBelow(buffer.firstSeq);
    this.hits.trimBelow(buffer.firstSeq);
    const before = this.rows.length;
    const from = Math.max(this.scanned + 1, buffer.firstSeq);
    const to = Math.min(upTo, buffer.lastSeq);
    const { streams, search, onlyMatching } = this.filter;
    const searching = search.kind === 'ok';
    for (let seq = from; seq <= to; seq++) {
      const e = buffer.at(seq);
      if (!e) continue;
      if (e.kind === 'gap') {
        // Gap markers say the log is incomplete here; no filter should hide that.
        this.rows.push(seq);
        continue;
      }
      if (!streams[e.stream]) continue;
      if (searching) {
        const hit = search.test(searchableText(e));
        if (hit) this.hits.push(seq);
        if (onlyMatching && !hit) continue;
      }
      this.rows.push(seq);
    }
    if (to > this.scanned) this.scanned = to;
    return { appended: this.rows.length - before, removed };
  }
}
