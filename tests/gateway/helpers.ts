import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { FastifyPluginAsync } from 'fastify';
import { CONNECTIONS_PATH } from '@contract';
import { gateway, type GatewayOptions } from '../../src/gateway';
import { buildHost, type HostServer } from '../../src/host/app';
import { hostOptions, type HostOptions } from '../../src/host/config';
import { createAccess, type Access } from '../../src/server/access';
import { apiUrl, startHost, tempDir, type TestHost } from '../helpers/host';
import { selfSignedCertificate, startTlsTerminator, type TlsTerminator } from '../helpers/tls';

/** The token the stand-in for Foundry requires. */
export const UPSTREAM_TOKEN = 'upstream-secret';

/** What @azure/identity would give, minus Entra: a fixed token that lasts an hour. Counts its calls. */
export function fixedToken(token: string): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    getToken: async (): Promise<AccessToken> => {
      credential.calls++;
      return { token, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
  return credential;
}

/** A credential that cannot sign in, with a message that quotes secrets the way a careless library might. */
export const failingCredential = (message: string): TokenCredential => ({
  getToken: async () => {
    throw new Error(message);
  },
});

/** A second local host standing in for Foundry: it requires a bearer token and sits behind TLS. */
export interface FoundryStandIn {
  host: TestHost;
  tls: TlsTerminator;
  /** `https://127.0.0.1:{tlsPort}/api/projects/local` */
  endpoint: string;
  close: () => Promise<void>;
}

/** `token` is what it requires (by default UPSTREAM_TOKEN); `catalogFile` its agents. */
export async function startFoundryStandIn(
  options: { token?: string; catalogFile?: string } = {},
): Promise<FoundryStandIn> {
  const host = await startHost({
    token: options.token ?? UPSTREAM_TOKEN,
    ...(options.catalogFile && { catalogFile: options.catalogFile }),
  });
  const tls = await startTlsTerminator(host.origin);
  return {
    host,
    tls,
    endpoint: tls.origin + new URL(host.endpoint).pathname,
    close: async () => {
      await tls.close();
      await host.close();
    },
  };
}

export interface ConnectionEntry {
  name: string;
  endpoint: string;
  colour?: string;
  production?: boolean;
  features?: string;
}

/** The console: a host with the gateway mounted, as the CLI builds it, on a free loopback port. */
export interface ConsoleServer {
  app: HostServer;
  origin: string;
  dataDir: string;
  /** `{origin}/gateway/{name}{apiPath}?api-version=v1&...` */
  gatewayUrl: (
    name: string,
    apiPath: string,
    query?: Record<string, string | number | boolean | undefined>,
  ) => string;
  /** `{origin}/api/console/connections{suffix}` */
  connectionsUrl: (suffix?: string) => string;
  close: () => Promise<void>;
}

export async function startConsole(
  options: {
    /** Written as the connections file before the console starts. */
    connections?: ConnectionEntry[];
    /** A data folder to use (and keep); by default a fresh one, removed on close. */
    dataDir?: string;
    /** The built console to serve, for journeys in a browser. */
    uiDir?: string;
    /** The server's `--token`, for the host API and the gateway alike. */
    token?: string;
    /** More plugins on the same server after the gateway, as the CLI passes them (the console's own). */
    plugins?: (server: { dataDir: string; access: Access; token?: string }) => FastifyPluginAsync[];
    /** The host's own options (a catalog, short stream limits), as the CLI's flags set them. */
    host?: Partial<HostOptions>;
  } & Partial<Omit<GatewayOptions, 'dataDir' | 'localEndpoint' | 'access'>> = {},
): Promise<ConsoleServer> {
  const { connections, dataDir: givenDir, uiDir, plugins, host, ...gatewayOptions } = options;
  const dataDir = givenDir ?? tempDir('ash-console-');
  if (connections) {
    fs.writeFileSync(path.join(dataDir, 'connections.json'), JSON.stringify({ connections }));
  }
  // One access for the host API and the gateway, as the CLI gives them.
  const { token, ...rest } = gatewayOptions;
  const access = createAccess(token);
  const app = await buildHost(hostOptions({ dataDir, killGraceMs: 2000, ...host, ...(token && { token }) }), {
    ...(uiDir && { uiDir }),
    access,
    plugins: [
      gateway({
        dataDir,
        localEndpoint: '/api/projects/local',
        allowLocalConnections: true,
        access,
        ...rest,
      }),
      ...(plugins?.({ dataDir, access, ...(token && { token }) }) ?? []),
    ],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    origin,
    dataDir,
    gatewayUrl: (name, apiPath, query = {}) => apiUrl(`${origin}/gateway/${name}`, apiPath, query),
    connectionsUrl: (suffix = '') => `${origin}${CONNECTIONS_PATH}${suffix}`,
    close: async () => {
      await app.close();
      if (givenDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/**
 * A request with node:http, its path sent exactly as given: fetch and URL would tidy `..`, `%2e` and the
 * like away before the server ever saw them.
 */
export function rawRequest(
  origin: string,
  method: string,
  rawPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawReply> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname, port, method, path: rawPath, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** An https server on a free loopback port with a throwaway certificate, for upstreams that misbehave on purpose. */
export async function startTlsStub(
  handler: http.RequestListener,
): Promise<{ origin: string; ca: string; server: https.Server; close: () => Promise<void> }> {
  const { key, cert } = selfSignedCertificate();
  const server = https.createServer({ key, cert }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: cert,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(what: string, test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
