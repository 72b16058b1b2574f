import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildHost, type BuildOptions, type HostServer } from '../../src/host/app';
import { hostOptions, type HostOptions } from '../../src/host/config';
import { apiUrl, type Query } from './http';

export { apiUrl, call, type Query } from './http';

export interface TestHost {
  app: HostServer;
  /** `http://127.0.0.1:{port}` */
  origin: string;
  /** The project endpoint: `{origin}/api/projects/local` */
  endpoint: string;
  dataDir: string;
  /** `endpoint + path + ?api-version=v1` (+ the query given). */
  url: (apiPath: string, query?: Query) => string;
  close: () => Promise<void>;
}

export function tempDir(prefix = 'ash-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A real host on a free loopback port with its own data folder (removed on close unless one was given).
 * `build` passes on to buildHost, e.g. `{ uiDir: 'dist' }` to serve the console too (browser journeys).
 */
export async function startHost(
  overrides: Partial<HostOptions> = {},
  build: BuildOptions = {},
): Promise<TestHost> {
  const ownDir = overrides.dataDir === undefined;
  const dataDir = overrides.dataDir ?? tempDir();
  const app = await buildHost(hostOptions({ killGraceMs: 2000, ...overrides, dataDir }), build);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const endpoint = `${origin}/api/projects/${app.host.options.project}`;
  return {
    app,
    origin,
    endpoint,
    dataDir,
    url: (apiPath, query = {}) => apiUrl(endpoint, apiPath, query),
    close: async () => {
      await app.close();
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
