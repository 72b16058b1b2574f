import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options: { type: 'minor' }) => void;

/**
 * V8's own gc(), fetched once without exposing it to anything else: the flag is on only while one
 * fresh context is made, and that context's gc is kept. Undefined if this V8 will not give it.
 */
const gc: Gc | undefined = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof fn === 'function' ? (fn as Gc) : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
})();

/**
 * Frees the dead young objects now (a scavenge: well under a millisecond on this host's small heap).
 * For streams whose chunks are allocated outside the JS heap: node:http copies each body chunk into a
 * buffer of its own (up to 64 KiB), freed only when a GC finds it dead, and a stream that allocates
 * little JS gives V8 no reason to run one. A 50 MiB upload left 25-35 MB of such buffers waiting.
 */
export function collectYoungGarbage(): void {
  gc?.({ type: 'minor' });
}
