import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyError,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_VERSION, type ErrorBody } from '@contract';
import type { HostOptions } from './config';
import { createAccess, type Access } from '../server/access';
import { guardRequest, decodedPath } from '../server/guard';
import { signInRoutes } from '../server/sign-in';
import { failureOf, noteFailure } from '../server/errors';
import { HttpError, shuttingDown, unauthorized } from './errors';
import { pointerToParam } from './validation';
import { createHostContext, type HostContext } from './context';
import { registerOpenapi } from './openapi';
import agentsRoutes from './routes/agents';
import sessionsRoutes from './routes/sessions';
import filesRoutes from './routes/files';
import logsRoutes from './routes/logs';
import invocationsRoutes from './routes/invocations';

declare module 'fastify' {
  interface FastifyInstance {
    host: HostContext;
  }
}

export interface BuildOptions {
  /**
   * Where the server logs, as one JSON line an entry (the CLI logs at `--log-level`, `warn` by default;
   * tests keep quiet). Every answer of 500 or more is logged at `error` with the request id its client saw.
   */
  logger?: FastifyServerOptions['logger'];
  /**
   * Who may use the API. The CLI makes one for the host API and the gateway, so that a browser signed in
   * to one is signed in to both; by default, made from `options.token`.
   */
  access?: Access;
  /** A built SPA to serve at `/`; any other GET for a page falls back to its index.html. */
  uiDir?: string;
  /**
   * More routes on the same server, behind the same Host-header check (the CLI mounts the gateway here).
   * Passed in rather than imported, so the host does not depend on the gateway.
   */
  plugins?: FastifyPluginAsync[];
}

/**
 * Builds the local agent host as a Fastify app: the Foundry project API under `/api/projects/{project}`.
 * The caller listens and closes; closing ends every agent process.
 */
