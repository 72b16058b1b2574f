import type { AccessToken, TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { FOUNDRY_SCOPE, scrub, SignInError, TokenCache } from '../../src/gateway/token-cache';

const MINUTE = 60_000;

/** A credential whose answers the test hands out one by one, recording each scope it was asked for. */
function scripted() {
  const scopes: string[] = [];
  const waiting: { resolve: (t: AccessToken | null) => void; reject: (e: Error) => void }[] = [];
  const credential: TokenCredential = {
    getToken: (scope) => {
      scopes.push(String(scope));
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
  const next = async () => {
    while (waiting.length === 0) await new Promise((r) => setTimeout(r, 1));
    return waiting.shift()!;
  };
  return { credential, scopes, next };
}

function clock(start = 1_000_000_000_000) {
  const c = { now: start, read: () => c.now };
  return c;
}

describe('the token cache', () => {
  it('asks once for concurrent callers, for the Foundry scope', async () => {
    const { credential, scopes, next } = scripted();
    const time = clock();
    const cache = new TokenCache(async () => credential, FOUNDRY_SCOPE, time.read);
    const calls = Promise.all([cache.token(), cache.token(), cache.token()]);
    (await next()).resolve({ token: 'a', expiresOnTimestamp: time.now + 60 * MINUTE });
    expect(await calls).toEqual(['a', 'a', 'a']);
    expect(scopes).toEqual(['https://ai.azure.com/.default']);
  });

  it('keeps a token until five minutes before it expires, then renews it', async () => {
    const { credential, scopes, next } = scripted();
    const time = clock();
    const cache = new TokenCache(async () => credential, FOUNDRY_SCOPE, time.read);
    const first = cache.token();
    (await next()).resolve({ token: 'a', expiresOnTimestamp: time.now + 60 * MINUTE });
    expect(await first).toBe('a');
    time.now += 54 * MINUTE;
    expect(await cache.token()).toBe('a');
    time.now += 2 * MINUTE;
    const renewed = cache.token();
    (await next()).resolve({ token: 'b', expiresOnTimestamp: time.now + 60 * MINUTE });
    expect(await renewed).toBe('b');
    expect(scopes).toHaveLength(2);
  });

  it('renews when the credential says to, even with time left', async () => {
    const { credential, next } = scripted();
    const time = clock();
    const cache = new TokenCache(async () => credential, FOUNDRY_SCOPE, time.read);
    const first = cache.token();
    (await next()).resolve({
      token: 'a',
      expiresOnTimestamp: time.now + 60 * MINUTE,
      refreshAfterTimestamp: time.now + 10 * MINUTE,
    });
    await first;
    time.now += 11 * MINUTE;
    const renewed = cache.token();
    (await next()).resolve({ token: 'b', expiresOnTimestamp: time.now + 60 * MINUTE });
    expect(await renewed).toBe('b');
  });

  it('serves the held token while a renewal fails and it still has time, then says how to sign in', async () => {
    const { credential, next } = scripted();
    const time = clock();
    const cache = new TokenCache(async () => credential, FOUNDRY_SCOPE, time.read);
    const first = cache.token();
    (await next()).resolve({ token: 'a', expiresOnTimestamp: time.now + 60 * MINUTE });
    await first;
    time.now += 57 * MINUTE;
    const stillHeld = cache.token();
    (await next()).reject(new Error('network down'));
    expect(await stillHeld).toBe('a');
    time.now += 3 * MINUTE;
    const failed = cache.token();
    (await next()).reject(new Error('AzureCliCredential: Please run az login.'));
    const err = await failed.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInError);
    expect((err as Error).message).toMatch(
      /Sign in with `az login`.*Details: AzureCliCredential: Please run az login\./,
    );
  });

  it('treats a credential that gives nothing as a failed sign-in', async () => {
    const { credential, next } = scripted();
    const cache = new TokenCache(async () => credential);
    const failed = cache.token();
    (await next()).resolve(null);
    await expect(failed).rejects.toThrow(SignInError);
  });
});

describe('scrubbing identity errors', () => {
  it('takes out anything that looks like a credential', () => {
    const jwt = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL2FpLmF6dXJlLmNvbSJ9.sig-nature_x';
    const text = scrub(
      `failed with ${jwt}; Authorization: Bearer abc.def client_secret=hunter2-secret ` +
        `"refresh_token": "rt-value" key=${'Q'.repeat(40)} and a blob ${'Zm9v'.repeat(12)}`,
    );
    for (const secret of [jwt, 'abc.def', 'hunter2-secret', 'rt-value', 'Q'.repeat(40), 'Zm9v'.repeat(12)]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('failed with [redacted]');
  });

  it('keeps links to troubleshooting pages', () => {
    const link = 'https://aka.ms/azsdk/js/identity/environmentcredential/troubleshoot';
    expect(scrub(`EnvironmentCredential is unavailable. To troubleshoot, visit ${link}.`)).toContain(link);
  });

  it('keeps it short and on one line', () => {
    const text = scrub(`line one\n\n  line two ${'word '.repeat(300)}`);
    expect(text.startsWith('line one line two')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(601);
  });
});
