import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSpaBuilt } from '../../src/spa-build';
import {
  fixedToken,
  startConsole,
  startFoundryStandIn as startGatewayStandIn,
  type ConsoleServer,
  type FoundryStandIn,
} from '../../tests/gateway/helpers';

// The shared e2e server cannot reach a Foundry project: it signs in with DefaultAzureCredential and does
// not accept endpoints on this machine. These journeys therefore run a console of their own, built as
// the CLI builds it, with only what stands outside the project replaced: a second local host behind TLS
// stands in for Foundry, and the credential hands out a fixed token instead of asking Entra.

const here = path.dirname(fileURLToPath(import.meta.url));
/** Agents the console's own local host does not have (alpha, beta, ...), so a page shows whose list it is. */
const STAND_IN_CATALOG = path.join(here, '../../tests/fixtures/catalog-agents.json');

/** The token the stand-in requires. */
export const STAND_IN_TOKEN = 'stand-in-token';

export type { ConsoleServer, FoundryStandIn };

/** A second local host behind TLS with the agents alpha, beta, ..., requiring STAND_IN_TOKEN. */
export const startFoundryStandIn = () =>
  startGatewayStandIn({ token: STAND_IN_TOKEN, catalogFile: STAND_IN_CATALOG });

/**
 * The console (SPA, local host, gateway) on a free port with a fresh data folder, allowed to connect
 * to endpoints on this machine and trusting the stand-in's certificate. `token` is what its credential
 * hands out: the stand-in's own, or a wrong one to see a refused sign-in.
 */
export async function startFoundryConsole(standIn: FoundryStandIn, token: string): Promise<ConsoleServer> {
  return startConsole({
    uiDir: await ensureSpaBuilt(),
    credential: fixedToken(token),
    extraCa: [standIn.tls.ca],
  });
}
