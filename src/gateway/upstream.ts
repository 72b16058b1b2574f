import https from 'node:https';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import type { HttpError } from '../server/errors';
import { gatewayError } from './errors';

export interface UpstreamOptions {
  /** PEM certificates to trust besides the system's (tests trust their throwaway certificate this way). */
  extraCa?: string[];
  /** How long connecting, TLS included, may take. */
  connectTimeoutMs: number;
  /** How long the upstream may stay silent: before it answers, and mid-body (never on an event stream). */
  idleTimeoutMs: number;
}

/** Request headers a browser sends that Foundry needs; cookies, the browser's own auth, Host, Origin and Referer stay here. */
const REQUEST_HEADERS = [
  'accept',
  'content-type',
  'content-length',
  'last-event-id',
  'x-session-isolation-key',
  'x-ms-client-request-id',
  'if-match',
  'if-none-match',
];

/** Response headers passed back; the rest (cookies, CORS, server internals) stay upstream. */
const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'content-encoding',
  'x-content-type-options',
  'etag',
  'last-modified',
  'cache-control',
  'retry-after',
  'x-request-id',
  'apim-request-id',
  'x-ms-request-id',
  'x-ms-client-request-id',
];

export interface UpstreamCall {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  /** Streamed as it arrives; absent for a call without a body. */
  body?: Readable;
  signal?: AbortSignal;
  /** A shorter silence to wait out than the configured one (a check should not keep someone waiting). */
  idleTimeoutMs?: number;
}

export interface UpstreamAnswer {
  request: ClientRequest;
  response: IncomingMessage;
}

/**
 * Sends calls to project endpoints over https. Redirects are never followed (node:https does not), a
 * connection that does not come up or an upstream that says nothing is a 504, and nothing is buffered.
 */
export class Upstream {
  private readonly agent: https.Agent;

  constructor(private readonly options: UpstreamOptions) {
    this.agent = new https.Agent({
      keepAlive: true,
      // A pooled connection idle this long is closed here first, before a server's idle timeout can close
      // it under the next request.
      timeout: 30_000,
      // Without `ca` Node trusts its bundled roots (and NODE_EXTRA_CA_CERTS); with it, only what is listed.
      ...(options.extraCa?.length && { ca: [...tls.rootCertificates, ...options.extraCa] }),
    });
  }

  /** Resolves once the response head is in; the caller reads (or destroys) the body. */
  send(call: UpstreamCall): Promise<UpstreamAnswer> {
    const { connectTimeoutMs } = this.options;
    const idleTimeoutMs = Math.min(call.idleTimeoutMs ?? Infinity, this.options.idleTimeoutMs);
    const host = call.url.host;
    return new Promise((resolve, reject) => {
      const request = https.request(call.url, {
        method: call.method,
        headers: call.headers,
        agent: this.agent,
        ...(call.signal && { signal: call.signal }),
      });
      let settled = false;
      const fail = (error: HttpError) => {
        clearTimeout(connectTimer);
        if (!settled) {
          settled = true;
          reject(error);
        }
        request.destroy();
      };
      const connectTimer = setTimeout(
        () =>
          fail(
            gatewayError(
              504,
              'gateway_timeout',
              `${host} did not accept a connection within ${seconds(connectTimeoutMs)}.`,
            ),
          ),
        connectTimeoutMs,
      );
      request.on('socket', (socket) => {
        if (request.reusedSocket) clearTimeout(connectTimer);
        else socket.once('secureConnect', () => clearTimeout(connectTimer));
      });
      request.setTimeout(idleTimeoutMs, () =>
        fail(
          gatewayError(
            504,
            'gateway_timeout',
            settled
              ? `${host} stopped sending for ${seconds(idleTimeoutMs)}.`
              : `${host} did not answer within ${seconds(idleTimeoutMs)}.`,
          ),
        ),
      );
      request.on('error', (err: NodeJS.ErrnoException) => fail(unreachable(host, err)));
      request.on('response', (response) => {
        clearTimeout(connectTimer);
        settled = true;
        resolve({ request, response });
      });
      if (call.body) {
        // pipe, not pipeline: an upstream that answers before reading the whole body (a 413, a 401) must
        // not tear down the browser's request before that answer is passed back.
        call.body.pipe(request);
      } else {
        request.end();
      }
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The browser's request headers worth forwarding, lower-cased. */
export function forwardedRequestHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name of REQUEST_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The upstream response headers worth passing back. */
export function passedResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name of RESPONSE_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Whether the browser is sending a body (a length above zero, or chunks). */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

const seconds = (ms: number) => `${ms / 1000} s`;

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_)/;

function unreachable(host: string, err: NodeJS.ErrnoException): HttpError {
  const code = err.code ?? '';
  const message =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `The name ${host} could not be resolved; check the endpoint and this machine's network.`
      : code === 'ECONNREFUSED'
        ? `${host} refused the connection.`
        : code === 'ECONNRESET' || err.message === 'socket hang up'
          ? `The connection to ${host} dropped before it answered.`
          : TLS_CODES.test(code)
            ? `The TLS connection to ${host} failed (${code}): its certificate is not one this machine trusts for that name.`
            : `${host} could not be reached (${code || err.message}).`;
  return gatewayError(502, 'gateway_unreachable', message);
}
