type Gc = (options: { type: 'minor' }) => void;

/**
 * V8's gc(), there when the process was started with `--expose-gc` (`npm start` and the scripts that
 * run the host do so). It is never switched on at run time: V8 flags changed after start-up are
 * unsupported and can crash the process.
 */
const gc = (globalThis as { gc?: Gc }).gc;

/**
 * Frees the dead young objects now (a scavenge: well under a millisecond on this host's small heap).
 * For streams whose chunks are allocated outside the JS heap: node:http copies each body chunk into a
 * buffer of its own (up to 64 KiB), freed only when a GC finds it dead, and a stream that allocates
 * little JS gives V8 no reason to run one. A 50 MiB upload left 25-35 MB of such buffers waiting.
 * Without `--expose-gc` it does nothing, and V8 collects those buffers on its own, later.
 */
export function collectYoungGarbage(): void {
  gc?.({ type: 'minor' });
}
