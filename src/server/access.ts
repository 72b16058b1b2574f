import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The cookie a browser gets by signing in with the server's `--token` (`POST /api/console/sign-in`):
 * the console cannot put a header on a download link, an image preview or a page load, but the browser
 * sends this cookie with all of them. HttpOnly (no script reads it) and SameSite=Strict (no other site's
 * page makes the browser send it). Its value is a random sign-in id this server keeps in memory, so
 * signing out or restarting the server ends it; it says nothing about the token.
 */
const ACCESS_COOKIE = 'console_access';

/** What a request refused for want of the token is told, by the host API and the gateway alike. */
export const SIGN_IN_REQUIRED =
  'A valid bearer token is required (or, in a browser, signing in with it in the console’s Settings).';

export interface AccessLimits {
  /** Longest a browser stays signed in, however busy (default 12 hours). */
  signInLifetimeMs: number;
  /** Wrong tokens a client may try before it has to wait (default 5). */
  freeFailures: number;
  /** The first wait after those; each further wrong token doubles it, up to `maxDelayMs` (default 1 s). */
  firstDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_LIMITS: AccessLimits = {
  signInLifetimeMs: 12 * 3600_000,
  freeFailures: 5,
  firstDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
};

/** Signed-in browsers kept at most; past that the oldest sign-in ends first. */
const MAX_SIGN_INS = 10_000;
/** Clients whose failures are remembered at most; a flood of addresses cannot grow the map without end. */
const MAX_CLIENTS = 10_000;

export type SignInResult =
  | { ok: true; setCookie: string }
  | { ok: false; reason: 'wrong_token' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export interface Access {
  /** Whether the server was started with a token at all. */
  readonly required: boolean;
  /** Whether a request may use the API: it shows the token (any case of `Bearer`) or a live sign-in cookie. */
  allows(headers: IncomingHttpHeaders): boolean;
  /** Checks a token a browser offers; `client` (its address) is who gets slowed down after repeated failures. */
  signIn(token: string, client: string): SignInResult;
  /** Ends the sign-in the request's cookie names, and returns the Set-Cookie value that clears it. */
  signOut(headers: IncomingHttpHeaders): string;
}

/** Access to the API of a server started with `token` (or without one: then everything is open). */
export function createAccess(token: string | undefined, limits: Partial<AccessLimits> = {}): Access {
  const { signInLifetimeMs, freeFailures, firstDelayMs, maxDelayMs } = { ...DEFAULT_LIMITS, ...limits };
  const attributes = 'Path=/; HttpOnly; SameSite=Strict';
  const clearCookie = `${ACCESS_COOKIE}=; ${attributes}; Max-Age=0`;
  if (token === undefined) {
    return {
      required: false,
      allows: () => true,
      signIn: () => ({ ok: true, setCookie: clearCookie }),
      signOut: () => clearCookie,
    };
  }

  const expected = digest(token);
  /** Sign-in id -> when it ends. A Map keeps insertion order, so the first entry is the oldest. */
  const signIns = new Map<string, number>();
  const failures = new Map<string, { count: number; until: number }>();

  const bearerToken = (header: string | undefined) => {
    const match = header === undefined ? null : /^bearer +(.+)$/i.exec(header.trim());
    return match?.[1];
  };
  const liveSignIn = (headers: IncomingHttpHeaders) => {
    const id = readCookie(headers.cookie, ACCESS_COOKIE);
    if (id === undefined) return undefined;
    const ends = signIns.get(id);
    if (ends === undefined) return undefined;
    if (ends <= Date.now()) {
      signIns.delete(id);
      return undefined;
    }
    return id;
  };

  return {
    required: true,
    allows(headers) {
      const given = bearerToken(headers.authorization);
      if (given !== undefined && timingSafeEqual(digest(given), expected)) return true;
      return liveSignIn(headers) !== undefined;
    },
    signIn(offered, client) {
      const now = Date.now();
      const record = failures.get(client);
      if (record && record.until > now) {
        return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil((record.until - now) / 1000) };
      }
      if (!timingSafeEqual(digest(offered), expected)) {
        const count = (record?.count ?? 0) + 1;
        const over = count - freeFailures;
        const until = over > 0 ? now + Math.min(maxDelayMs, firstDelayMs * 2 ** (over - 1)) : 0;
        failures.delete(client);
        failures.set(client, { count, until });
        if (failures.size > MAX_CLIENTS) failures.delete(failures.keys().next().value!);
        return { ok: false, reason: 'wrong_token' };
      }
      failures.delete(client);
      const id = randomBytes(32).toString('base64url');
      signIns.set(id, now + signInLifetimeMs);
      if (signIns.size > MAX_SIGN_INS) signIns.delete(signIns.keys().next().value!);
      return { ok: true, setCookie: `${ACCESS_COOKIE}=${id}; ${attributes}` };
    },
    signOut(headers) {
      const id = readCookie(headers.cookie, ACCESS_COOKIE);
      if (id !== undefined) signIns.delete(id);
      return clearCookie;
    },
  };
}

/**
 * Compared as digests in constant time, so how long a refusal takes says nothing about how close a guess
 * was (digests have the same length whatever was given).
 */
const digest = (text: string) => createHash('sha256').update(text).digest();

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
