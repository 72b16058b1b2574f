import { execFile } from 'node:child_process';
import path from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CALLS = 3;
const isMinor = (kind: number) => kind === constants.NODE_PERFORMANCE_GC_MINOR;

/** The kinds of the GCs V8 reports from `during` on, once `enough` says so (or the wait times out). */
async function collectionsDuring(during: () => void, enough: (kinds: number[]) => boolean) {
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
    await vi.waitFor(() => expect(enough(kinds)).toBe(true), { timeout: 2_000, interval: 20 });
  } finally {
    observer.disconnect();
  }
  return kinds;
}

describe('collectYoungGarbage', () => {
  // What it frees (the chunks of an upload, outside the JS heap) is measured by `npm run bench --
  // upload-50mib`; here, that it runs a young-generation collection, and how it gets gc().

  it('turns no V8 flag on or off at run time', async () => {
    const setFlags = vi.spyOn(v8, 'setFlagsFromString');
    try {
      vi.resetModules();
      const { collectYoungGarbage } = await import('../../src/host/young-garbage');
      collectYoungGarbage();
      expect(setFlags).not.toHaveBeenCalled();
    } finally {
      setFlags.mockRestore();
    }
  });

  it('runs a minor collection each time it is called, in a process started with --expose-gc', async () => {
    // vitest.config.ts starts this project's processes with the flag, as `npm start` starts the host.
    expect(process.execArgv).toContain('--expose-gc');
    const { collectYoungGarbage } = await import('../../src/host/young-garbage');
    const kinds = await collectionsDuring(
      () => {
        for (let i = 0; i < CALLS; i++) collectYoungGarbage();
      },
      (seen) => seen.filter(isMinor).length >= CALLS,
    );
    // At least: the process may collect on its own meanwhile.
    expect(kinds.filter(isMinor).length).toBeGreaterThanOrEqual(CALLS);
  });

  it('does nothing in a process started without --expose-gc', async () => {
    // Many calls, so that the collections the process makes on its own cannot add up to one per call.
    const script = `
      import { PerformanceObserver, constants } from 'node:perf_hooks';
      import { collectYoungGarbage } from './src/host/young-garbage.ts';
      let minor = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
      });
      observer.observe({ entryTypes: ['gc'] });
      for (let i = 0; i < 50; i++) collectYoungGarbage();
      setTimeout(() => {
        observer.disconnect();
        console.log(JSON.stringify({ minor, gc: typeof globalThis.gc }));
      }, 200);
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: root },
    );
    const outcome = JSON.parse(stdout) as { minor: number; gc: string };
    expect(outcome.gc).toBe('undefined');
    expect(outcome.minor).toBeLessThan(50);
  });
});
