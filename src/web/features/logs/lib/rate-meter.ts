/**
 * Lines per second over the last couple of seconds, counted in quarter-second buckets so a flood of
 * 50,000 lines a second costs one addition per batch, not an array entry per line.
 */
export class RateMeter {
  private readonly buckets: number[];
  private bucketAt = 0;

  constructor(
    private readonly bucketMs = 250,
    bucketCount = 8,
  ) {
    this.buckets = new Array<number>(bucketCount).fill(0);
  }

  add(count: number, now: number): void {
    this.advance(now);
    this.buckets[this.index(now)]! += count;
  }

  /** Average lines per second over the window ending now. */
  rate(now: number): number {
    this.advance(now);
    const total = this.buckets.reduce((a, b) => a + b, 0);
    return total / ((this.buckets.length * this.bucketMs) / 1000);
  }

  private index(now: number): number {
    return Math.floor(now / this.bucketMs) % this.buckets.length;
  }

  /** Empties buckets that time has moved past since the last call. */
  private advance(now: number): void {
    const current = Math.floor(now / this.bucketMs);
    const steps = Math.min(current - this.bucketAt, this.buckets.length);
    for (let i = 1; i <= steps; i++) this.buckets[(this.bucketAt + i) % this.buckets.length] = 0;
    if (current > this.bucketAt) this.bucketAt = current;
  }
}
