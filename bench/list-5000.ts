/**
 * list-5000, for the record: opening a folder of 5,000 files in the console's file browser, in Chromium.
 * The figure is milliseconds from navigating to the folder's URL until the first animation frame with
 * a row of it on screen; the time until the whole folder is listed (footer `data-state="complete"`) is
 * printed beside it. No target: the ratio is seconds (ms / 1000) against a generous bound.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apiPaths } from '@contract';
import { launchChromium } from './browser';
import type { BenchHost } from './host';
import { firstFrames, freshPage, recordFirstFrames } from './page-frames';
import { figures, median, type Benchmark } from './report';
import { createSession } from './upload-50mib';

const AGENT = 'notes-agent';
const FILES = 5000;
const FOLDER = 'big';
const ROUNDS = 3;
const BOUND_S = 3;
const TIMEOUT_MS = 60_000;
const nameAt = (i: number) => `file-${String(i).padStart(5, '0')}.txt`;

export const list5000: Benchmark<BenchHost> = {
  name: 'list-5000',
  run: async (host) => {
    const session = await createSession(host, AGENT);
    // Straight onto disk, where the agent's own writes would land: legitimate setup that spares 5,000 uploads.
    const folder = path.join(host.app.host.layout.home(AGENT, session), FOLDER);
    fs.mkdirSync(folder, { recursive: true });
    for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(folder, nameAt(i)), `line ${i}\n`);
    const urlPath = `/agents/${AGENT}/sessions/${session}/files?path=${FOLDER}`;
    const browser = await launchChromium();
    try {
      /** One load in a new context; a warm-up stops at the first row (the assets and host are warm by then). */
      const load = async (warmUp = false) => {
        const { context, page } = await freshPage(browser);
        try {
          await recordFirstFrames(page, () => ({
            // Data rows carry their entry's name; the header row does not.
            firstRow: document.querySelector('[role="grid"] [role="row"][aria-label]') !== null,
            complete:
              document.querySelector('[role="status"][data-state="complete"][data-count="5000"]') !== null,
          }));
          await page.goto(host.origin + urlPath);
          if (warmUp) {
            await firstFrames(page, ['firstRow'], TIMEOUT_MS);
            return undefined;
          }
          const times = await firstFrames(page, ['firstRow', 'complete'], TIMEOUT_MS);
          // What a person sees: the first file by name, and the footer's count.
          const first = page.getByRole('row', { name: nameAt(0), exact: true });
          if (!(await first.isVisible())) throw new Error(`${nameAt(0)} is not the visible first row`);
          const footer = page.locator('[role="status"][data-state="complete"]');
          const text = (await footer.textContent()) ?? '';
          if (!text.includes('5,000 items')) throw new Error(`the footer says "${text}"`);
          return { firstRow: times.firstRow!, complete: times.complete! };
        } finally {
          await context.close();
        }
      };

      await load(true);
      const loads = [];
      for (let round = 0; round < ROUNDS; round++) {
        const timed = await load();
        if (timed) loads.push(timed);
      }
      const first = loads.map((l) => l.firstRow);
      const complete = loads.map((l) => l.complete);
      const mid = median(first);
      return {
        name: 'list-5000',
        ratio: mid / 1000,
        target: { op: '<=', value: BOUND_S },
        raw: [
          `for the record (no target; ratio = seconds to the first rows, bound ${BOUND_S} s only to fit the line)`,
          `navigation -> first frame with a row: median=${mid.toFixed(0)} ms rounds=[${figures(first, 0)}]`,
          `navigation -> footer data-state="complete" (5,000 items): median=${median(complete).toFixed(0)} ms rounds=[${figures(complete, 0)}]`,
          `setup: ${FILES} files written straight into the session's home/${FOLDER}/; ${urlPath.replace(session, '{id}')}`,
          `the console fetches the folder as pages of 100, one after another; each round a new browser context, after a warm-up load (to the first row)`,
        ],
      };
    } finally {
      await browser.close();
      await fetch(host.url(apiPaths.session(AGENT, session)), { method: 'DELETE' });
    }
  },
};
