/**
 * Vitest globalSetup of the integration project: one host for every web test, in a process of its own.
 * The web tests run under jsdom, whose globals (ArrayBuffer, URL, ...) are not Node's; a host in that
 * realm would need workarounds no production host has, so they reach this one over HTTP only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { spawnHost } from './spawn-host';
import type { WebHostInfo } from './web-host';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-web.json', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ash-web-'));
  let host;
  try {
    host = await spawnHost(dataDir, ['--agents', catalogFile]);
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const info: WebHostInfo = { origin: host.origin, endpoint: host.endpoint, dataDir };
  project.provide('webHost', info);
  return async () => {
    host.child.kill('SIGTERM');
    await host.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
