/**
 * upload-browser-50mib: throughput of a 50 MiB upload through the console in Chromium (a file dropped on
 * the Files tab, until its row in the upload panel says "Uploaded") over the throughput of the same size
 * PUT by curl to the same host, in the same run. A bare XMLHttpRequest PUT of the same File from the
 * same page is measured alongside, for the raw lines only: it splits the gap into Chromium's and the console's.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { apiPaths, MAX_UPLOAD_BYTES } from '@contract';
import { launchChromium } from './browser';
import type { BenchHost } from './host';
import { freshPage } from './page-frames';
import { figures, median, type Benchmark } from './report';
import { createSession, writeRandomFile } from './upload-50mib';

const AGENT = 'notes-agent';
const SIZE = MAX_UPLOAD_BYTES; // 50 MiB
const MIB = 1024 * 1024;
const ROUNDS = 3;
const TIMEOUT_MS = 120_000;

const run = promisify(execFile);

/** One console upload, in ms: the whole, and its parts in order (they add up to about the whole). */
interface Phases {
  total: number;
  /** From the drop to the start of the listing request the queue makes to check for name conflicts. */
  toLookup: number;
  lookup: number;
  /** From the lookup's answer (or the drop) until the PUT starts. */
  toPut: number;
  /** The PUT, from being started to the last byte of its answer. */
  put: number;
  /** From the PUT's answer to the first frame in which the panel says "Uploaded". */
  toShown: number;
}

