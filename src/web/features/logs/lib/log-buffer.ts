import type { LogEntry, ParsedFrame } from './frame';

export const DEFAULT_BUFFER_LINES = 100_000;
export const MIN_BUFFER_LINES = 100;
export const MAX_BUFFER_LINES = 1_000_000;
/**
 * However few lines that is, the console holds at most this many characters (about 128 MB of
 * UTF-16): a stream of 1 MB lines would otherwise fill 100,000 lines with 100 GB.
 */
const DEFAULT_BUFFER_CHARS = 64 * 1024 * 1024;

export interface PushResult {
  /** Oldest lines that left to make room. */
  evicted: number;
}

/**
 * The console's lines, oldest first, in a ring of fixed capacity that lives outside React state.
 * Each line gets a sequence number (`seq`) that never repeats, so a view can hold seqs and still
 * know which of them are gone after the oldest lines were dropped.
 */
export class LogBuffer {
  private ring: (LogEntry | undefined)[] = [];
  private head = 0;
  private size = 0;
  private nextSeq = 1;
  private chars = 0;
  /** Lines dropped because the buffer was full, since the console started (cleared lines do not count). */
  dropped = 0;

  constructor(
    private capacity = DEFAULT_BUFFER_LINES,
    private readonly maxChars = DEFAULT_BUFFER_CHARS,
  ) {
    this.capacity = clampCapacity(capacity);
  }

  get length(): number {
    return this.size;
  }

  get limit(): number {
    return this.capacity;
  }

  /** Seq of the oldest held line; equals `lastSeq + 1` when empty. */
  get firstSeq(): number {
    return this.nextSeq - this.size;
  }

  /** Seq of the newest held line; `firstSeq - 1` when empty. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Takes ownership of `frame`: it becomes the held entry (no copy: 100,000 copies are garbage). */
  push(frame: ParsedFrame): LogEntry {
    const entry = frame as LogEntry;
    entry.seq = this.nextSeq++;
    if (this.size === this.capacity) {
      this.evictOldest();
    }
    // Until it first fills, this appends, so a short log costs a short array.
    this.ring[(this.head + this.size) % this.capacity] = entry;
    this.size++;
    this.chars += entry.message.length;
    // The newest line always stays, however big it is.
    while (this.chars > this.maxChars && this.size > 1) this.evictOldest();
    return entry;
  }

  /** Every entry from the batch in order; returns how many old ones were dropped doing it. */
  pushAll(frames: readonly ParsedFrame[]): PushResult {
    const before = this.dropped;
    for (const f of frames) this.push(f);
    return { evicted: this.dropped - before };
  }

  at(seq: number): LogEntry | undefined {
    const offset = seq - this.firstSeq;
    if (offset < 0 || offset >= this.size) return undefined;
    return this.ring[(this.head + offset) % this.capacity];
  }

  /** Swaps a held entry for a changed copy (a gap marker learning how many lines were lost). */
  replace(entry: LogEntry): void {
    const offset = entry.seq - this.firstSeq;
    if (offset < 0 || offset >= this.size) return;
    const old = this.ring[(this.head + offset) % this.capacity];
    if (old) this.chars += entry.message.length - old.message.length;
    this.ring[(this.head + offset) % this.capacity] = entry;
  }

  /** Held entries with seq in [from, to], oldest first. */
  *range(from = this.firstSeq, to = this.lastSeq): Generator<LogEntry> {
    const start = Math.max(from, this.firstSeq);
    const end = Math.min(to, this.lastSeq);
    for (let seq = start; seq <= end; seq++) {
      const e = this.at(seq);
      if (e) yield e;
    }
  }

  /** Forgets every line; seqs keep counting so views notice. */
  clear(): void {
    this.ring = [];
    this.head = 0;
    this.size = 0;
    this.chars = 0;
  }

  /** A new capacity keeps the newest lines that fit. */
  resize(capacity: number): void {
    const next = clampCapacity(capacity);
    if (next === this.capacity) return;
    const kept: LogEntry[] = [];
    for (const e of this.range(Math.max(this.firstSeq, this.lastSeq - next + 1))) kept.push(e);
    this.dropped += this.size - kept.length;
    this.capacity = next;
    this.ring = kept;
    this.head = 0;
    this.size = kept.length;
    this.chars = kept.reduce((sum, e) => sum + e.message.length, 0);
  }

  private evictOldest(): void {
    const old = this.ring[this.head];
    if (old) this.chars -= old.message.length;
    // Cleared so the line can be collected even before its slot is reused.
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    this.dropped++;
  }
}

export function clampCapacity(n: number): number {
  if (!Number.isFinite(n)) return DEFAULT_BUFFER_LINES;
  return Math.min(MAX_BUFFER_LINES, Math.max(MIN_BUFFER_LINES, Math.round(n)));
}
