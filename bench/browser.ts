import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';

/**
 * The system Chromium the e2e journeys use, with the same flags; one per benchmark run. `extraArgs`
 * are for a measurement that needs the browser set up differently (e.g. `--js-flags=--expose-gc`).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const found = findChromium();
  if (!found.found) throw new Error(found.message);
  return chromium.launch({
    executablePath: found.executablePath,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
