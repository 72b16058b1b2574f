/** A garbage collection on demand: vitest.config.ts starts the test processes with --expose-gc. */
function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect)
    throw new Error('gc() is not exposed: run this test through vitest.config.ts, which passes --expose-gc');
  collect();
}

export interface MemoryProbe {
  /** Passes `pieces` on, collecting garbage and sampling live buffer memory every `every` pieces. */
  sampled: (pieces: Iterable<Buffer>) => Generator<Buffer>;
  /** The most live ArrayBuffer memory seen above the baseline, in bytes. */
  livePeak: () => number;
  /** How far RSS has grown since the baseline, in bytes; coarse, since uncollected garbage counts too. */
  rssGrowth: () => number;
}

/**
 * Measures what a server in this process keeps alive while a body streams through it: a baseline
 * after a forced collection now, then live buffer memory after a collection every `every` pieces.
 */
export function memoryProbe(every = 64): MemoryProbe {
  gc();
  const rssBefore = process.memoryUsage().rss;
  const buffersBefore = process.memoryUsage().arrayBuffers;
  let livePeak = 0;
  let sent = 0;
  function* sampled(pieces: Iterable<Buffer>): Generator<Buffer> {
    for (const piece of pieces) {
      if (sent++ % every === 0) {
        gc();
        livePeak = Math.max(livePeak, process.memoryUsage().arrayBuffers - buffersBefore);
      }
      yield piece;
    }
  }
  return {
    sampled,
    livePeak: () => livePeak,
    rssGrowth: () => process.memoryUsage().rss - rssBefore,
  };
}
