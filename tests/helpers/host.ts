import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { API_VERSION, type ErrorBody } from '../../src/contract';
import { buildHost, type BuildOptions, type HostServer } from '../../src/host/app';
import { hostOptions, type HostOptions } from '../../src/host/config';

export type Query = Record<string, string | number | boolean | undefined>;

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

export function apiUrl(endpoint: string, apiPath: string, query: Query = {}): string {
  const url = new URL(endpoint + apiPath);
  url.searchParams.set('api-version', API_VERSION);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface CallOptions {
  query?: Query;
  /** Sent as is when a string, as JSON otherwise. */
  body?: unknown;
  /** The body's content type; `application/json` when a body is sent and none is named. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** One API call to the host; the body comes back as text, and parsed when there is one. */
export async function call<T = ErrorBody>(
  host: Pick<TestHost, 'url'>,
  method: string,
  apiPath: string,
  opts: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  // Named even without a body: clients that always send a JSON content type send it on a body-less POST too.
  if (opts.contentType) headers['content-type'] = opts.contentType;
  else if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(host.url(apiPath, opts.query), {
    method,
    headers,
    ...(opts.body !== undefined && {
      body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : undefined) as T };
}
