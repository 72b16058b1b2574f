import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors';

/**
 * The checks every request to this server passes first, whichever part answers it (host API, gateway,
 * console API, pages): the Host header names this server (no DNS rebinding), and a page of another site
 * cannot make a browser act here (cross-site request forgery).
 *
 * The cross-site rule decides on the method and on the route the router matched, never on the raw URL:
 * the router decodes `%61pi` to `api`, so a prefix test on `request.url` can be walked around. Every
 * method but GET and HEAD is refused from another site whatever it names, a route or none. Reading
 * stays open (a browser does not let the other site read the answer), except through the gateway,
 * whose every call spends this machine's Azure sign-in.
 */
export function guardRequest(request: FastifyRequest, allowedHosts: readonly string[]): void {
  if (!hostHeaderAllowed(request.headers.host, allowedHosts)) {
    throw new HttpError(
      400,
      'invalid_request',
      'The Host header names a host this server does not answer for.',
    );
  }
  const reads = request.method === 'GET' || request.method === 'HEAD';
  if ((!reads || spendsSignIn(request)) && crossSite(request.headers)) {
    throw new HttpError(
      403,
      'cross_site_request',
      'This server acts only for the pages it serves itself; a request from another site was refused.',
    );
  }
}

/** The gateway's routes, by the route matched or, for a URL that matched none, by its decoded path. */
function spendsSignIn(request: FastifyRequest): boolean {
  const route = request.routeOptions.url ?? decodedPath(request.url);
  return route === undefined || route.startsWith('/gateway/');
}

/** The path as the router reads it; undefined when it cannot be decoded (then nothing is assumed safe). */
export function decodedPath(url: string): string | undefined {
  const query = url.indexOf('?');
  try {
    return decodeURIComponent(query === -1 ? url : url.slice(0, query));
  } catch {
    return undefined;
  }
}

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

function hostHeaderAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (!header) return false;
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!;
  return ['localhost', '127.0.0.1', '[::1]', ...allowed].includes(name.toLowerCase());
}
