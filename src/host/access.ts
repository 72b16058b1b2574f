import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The cookie a browser gets by signing in with the server's `--token` (`POST /api/console/sign-in`):
 * the console cannot put a header on a download link, an image preview or a page load, but the browser
 * sends this cookie with all of them. HttpOnly (no script reads it) and SameSite=Strict (no other site's
 * page makes the browser send it); its value is derived from the token, never the token itself.
 */
export const ACCESS_COOKIE = 'console_access';

/** What a request refused by `accessCheck` is told, by the host API and the gateway alike. */
export const SIGN_IN_REQUIRED =
  'A valid bearer token is required (or, in a browser, signing in with it in the console’s Settings).';

function accessCookieValue(token: string): string {
  return createHash('sha256').update(`agent-sessions-console access\n${token}`).digest('base64url');
}

/** The Set-Cookie value that signs a browser in, or (without a token) out. */
export function accessCookie(token: string | undefined): string {
  const attributes = 'Path=/; HttpOnly; SameSite=Strict';
  return token === undefined
    ? `${ACCESS_COOKIE}=; ${attributes}; Max-Age=0`
    : `${ACCESS_COOKIE}=${accessCookieValue(token)}; ${attributes}`;
}

/**
 * Whether a request may use the API: no token is required, or it shows the token or the signed-in
 * cookie. What a request is compared with is worked out once, here, not on every request.
 */
export function accessCheck(token: string | undefined): (headers: IncomingHttpHeaders) => boolean {
  if (token === undefined) return () => true;
  const bearer = digest(`Bearer ${token}`);
  const cookie = digest(accessCookieValue(token));
  return (headers) => {
    if (headers.authorization !== undefined && timingSafeEqual(digest(headers.authorization), bearer)) {
      return true;
    }
    const given = readCookie(headers.cookie, ACCESS_COOKIE);
    return given !== undefined && timingSafeEqual(digest(given), cookie);
  };
}

/**
 * Compared in constant time, so how long a refusal takes says nothing about how close a guess was
 * (digests first: they have the same length whatever was given).
 */
export function sameText(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
