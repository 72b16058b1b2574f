import type { StoredLine } from './store';

export interface QueueLimits {
  /** Most lines one recording may have waiting; more are dropped and counted. */
  perSession: number;
  /** Most lines all recordings together may have waiting. */
  total: number;
}

/** Lines one recording has waiting, and what it had to drop since the last flush. */
export interface Pending {
  lines: StoredLine[];
  dropped: number;
  droppedFromMs: number;
  droppedToMs: number;
}

/**
 * Lines waiting to be written, per recording, bounded both ways: a recording that floods fills its own
 * share and then drops (counted, so the drop is stored as a gap), never the room of the others, and
 * `take` hands out lines round-robin so a flood cannot delay another recording's lines either.
 */
export class LineQueue {
  private readonly pending = new Map<number, Pending>();
  private size = 0;

  constructor(private readonly limits: QueueLimits) {}

  get length(): number {
    return this.size;
  }

  /** Whether a recording's reader should wait: its share, or the whole queue, is full. */
  full(id: number): boolean {
    const p = this.pending.get(id);
    return (p?.lines.length ?? 0) >= this.limits.perSession || this.size >= this.limits.total;
  }

  has(id: number): boolean {
    const p = this.pending.get(id);
    return p !== undefined && (p.lines.length > 0 || p.dropped > 0);
  }

  /** Queues a line; false when it was dropped. */
  push(id: number, line: StoredLine): boolean {
    let p = this.pending.get(id);
    if (!p) {
      p = { lines: [], dropped: 0, droppedFromMs: 0, droppedToMs: 0 };
      this.pending.set(id, p);
    }
    if (p.lines.length >= this.limits.perSession || this.size >= this.limits.total) {
      if (p.dropped === 0) p.droppedFromMs = line.atMs;
      p.dropped++;
      p.droppedToMs = Math.max(p.droppedToMs, line.atMs);
      return false;
    }
    p.lines.push(line);
    this.size++;
    return true;
  }

  /**
   * Up to `max` lines in all, shared evenly among the recordings that have any (a recording that needs
   * less leaves its share to the others), each recording's in order, with its drop count.
   */
  take(max: number): Map<number, Pending> {
    const out = new Map<number, Pending>();
    let budget = max;
    let waiting = [...this.pending.entries()].filter(([, p]) => p.lines.length > 0 || p.dropped > 0);
    while (waiting.length > 0) {
      const share = Math.max(1, Math.floor(budget / waiting.length));
      const next: typeof waiting = [];
      for (const [id, p] of waiting) {
        const n = Math.min(share, p.lines.length, budget);
        const taken = out.get(id) ?? { lines: [], dropped: 0, droppedFromMs: 0, droppedToMs: 0 };
        if (n > 0) {
          taken.lines.push(...p.lines.splice(0, n));
          budget -= n;
          this.size -= n;
        }
        if (p.dropped > 0) {
          taken.dropped = p.dropped;
          taken.droppedFromMs = p.droppedFromMs;
          taken.droppedToMs = p.droppedToMs;
          p.dropped = 0;
        }
        if (taken.lines.length > 0 || taken.dropped > 0) out.set(id, taken);
        if (p.lines.length > 0) next.push([id, p]);
        else this.pending.delete(id);
      }
      if (budget <= 0) break;
      waiting = next;
    }
    return out;
  }
}
