import type { TokenCredential } from '@azure/identity';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { CONNECTION_COLOURS } from '@contract';
import { createAccess, SIGN_IN_REQUIRED, type Access } from '../server/access';
import { HttpError, noteFailure } from '../server/errors';
import { checkEndpoint } from './check';
import { connectionsApi } from './connections-api';
import { ConnectionStore } from './connections-store';
import { badRequest, gatewayError } from './errors';
import { proxy } from './proxy';
import { TokenCache } from './token-cache';
import { Upstream } from './upstream';

export interface GatewayOptions {
  /** The data folder; connections are kept in `connections.json` there. */
  dataDir: string;
  /** The local host's project endpoint on this server (`/api/projects/local`), listed as the built-in connection. */
  localEndpoint: string;
  /**
   * Who may call: the server's own access (its `--token` and the browsers signed in with it), the same
   * one the host API uses. By default, open to anyone who reaches the server.
   */
  access?: Access;
  /** Accept `https://127.0.0.1:{port}/...` and `https://localhost:{port}/...` endpoints (a Foundry stand-in). */
  allowLocalConnections?: boolean;
  /** Where tokens come from; by default a DefaultAzureCredential (Azure CLI login, environment, managed identity). */
  credential?: TokenCredential;
  /** PEM certificates to trust besides the system's. */
  extraCa?: string[];
  /** How long connecting to an endpoint, TLS included, may take (default 10 s). */
  connectTimeoutMs?: number;
  /** How long an endpoint may stay silent before or while answering (default 60 s; never on a log stream). */
  idleTimeoutMs?: number;
}

/**
 * The gateway (`/gateway/{connection}/...`) and the console's connections API (`/api/console/connections`),
 * as one plugin for the server that hosts the console. Its own errors carry the contract's error body.
 * Throws when the connections file cannot be used, saying why.
 */
export function gateway(options: GatewayOptions): FastifyPluginAsync {
  const allowLocal = options.allowLocalConnections ?? false;
  // Read now, so a broken connections file stops the console before anything else starts.
  const store = new ConnectionStore(options.dataDir, allowLocal, options.localEndpoint);
  return async (app) => {
    const upstream = new Upstream({
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
      ...(options.extraCa && { extraCa: options.extraCa }),
    });
    const tokens = new TokenCache(credentialSource(options.credential));
    app.addHook('onClose', async () => upstream.close());

    // Cross-site requests are refused for the whole server by the host app's root hook.
    const access = options.access ?? createAccess(undefined);
    app.addHook('onRequest', async (request) => {
      if (!access.allows(request.headers)) {
        throw gatewayError(401, 'console_sign_in_required', SIGN_IN_REQUIRED);
      }
    });

    app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
      const hinted = error instanceof HttpError ? undefined : fieldHint(error);
      if (hinted) return reply.status(400).send(hinted.body());
      // Anything else (a request that failed its schema otherwise, say) is answered by the server's own handler.
      if (!(error instanceof HttpError)) throw error;
      if (error.statusCode >= 500) noteFailure(request, error);
      return reply.status(error.statusCode).send(error.body());
    });

    await app.register(
      connectionsApi({
        store,
        allowLocal,
        check: (endpoint, features) => checkEndpoint(upstream, tokens, endpoint, features),
      }),
    );
    await app.register(proxy({ store, upstream, tokens }));
  };
}

/** What a person can act on, for the fields whose schema alone would say "must match pattern". */
const FIELD_HINTS: Record<string, string> = {
  name: 'A connection name is 1 to 40 lowercase letters, digits and dashes, starting with a letter or digit.',
  colour: `A colour is one of ${CONNECTION_COLOURS.join(', ')}, or #rrggbb.`,
  features:
    'Features is a Foundry-Features header value such as HostedAgents=V1Preview: letters, digits, spaces and = , ; : . _ -',
};

function fieldHint(error: FastifyError): HttpError | undefined {
  if (error.validationContext !== 'body') return undefined;
  const field = error.validation?.[0]?.instancePath.split('/')[1];
  const hint = field === undefined ? undefined : FIELD_HINTS[field];
  return hint === undefined ? undefined : badRequest(hint, field);
}

/** The credential to use, made on first use: the default one loads a good deal that a test never needs. */
function credentialSource(given: TokenCredential | undefined): () => Promise<TokenCredential> {
  let credential: Promise<TokenCredential> | undefined = given && Promise.resolve(given);
  return () =>
    (credential ??= import('@azure/identity').then(
      ({ DefaultAzureCredential }) => new DefaultAzureCredential(),
    ));
}

/**
 * A browser names the site a request comes from. The gateway spends this machine's sign-in, so a page
 * elsewhere must not be able to make it act (cross-site request forgery); the console's own pages are
 * same-origin, and a tool that is no browser sends neither header.
 */
