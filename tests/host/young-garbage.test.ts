import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectYoungGarbage } from '../../src/host/young-garbage';

/** The kinds of the GCs V8 reports from `during` on, until `enough` says so (or two seconds pass). */
async function collectionsDuring(
  during: () => void,
  enough: (kinds: number[]) => boolean,
): Promise<number[]> {
  const kinds: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
      if (entry.detail?.kind !== undefined) kinds.push(entry.detail.kind);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    during();
    // Node reports each collection a turn or two later.
    for (let turn = 0; turn < 100 && !enough(kinds); turn++) await sleep(20);
  } finally {
    observer.disconnect();
  }
  return kinds;
}

describe('collectYoungGarbage', () => {
  // What it frees (the chunks of an upload, outside the JS heap) is measured by `npm run bench --
  // upload-50mib`; here, that it runs a young-generation collection.
  it('runs a minor collection each time it is called', async () => {
    const minor = (kinds: number[]) => kinds.filter((k) => k === constants.NODE_PERFORMANCE_GC_MINOR).length;
    const kinds = await collectionsDuring(
      () => {
        for (let i = 0; i < 3; i++) collectYoungGarbage();
      },
      (seen) => minor(seen) >= 3,
    );
    // At least: the process may collect on its own meanwhile.
    expect(minor(kinds)).toBeGreaterThanOrEqual(3);
  });

  it('does not expose gc to other code', () => {
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  });
});