export const uploadBrowser: Benchmark<BenchHost> = {
  name: 'upload-browser-50mib',
  run: async (host) => {
    const session = await createSession(host, AGENT);
    const source = path.join(host.workDir, 'upload-browser-source.bin');
    writeRandomFile(source);
    const contentUrl = (name: string) => host.url(apiPaths.fileContent(AGENT, session), { path: name });
    const remove = async (name: string) => {
      const res = await fetch(host.url(apiPaths.files(AGENT, session), { path: name }), { method: 'DELETE' });
      if (res.status !== 204) throw new Error(`DELETE ${name} answered ${res.status}`);
    };

    const curlVersion = await curlAvailable();
    const viaCurl = async (name: string) => {
      // curl by name: whichever the PATH has. --data-binary reads the file into memory before the transfer
      // starts, so time_total is the transfer alone.
      const { stdout } = await run('curl', [
        '-sS',
        '-X',
        'PUT',
        '--data-binary',
        `@${source}`,
        '-H',
        'content-type: application/octet-stream',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code} %{time_total}',
        contentUrl(name),
      ]);
      const [code, seconds] = stdout.trim().split(' ');
      if (code !== '201') throw new Error(`curl PUT ${name} answered ${code}`);
      return Number(seconds) * 1000;
    };

    const browser = await launchChromium();
    try {
      const { context, page } = await freshPage(browser);
      await page.goto(`${host.origin}/agents/${AGENT}/sessions/${session}/files`);
      await page.locator('[role="status"][data-state="complete"]').waitFor({ timeout: TIMEOUT_MS });
      // The bytes are made once, in the page; each round wraps them in a new File of a new name.
      // The browser sides send the same file on disk as curl, picked through a file input as a user's
      // file is: Chromium reads it from disk while sending. (A File built from bytes in the page would
      // first be copied into the browser's blob store, on every round, and that copy is not an upload.)
      await page.evaluate(() => {
        const input = document.createElement('input');
        input.type = 'file';
        input.id = 'bench-source';
        input.hidden = true;
        document.body.append(input);
      });
      await page.locator('#bench-source').setInputFiles(source);

      /**
       * Drops one file on the Files region; ms from the drop to the first frame showing it "Uploaded",
       * split by the page's resource timings into the folder lookup before the PUT and the PUT itself.
       */
      const viaBrowser = async (name: string): Promise<Phases> =>
        page.evaluate(
          ({ name, timeoutMs }) =>
            new Promise<Phases>((resolve, reject) => {
              const source = (document.getElementById('bench-source') as HTMLInputElement).files?.[0];
              const zone = document.querySelector('section[aria-label="Files"]');
              if (!source || !zone) throw new Error('no source file or no drop zone');
              performance.clearResourceTimings();
              const dt = new DataTransfer();
              // Renamed, not copied: the new File refers to the same bytes on disk.
              dt.items.add(new File([source], name));
              const drag = (type: string) =>
                zone.dispatchEvent(
                  new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }),
                );
              drag('dragenter');
              drag('dragover');
              const start = performance.now();
              drag('drop');
              const give = setTimeout(
                () => reject(new Error(`${name} not uploaded in ${timeoutMs} ms`)),
                timeoutMs,
              );
              const done = (shown: number) => {
                const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
                const put = entries.find(
                  (e) => e.name.includes('/files/content?') && e.name.includes(encodeURIComponent(name)),
                );
                const lookup = entries.find((e) => /\/files\?/.test(e.name) && e.startTime >= start);
                resolve({
                  total: shown - start,
                  toLookup: lookup ? lookup.startTime - start : NaN,
                  lookup: lookup ? lookup.responseEnd - lookup.startTime : NaN,
                  toPut: put ? put.startTime - (lookup ? lookup.responseEnd : start) : NaN,
                  put: put ? put.responseEnd - put.startTime : NaN,
                  toShown: put ? shown - put.responseEnd : NaN,
                });
              };
              const tick = () => {
                const row = document.querySelector(
                  `[aria-label="Uploads"] li[aria-label="${CSS.escape(name)}"]`,
                );
                const text = row?.textContent ?? '';
                if (text.includes('Uploaded')) {
                  clearTimeout(give);
                  done(performance.now());
                } else if (/Failed|Cancelled|Refused/.test(text)) {
                  clearTimeout(give);
                  reject(new Error(`${name}: ${text}`));
                } else requestAnimationFrame(tick);
              };
              requestAnimationFrame(tick);
            }),
          { name, timeoutMs: TIMEOUT_MS },
        );

      /**
       * The same File as one bare XMLHttpRequest PUT from the same page, no console code: tells what
       * Chromium's own upload path costs from what the console adds. ms from send() to the answer.
       */
      const viaXhr = async (name: string): Promise<number> =>
        page.evaluate(
          ({ url, name }) =>
            new Promise<number>((resolve, reject) => {
              const source = (document.getElementById('bench-source') as HTMLInputElement).files?.[0];
              if (!source) throw new Error('no source file');
              const file = new File([source], name);
              const xhr = new XMLHttpRequest();
              xhr.open('PUT', url);
              xhr.setRequestHeader('Accept', 'application/json');
              xhr.setRequestHeader('Content-Type', 'application/octet-stream');
              xhr.onload = () =>
                xhr.status === 201
                  ? resolve(performance.now() - start)
                  : reject(new Error(`bare PUT ${name} answered ${xhr.status}`));
              xhr.onerror = () => reject(new Error(`bare PUT ${name} failed`));
              const start = performance.now();
              xhr.send(file);
            }),
          { url: contentUrl(name), name },
        );

      const phases: Phases[] = [];
      const xhrMs: number[] = [];
      const curlMs: number[] = [];
      const sides = {
        console: async (name: string) => phases.push(await viaBrowser(name)),
        xhr: async (name: string) => xhrMs.push(await viaXhr(name)),
        curl: async (name: string) => curlMs.push(await viaCurl(name)),
      };
      const order = ['console', 'xhr', 'curl'] as const;

      // Warm-up, one each side, not timed: JIT, the host's first upload, the page's first drop.
      for (const which of order) {
        await sides[which](`warm-up-${which}.bin`);
        await remove(`warm-up-${which}.bin`);
      }
      // Warm-up figures are dropped; each round rotates which side goes first.
      phases.length = xhrMs.length = curlMs.length = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < order.length; i++) {
          const which = order[(i + round) % order.length]!;
          const name = `${which}-${round + 1}.bin`;
          await sides[which](name);
          await remove(name);
        }
      }
      await context.close();

      const browserMs = phases.map((p) => p.total);
      const phase = (key: keyof Phases) => `${key}=${median(phases.map((p) => p[key])).toFixed(0)}`;
      const mibps = (ms: number) => SIZE / MIB / (ms / 1000);
      const browserRate = mibps(median(browserMs));
      const curlRate = mibps(median(curlMs));
      const xhrRate = mibps(median(xhrMs));
      return {
        name: 'upload-browser-50mib',
        ratio: browserRate / curlRate,
        target: { op: '>=', value: 0.7 },
        raw: [
          `console MiB/s: median=${browserRate.toFixed(0)} rounds=[${figures(browserMs.map(mibps), 0)}] (drop -> first frame with "Uploaded"; ms [${figures(browserMs, 0)}])`,
          `curl MiB/s: median=${curlRate.toFixed(0)} rounds=[${figures(curlMs.map(mibps), 0)}] (curl PUT --data-binary, time_total; ms [${figures(curlMs, 0)}])`,
          `bare XHR MiB/s: median=${xhrRate.toFixed(0)} rounds=[${figures(xhrMs.map(mibps), 0)}] (the same File, one XMLHttpRequest PUT from the same page, no console code; ms [${figures(xhrMs, 0)}])`,
          `split: console over bare XHR ${(browserRate / xhrRate).toFixed(2)} (what the console adds), bare XHR over curl ${(xhrRate / curlRate).toFixed(2)} (Chromium's own upload path)`,
          `console phases, medians in ms (page resource timings): drop->lookup GET ${phase('toLookup')}, ${phase('lookup')}, ->PUT sent ${phase('toPut')}, PUT ${phase('put')}, answer->"Uploaded" frame ${phase('toShown')}`,
          `  per round: ${phases.map((p) => `[${figures([p.toLookup, p.lookup, p.toPut, p.put, p.toShown], 0)}]`).join(' ')}`,
          `${ROUNDS} rounds each side, rotating which goes first, after one warm-up each; each to a new file name, deleted after; ${curlVersion}; Chromium ${browser.version()}`,
        ],
      };
    } finally {
      await browser.close();
      // The session goes with its agent process; the files were deleted one by one already.
      await fetch(host.url(apiPaths.session(AGENT, session)), { method: 'DELETE' });
    }
  },
};

/** curl's first version line; throws in words when there is no curl on the PATH. */
async function curlAvailable(): Promise<string> {
  try {
    const { stdout } = await run('curl', ['--version']);
    return stdout.split('\n')[0]?.split(' ').slice(0, 2).join(' ') ?? 'curl';
  } catch {
    throw new Error('upload-browser-50mib needs curl on the PATH (Debian: apt-get install curl)');
  }
}
