import { pipeline } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { LOCAL_CONNECTION } from '@contract';
import { gatewayError } from './errors';
import { upstreamUrl } from './endpoint';
import type { ConnectionStore } from './connections-store';
import { SignInError, type TokenCache } from './token-cache';
import { forwardedRequestHeaders, hasBody, passedResponseHeaders, type Upstream } from './upstream';

const GATEWAY_PREFIX = '/gateway/';

const USER_AGENT = 'agent-sessions-console-gateway';

export interface ProxyContext {
  store: ConnectionStore;
  upstream: Upstream;
  tokens: TokenCache;
}

/**
 * `/gateway/{connection}/...` → `{endpoint}/...`: method, path, query, the headers that matter and the body,
 * streamed both ways, with a bearer token added. Answers come back as they are, errors included.
 */
export function proxy({ store, upstream, tokens }: ProxyContext): FastifyPluginAsync {
  return async (app) => {
    // Bodies go upstream as they arrive: no parser reads them, so no body limit applies here (Foundry has its own).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));

    app.all(`${GATEWAY_PREFIX}*`, async (request, reply) => {
      // The path as it arrived, still encoded: a decoded one would already have lost what makes it unsafe.
      // The router matched `/gateway/` after decoding, so the prefix may have come encoded (`/%67ateway/`):
      // what follows it starts after the first segment, whatever its spelling; the name is decoded.
      const raw = request.raw.url ?? '';
      const target = raw.slice(raw.indexOf('/', 1) + 1);
      const nameEnd = target.search(/[/?]/);
      const name = decodeSafely(nameEnd === -1 ? target : target.slice(0, nameEnd));
      const rest = nameEnd === -1 ? '' : target.slice(nameEnd);
      const queryStart = rest.indexOf('?');
      const rawPath = queryStart === -1 ? rest : rest.slice(0, queryStart);
      const rawQuery = queryStart === -1 ? '' : rest.slice(queryStart);

      const connection = store.get(name);
      if (!connection) {
        throw gatewayError(
          404,
          'not_found',
          name === LOCAL_CONNECTION
            ? `The local host is not reached through the gateway; its project endpoint is this server's /api/projects/${LOCAL_CONNECTION}.`
            : `There is no connection named '${name.slice(0, 80)}'. Add it in Settings first.`,
        );
      }
      const url = upstreamUrl(connection.endpoint, rawPath, rawQuery);

      let token: string;
      try {
        token = await tokens.token();
      } catch (err) {
        if (err instanceof SignInError) throw gatewayError(503, 'gateway_auth_failed', err.message);
        throw err;
      }

      // The browser going away (a closed log view, a cancelled upload) ends the upstream call too.
      const abort = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      const { request: upstreamRequest, response } = await upstream.send({
        url,
        method: request.method,
        headers: {
          ...forwardedRequestHeaders(request.headers),
          'user-agent': USER_AGENT,
          authorization: `Bearer ${token}`,
          ...(connection.features && { 'foundry-features': connection.features }),
        },
        ...(hasBody(request.headers) && { body: request.raw }),
        signal: abort.signal,
      });

      const status = response.statusCode ?? 502;
      if (status >= 300 && status < 400 && status !== 304) {
        response.destroy();
        throw gatewayError(
          502,
          'gateway_redirect_refused',
          `${url.host} answered ${status} with a redirect${redirectTarget(response.headers.location)}; ` +
            "the gateway never follows redirects. Check the connection's endpoint.",
        );
      }

      const headers = passedResponseHeaders(response.headers);
      headers['x-request-id'] ??= request.id;
      const eventStream = /^text\/event-stream\b/i.test(response.headers['content-type'] ?? '');
      if (eventStream) {
        // A log stream may be quiet for minutes; it ends when either side closes it, not on a timer.
        upstreamRequest.setTimeout(0);
        headers['cache-control'] ??= 'no-cache';
        // Proxies in front of the console (nginx and friends) would otherwise hold frames back.
        headers['x-accel-buffering'] = 'no';
      }

      // From here the answer is written by hand, as the upstream sends it.
      reply.hijack();
      const res = reply.raw;
      res.writeHead(status, headers);
      if (eventStream) res.flushHeaders();
      pipeline(response, res, (err) => {
        // The upstream dropped mid-body, or the browser left: the other side must see a break, not an end.
        if (err) {
          res.destroy();
          upstreamRequest.destroy();
        }
      });
    });
  };
}

function redirectTarget(location: string | undefined): string {
  if (!location) return '';
  try {
    return ` to ${new URL(location).origin}`;
  } catch {
    return '';
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
