import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gateway } from '../../src/gateway';
import { buildHost, type HostServer } from '../../src/host/app';
import { hostOptions } from '../../src/host/config';
import { ensureSpaBuilt } from '../../src/spa-build';
import { fixedToken } from '../../tests/gateway/helpers';
import { startHost, tempDir, type TestHost } from '../../tests/helpers/host';
import { startTlsTerminator, type TlsTerminator } from '../../tests/helpers/tls';

// The shared e2e server cannot reach a Foundry project: it signs in with DefaultAzureCredential and does
// not accept endpoints on this machine. These journeys therefore run a console of their own, built as
// the CLI builds it, with only what stands outside the project replaced: a second local host behind TLS
// stands in for Foundry, and the credential hands out a fixed token instead of asking Entra.

const here = path.dirname(fileURLToPath(import.meta.url));
/** Agents the console's own local host does not have (alpha, beta, ...), so a page shows whose list it is. */
const STAND_IN_CATALOG = path.join(here, '../../tests/fixtures/catalog-agents.json');

/** The token the stand-in requires. */
export const STAND_IN_TOKEN = 'stand-in-token';

export interface FoundryStandIn {
  host: TestHost;
  tls: TlsTerminator;
  /** `https://127.0.0.1:{tlsPort}/api/projects/local`: a Foundry-shaped endpoint, as a person would paste it. */
  endpoint: string;
  close: () => Promise<void>;
}

export async function startFoundryStandIn(): Promise<FoundryStandIn> {
  const host = await startHost({ token: STAND_IN_TOKEN, catalogFile: STAND_IN_CATALOG });
  const tls = await startTlsTerminator(host.origin);
  return {
    host,
    tls,
    endpoint: `${tls.origin}/api/projects/local`,
    close: async () => {
      await tls.close();
      await host.close();
    },
  };
}

export interface FoundryConsole {
  app: HostServer;
  /** `http://127.0.0.1:{port}`: the console, its local host, its gateway and its connections API. */
  origin: string;
  close: () => Promise<void>;
}

/**
 * The console (SPA, local host, gateway) on a free port with a fresh data folder, allowed to connect
 * to endpoints on this machine and trusting the stand-in's certificate. `token` is what its credential
 * hands out: the stand-in's own, or a wrong one to see a refused sign-in.
 */
export async function startFoundryConsole(standIn: FoundryStandIn, token: string): Promise<FoundryConsole> {
  const uiDir = await ensureSpaBuilt();
  const dataDir = tempDir('asc-e2e-console-');
  const app = await buildHost(hostOptions({ dataDir, killGraceMs: 2000 }), {
    uiDir,
    plugins: [
      gateway({
        dataDir,
        localEndpoint: '/api/projects/local',
        allowLocalConnections: true,
        credential: fixedToken(token),
        extraCa: [standIn.tls.ca],
      }),
    ],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
