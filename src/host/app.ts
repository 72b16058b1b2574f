import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import Fastify, { type FastifyError, type FastifyPluginAsync, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_VERSION, type ErrorBody } from '../contract';
import type { HostOptions } from './config';
import { accessCheck } from './access';
import { HttpError, unauthorized } from './errors';
import { pointerToParam } from './validation';
import { createHostContext, type HostContext } from './context';
import agentsRoutes from './routes/agents';
import sessionsRoutes from './routes/sessions';
import filesRoutes from './routes/files';
import logsRoutes from './routes/logs';
import invocationsRoutes from './routes/invocations';
import { signInRoutes } from './routes/sign-in';

declare module 'fastify' {
  interface FastifyInstance {
    host: HostContext;
  }
}

export interface BuildOptions {
  /** Log requests (the CLI turns this on; tests keep quiet). */
  logger?: boolean;
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
    logger: build.logger ? { level: 'info' } : false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // A connection opened but never used (browsers and fetch open spares) would otherwise hold close() up.
    forceCloseConnections: true,
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

  const ctx = await createHostContext(options, app.log);
  app.decorate('host', ctx);
  app.addHook('onClose', async () => ctx.close());

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
    if (!hostHeaderAllowed(request.headers.host, options.allowedHosts)) {
      throw new HttpError(
        400,
        'invalid_request',
        'The Host header names a host this server does not answer for.',
      );
    }
    // A page on another site can make a browser send simple requests here (a form POST, say). What
    // changes sessions, or spends this machine's Azure sign-in through the gateway, must come from the
    // console's own pages; pages themselves may be linked to from anywhere.
    const changes = request.method !== 'GET' && request.method !== 'HEAD';
    const guarded = request.url.startsWith('/gateway/') || (changes && request.url.startsWith('/api/'));
    if (guarded && crossSite(request.headers)) {
      throw new HttpError(
        403,
        'cross_site_request',
        'This server acts only for the pages it serves itself; a request from another site was refused.',
      );
    }
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const body = errorBody(error);
    const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
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
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/gateway/');
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
      const hasAccess = accessCheck(options.token);
      api.addHook('onRequest', async (request) => {
        if (!hasAccess(request.headers)) throw unauthorized();
        const version = (request.query as Record<string, unknown>)['api-version'];
        if (version !== API_VERSION) {
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
      await api.register(agentsRoutes);
      await api.register(sessionsRoutes);
      await api.register(filesRoutes);
      await api.register(logsRoutes);
      await api.register(invocationsRoutes);
    },
    { prefix: `/api/projects/${options.project}` },
  );
  await app.register(signInRoutes(options.token));

  for (const plugin of build.plugins ?? []) await app.register(plugin);

  return app;
}

export type HostServer = Awaited<ReturnType<typeof buildHost>>;

/** Whether a browser says the request came from a page of another origin. Non-browser clients say nothing. */
function crossSite(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== headers.host;
  } catch {
    return true;
  }
}

function hostHeaderAllowed(header: string | undefined, allowed: string[]): boolean {
  if (!header) return false;
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!;
  return ['localhost', '127.0.0.1', '[::1]', ...allowed].includes(name.toLowerCase());
}

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
