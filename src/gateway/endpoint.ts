import { FOUNDRY_ENDPOINT_FORM, FOUNDRY_ENDPOINT_PATTERN, LOCAL_ENDPOINT_PATTERN } from '@contract';
import { badRequest } from './errors';

const FOUNDRY = new RegExp(FOUNDRY_ENDPOINT_PATTERN, 'i');
// Tests (and anyone who runs a Foundry stand-in on this machine) reach a local TLS host; only with a flag.
const LOCAL = new RegExp(LOCAL_ENDPOINT_PATTERN, 'i');

const EXPECTED = FOUNDRY_ENDPOINT_FORM;

/**
 * The project endpoint `input` names, in one canonical spelling, or a 400 saying what is wrong with it.
 * Only the Foundry form passes (and, with `allowLocal`, an https endpoint on this machine), so a
 * connection can never point the gateway at an arbitrary host.
 */
export function parseEndpoint(input: string, allowLocal: boolean): string {
  const text = input.trim().replace(/\/$/, '');
  const foundry = FOUNDRY.exec(text);
  if (foundry) {
    return `https://${foundry[1]!.toLowerCase()}.services.ai.azure.com/api/projects/${foundry[2]!}`;
  }
  const local = LOCAL.exec(text);
  if (local && allowLocal) {
    return `https://${local[1]!.toLowerCase()}${local[2] ?? ''}/api/projects/${local[3]!}`;
  }
  throw badRequest(endpointProblem(text, local !== null), 'endpoint');
}

function endpointProblem(text: string, isLocal: boolean): string {
  if (isLocal) {
    return 'An endpoint on this machine is accepted only when the console was started with --allow-local-connections.';
  }
  if (/^http:\/\//i.test(text)) return `A Foundry project endpoint uses https: ${EXPECTED}.`;
  if (/^https:\/\/ai\.azure\.com\//i.test(text)) {
    return `That is a Foundry portal page, not a project endpoint. Copy the endpoint from the project's overview: ${EXPECTED}.`;
  }
  if (/[?#]/.test(text)) return `Give the project endpoint without a query or fragment: ${EXPECTED}.`;
  return `Not a Foundry project endpoint. Expected ${EXPECTED}.`;
}

/**
 * The upstream URL for `rawPath` (the request path after `/gateway/{name}`, exactly as it arrived, still
 * percent-encoded) and `rawQuery` (`?...` or empty) under `endpoint`. Anything that could leave the
 * endpoint's base path or change its authority is refused before any URL is built, and the built URL is
 * checked again, so a parser quirk cannot slip through either.
 */
export function upstreamUrl(endpoint: string, rawPath: string, rawQuery: string): URL {
  const problem = pathProblem(rawPath) ?? (rawQuery.includes('#') ? "a '#'" : undefined);
  if (problem) {
    throw badRequest(
      `The gateway forwards only paths under the connection's project endpoint; this one has ${problem}.`,
      'path',
    );
  }
  const base = new URL(endpoint);
  const target = new URL(endpoint + rawPath + rawQuery);
  if (
    target.origin !== base.origin ||
    target.username !== '' ||
    target.password !== '' ||
    target.pathname !== base.pathname + rawPath
  ) {
    throw badRequest(
      "The gateway forwards only paths under the connection's project endpoint; this one is not in a form it can forward unchanged.",
      'path',
    );
  }
  return target;
}

function pathProblem(rawPath: string): string | undefined {
  if (rawPath === '') return undefined;
  if (!rawPath.startsWith('/')) return 'no leading slash';
  // Spaces, control and non-ASCII characters are sent percent-encoded; raw, they have tricked parsers.
  if (/[^\x21-\x7e]/.test(rawPath)) return 'a character that must be percent-encoded';
  if (rawPath.includes('\\')) return 'a backslash';
  if (rawPath.includes('//')) return "an empty segment ('//')";
  if (rawPath.includes('@')) return "an '@'";
  const segments = rawPath.slice(1).split('/');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(segments[0] ?? '')) return 'a URL scheme';
  for (const segment of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'a malformed percent-encoding';
    }
    if (decoded === '.' || decoded === '..') return `a '${decoded}' segment`;
    if (decoded.includes('/') || decoded.includes('\\')) return 'an encoded slash or backslash';
    if (/\p{Cc}/u.test(decoded)) return 'an encoded control character';
    // Something decoding twice would see what a single decoding hides; no Foundry path needs a literal '%'.
    if (decoded.includes('%')) return 'a double percent-encoding';
  }
  return undefined;
}
