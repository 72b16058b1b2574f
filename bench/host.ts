import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { Type } from 'typebox';
import { API_VERSION } from '@contract';
import { consoleServer } from '../src/console';
import { buildHost, type HostServer } from '../src/host/app';
import { hostOptions } from '../src/host/config';
import { ensureSpaBuilt } from '../src/spa-build';
import { LoadClient } from './load';

/** What every benchmark gets: one real host listening on loopback, its folders, and the client. */
export interface BenchHost {
  app: HostServer;
  /** `http://127.0.0.1:{port}` */
  origin: string;
  /** `{origin}/api/projects/local`, the project endpoint. */
  endpoint: string;
  /** The host's data folder. */
  dataDir: string;
  /** Scratch space next to the data folder (source files for uploads); removed with it. */
  workDir: string;
  /** The built console this host serves at `/`. */
  uiDir: string;
  /** `endpoint + apiPath + ?api-version=v1` (+ the query given). */
  url: (apiPath: string, query?: Record<string, string | number>) => string;
  client: LoadClient;
}

/** A trivial route on the same server, behind the same root hooks, as the baseline for request rates. */
export const PING_PATH = '/bench/ping';

export async function startBenchHost(): Promise<BenchHost & { close: () => Promise<void> }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ash-bench-'));
  const dataDir = path.join(root, 'data');
  const workDir = path.join(root, 'work');
  fs.mkdirSync(workDir, { recursive: true });
  let app: HostServer | undefined;
  let client: LoadClient | undefined;
  const close = async () => {
    await client?.close();
    await app?.close();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    // A short kill grace: the only agent process the benchmarks start is ended at close.
    // The sample agents, plus an echo agent for invoke-overhead (bench/catalog.json).
    const catalogFile = fileURLToPath(new URL('./catalog.json', import.meta.url));
    // The browser benchmarks load the console from this same server, as `npm start` serves it.
    const uiDir = await ensureSpaBuilt();
    // The console's server part as the CLI adds it: its recorder keeps every active session's lines.
    const options = hostOptions({ dataDir, catalogFile, killGraceMs: 1000 });
    const localEndpoint = `/api/projects/${options.project}`;
    app = await buildHost(options, { uiDir, plugins: [consoleServer({ dataDir, localEndpoint })] });
    // buildHost returns an app that is not listening yet, so a route can still be added; it sits at the
    // root, so it passes the root onRequest hook (request id, Host check) like every API route does,
    // and it has a response schema, so its body goes through the same serializer kind.
    app.get(PING_PATH, { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({
      ok: true,
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    const endpoint = `${origin}/api/projects/${app.host.options.project}`;
    client = LoadClient.start();
    const url = (apiPath: string, query: Record<string, string | number> = {}) => {
      const u = new URL(endpoint + apiPath);
      u.searchParams.set('api-version', API_VERSION);
      for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
      return u.toString();
    };
    return { app, origin, endpoint, dataDir, workDir, uiDir, url, client, close };
  } catch (err) {
    await close();
    throw err;
  }
}
