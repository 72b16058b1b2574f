// Finds the Chromium that Playwright drives. playwright.config.ts imports findChromium; `npm run test:e2e`
// runs this file first so a missing browser is one clear line instead of a launch stack trace.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Debian's package, the browser this project's machines and CI use. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * How this project launches it, for the journeys and the benchmarks alike: no sandbox (containers run
 * it as root), no GPU, and nothing that reaches out to the network on its own.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const NOT_FOUND =
  'No Chromium found: install the Debian package "chromium" (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.';

/**
 * In order: CHROMIUM_PATH, PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, /usr/bin/chromium, Playwright's own download.
 * A variable that is set must point at a file: silently falling back would test another browser.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {import('./find-chromium.d.mts').ChromiumLookup}
 */
export function findChromium(env = process.env) {
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const value = env[name];
    if (!value) continue;
    return existsSync(value)
      ? { found: true, executablePath: value }
      : {
          found: false,
          message: `No Chromium at ${value} (from ${name}): point it at a Chromium binary or unset it.`,
        };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { found: true, executablePath: DEBIAN_CHROMIUM };
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return { found: true, executablePath: bundled };
  return { found: false, message: NOT_FOUND };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = findChromium();
  if (result.found) {
    console.log(`Using Chromium at ${result.executablePath}`);
  } else {
    console.error(result.message);
    process.exit(1);
  }
}
