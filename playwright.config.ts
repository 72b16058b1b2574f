import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const chromium = findChromium();
if (!chromium.found) throw new Error(chromium.message);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Playwright loads this file again in every worker: the port and data folder picked by the first load
// reach the workers through the environment, so all of them talk to the one server.
if (!process.env.ASC_E2E_PORT || !process.env.ASC_E2E_DATA) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'asc-e2e-'));
  process.env.ASC_E2E_PORT = String(await freePort());
  process.env.ASC_E2E_DATA = dataDir;
  // On exit rather than in a global teardown: teardown runs while the web server is still up.
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}
const port = process.env.ASC_E2E_PORT;
const dataDir = process.env.ASC_E2E_DATA;
const origin = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // Never retried, so a flaky journey shows up as a failure instead of hiding behind a second run.
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: origin,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromium.executablePath,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: `npm start -- --port ${port} --data "${dataDir}" --agents e2e/fixtures/catalog.json`,
    url: `${origin}/api/projects/local/agents?api-version=v1`,
    // The first start after a change builds the console.
    timeout: 120_000,
    reuseExistingServer: false,
  },
});
