import vm from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { collectYoungGarbage } from '../../src/host/young-garbage';

const MB = 1024 * 1024;
const buffersOutsideHeap = () => process.memoryUsage().arrayBuffers;

describe('collectYoungGarbage', () => {
  it('frees dead buffers held outside the JS heap, as an upload leaves them', async () => {
    for (let round = 0; round < 3; round++) {
      const before = buffersOutsideHeap();
      // 16 MB in 64 KiB buffers of their own, as node:http hands over a body, dropped at once.
      for (let i = 0; i < 256; i++) Buffer.allocUnsafeSlow(64 * 1024).fill(i);
      expect(buffersOutsideHeap() - before).toBeGreaterThan(12 * MB);
      collectYoungGarbage();
      // V8 releases the memory of dead buffers on a thread of its own after the collection: later on
      // a busy machine.
      for (let turn = 0; turn < 100 && buffersOutsideHeap() - before >= 2 * MB; turn++) await sleep(20);
      expect(buffersOutsideHeap() - before).toBeLessThan(2 * MB);
    }
  });

  it('does not expose gc to other code', () => {
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  });
});