export async function buildHost(options: HostOptions, build: BuildOptions = {}) {
  const app = Fastify({
    logger: build.logger ?? false,
    // The longest path segment a route takes is a session id (up to 128 characters) with an action
    // (`:logstream`); the router's default of 100 refused ids that create accepts.
    routerOptions: { maxParamLength: 256 },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // A connection opened but never used (browsers and fetch open spares) would otherwise hold close() up.
    forceCloseConnections: true,
    // Slow clients. A whole request, body included, must arrive within 15 minutes: a 50 MiB upload passes
    // at 60 KB/s. Uploads also have a floor on their speed (HostOptions.uploadRateWindowSeconds).
    requestTimeout: 15 * 60_000,
    // A connection on which nothing moves either way for this long is closed (a client that stopped
    // reading a download, say). Longer than an invocation may wait for its agent and than a log stream
    // stays silent between heartbeats.
    connectionTimeout:
      Math.max(10 * 60, options.invokeTimeoutSeconds + 60, options.heartbeatSeconds + 60) * 1000,
    // An idle kept-alive connection is closed after this (Fastify's default, said here with the rest).
    keepAliveTimeout: 72_000,
    // Calls that come in while the server closes get the contract's JSON error (below), not Fastify's own.
    return503OnClosing: false,
    // A URL the router cannot decode (`%zz`) gets the same JSON error body as everything else.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      reply
        .status(400)
        .header('x-request-id', request.id)
        .send({ error: { code: 'invalid_request', message: `The URL cannot be read: ${error.message}` } });
    },
    // Uploads are streamed by the files routes; JSON bodies stay small.
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const access = build.access ?? createAccess(options.token);
  const ctx = await createHostContext(options, app.log);
  app.decorate('host', ctx);
  app.addHook('onClose', async () => ctx.close());
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  // Agents are told the project endpoint. An embedder that listens without naming one (tests do) still
  // owes them a real one: the address it listens on.
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (options.projectEndpoint !== undefined || !address || typeof address === 'string') return;
    const host =
      address.address === '0.0.0.0' || address.address === '::'
        ? '127.0.0.1'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
    options.projectEndpoint = `http://${host}:${address.port}/api/projects/${options.project}`;
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) throw shuttingDown('The host is shutting down; send the request again once it is back.');
    guardRequest(request, options.allowedHosts);
  });

  // One line for every answer of 500 or more, whichever part gave it (the gateway answers upstream
  // failures itself): the request id its client saw, the route, and what failed; never a body.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 500) return;
    const err = failureOf(request);
    request.log.error(
      {
        method: request.method,
        route: request.routeOptions.url ?? decodedPath(request.url)?.slice(0, 200),
        status: reply.statusCode,
        ...(err && { err }),
      },
      'request failed',
    );
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const body = errorBody(error);
    const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
    if (status >= 500) noteFailure(request, error);
    reply.status(status).send(body);
  });

  if (build.uiDir) {
    await app.register(fastifyStatic, {
      root: build.uiDir,
      // Looked up per request rather than listed at start, so a rebuild while running is served too.
      wildcard: true,
      // Hashed asset names never change content; the page itself must always be asked for again.
      setHeaders: (res, file) =>
        res.setHeader(
          'cache-control',
          file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        ),
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const route = decodedPath(request.url) ?? '';
    const isPage = request.method === 'GET' && !route.startsWith('/api/') && !route.startsWith('/gateway/');
    if (build.uiDir && isPage && (request.headers.accept ?? '').includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    reply.status(404).send({
      error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` },
    } satisfies ErrorBody);
  });

  await app.register(
    async (api) => {
      // Body-less POSTs (create a session, stop, enable) may still be labelled JSON; an empty body is no body.
      const json = api.getDefaultJsonParser('error', 'error');
      api.removeContentTypeParser('application/json');
      api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
        if (body.length === 0) done(null, undefined);
        else json(request, body.toString(), done);
      });
      api.addHook('onRequest', async (request) => {
        if (!access.allows(request.headers)) throw unauthorized();
        const version = (request.query as Record<string, unknown>)['api-version'];
        if (version !== API_VERSION && !(version === undefined && request.routeOptions.config.versionless)) {
          throw new HttpError(
            400,
            'invalid_request',
            version === undefined
              ? `The api-version query parameter is required; use '${API_VERSION}'.`
              : `Unsupported api-version '${String(version)}'; use '${API_VERSION}'.`,
            'api-version',
          );
        }
      });
      await registerOpenapi(api, options);
      await api.register(agentsRoutes);
      await api.register(sessionsRoutes);
      await api.register(filesRoutes);
      await api.register(logsRoutes);
      await api.register(invocationsRoutes);
    },
    { prefix: `/api/projects/${options.project}` },
  );
  await app.register(signInRoutes(access));

  for (const plugin of build.plugins ?? []) await app.register(plugin);

  return app;
}

export type HostServer = Awaited<ReturnType<typeof buildHost>>;

function errorBody(error: FastifyError | HttpError): ErrorBody {
  if (error instanceof HttpError) {
    return {
      error: { code: error.code, message: error.message, ...(error.param && { param: error.param }) },
    };
  }
  const status = error.statusCode ?? 500;
  if (error.validation) {
    const first = error.validation[0];
    // A missing or unexpected member is reported on its parent; the param names the member itself.
    const params = first?.params as { missingProperty?: string; additionalProperty?: string } | undefined;
    const member = params?.missingProperty ?? params?.additionalProperty;
    const param = pointerToParam((first?.instancePath ?? '') + (member !== undefined ? `/${member}` : ''));
    const where = error.validationContext === 'querystring' ? 'query parameter' : 'field';
    const message = params?.missingProperty
      ? `The ${where} '${param}' is required.`
      : params?.additionalProperty
        ? `The ${where} '${param}' is not allowed here.`
        : param
          ? `The ${where} '${param}' ${first?.message ?? 'is not valid'}.`
          : `The ${error.validationContext ?? 'request'} ${first?.message ?? 'is not valid'}.`;
    return { error: { code: 'invalid_request', message, ...(param && { param }) } };
  }
  if (status === 413) return { error: { code: 'payload_too_large', message: error.message } };
  if (status < 500)
    return { error: { code: status === 404 ? 'not_found' : 'invalid_request', message: error.message } };
  return { error: { code: 'internal_error', message: 'The server failed to handle this request.' } };
}
