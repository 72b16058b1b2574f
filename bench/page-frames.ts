/**
 * Helpers the browser benchmarks share: a fresh page that can run the bench's own functions, and a
 * per-animation-frame probe that notes when something first appeared on screen.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';

/**
 * `npm run bench` runs under tsx, which compiles with esbuild's keepNames: an arrow or function inside a
 * function handed to the page comes out wrapped in `__name(fn, "name")`, a helper that exists only in
 * this process. A no-op one in every page lets such functions run there.
 */
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

/** A new context (own cache, storage and query client state) with one page in it. */
export async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(NAME_SHIM);
  const page = await context.newPage();
  return { context, page };
}

/** Each named check and whether it holds now; evaluated in the page, so it must not use anything from here. */
export type FrameProbe = () => Record<string, boolean>;

interface FrameWindow {
  __benchFrames?: Record<string, number>;
}

/**
 * From the next document on, runs `probe` every animation frame and keeps, per check, the
 * `performance.now()` of the first frame it held in: for a page load, milliseconds since navigation
 * started; the frame is the one whose paint shows it. Stops once every check has held.
 * Installed before any page script, so a check cannot hold before it is first looked at.
 */
export async function recordFirstFrames(page: Page, probe: FrameProbe): Promise<void> {
  await page.addInitScript(`${NAME_SHIM}
  (() => {
    const probe = ${probe.toString()};
    const seen = (window.__benchFrames = {});
    const tick = () => {
      let pending = false;
      const now = performance.now();
      const checks = probe();
      for (const name of Object.keys(checks)) {
        if (name in seen) continue;
        if (checks[name]) seen[name] = now;
        else pending = true;
      }
      if (pending || Object.keys(checks).length === 0) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`);
}

/** Waits until each of `names` has held in some frame; returns their times (ms since navigation start). */
export async function firstFrames(
  page: Page,
  names: readonly string[],
  timeoutMs: number,
): Promise<Record<string, number>> {
  await page.waitForFunction(
    (want) => {
      const seen = (window as FrameWindow).__benchFrames;
      return seen !== undefined && want.every((n) => n in seen);
    },
    names,
    { timeout: timeoutMs },
  );
  return page.evaluate(() => ({ ...(window as FrameWindow).__benchFrames }));
}
