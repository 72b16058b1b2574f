import { describe, expect, it } from 'vitest';
import { FOUNDRY_ENDPOINT_PATTERN } from '@contract';
import { parseEndpoint, upstreamUrl } from '../../src/gateway/endpoint';

describe('project endpoints', () => {
  it('accepts the Foundry form in one canonical spelling', () => {
    const endpoint = parseEndpoint(
      '  https://My-Account.services.ai.azure.com/api/projects/proj_1.b/ ',
      false,
    );
    expect(endpoint).toBe('https://my-account.services.ai.azure.com/api/projects/proj_1.b');
    // The contract's pattern (which the console checks as you type) agrees with the server.
    expect(new RegExp(FOUNDRY_ENDPOINT_PATTERN).test(endpoint)).toBe(true);
  });

  it('accepts an https endpoint on this machine only when allowed', () => {
    expect(parseEndpoint('https://127.0.0.1:8443/api/projects/local', true)).toBe(
      'https://127.0.0.1:8443/api/projects/local',
    );
    expect(parseEndpoint('https://LOCALHOST/api/projects/p', true)).toBe('https://localhost/api/projects/p');
    expect(() => parseEndpoint('https://127.0.0.1:8443/api/projects/local', false)).toThrow(
      '--allow-local-connections',
    );
    expect(() => parseEndpoint('http://127.0.0.1:8443/api/projects/local', true)).toThrow();
    expect(() => parseEndpoint('https://10.0.0.1:8443/api/projects/local', true)).toThrow();
  });
});

describe('upstream URLs', () => {
  const endpoint = 'https://acct.services.ai.azure.com/api/projects/p';

  it('appends the path and query as they came', () => {
    expect(
      upstreamUrl(endpoint, '/agents/a/endpoint/sessions/s-1:stop', '?api-version=v1&path=a%20b').href,
    ).toBe(
      'https://acct.services.ai.azure.com/api/projects/p/agents/a/endpoint/sessions/s-1:stop?api-version=v1&path=a%20b',
    );
    expect(upstreamUrl(endpoint, '', '?api-version=v1').href).toBe(`${endpoint}?api-version=v1`);
  });

  it.each([
    ['agents', 'no leading slash'],
    ['/a/../b', "a '..' segment"],
    ['/a/%2E%2e', "a '..' segment"],
    ['/a/%2e', "a '.' segment"],
    ['/a%2Fb', 'an encoded slash'],
    ['/a%5Cb', 'an encoded slash'],
    ['/a\\b', 'a backslash'],
    ['//evil.example/x', "an empty segment ('//')"],
    ['/@evil.example', "an '@'"],
    ['/https:evil.example', 'a URL scheme'],
    ['/a%252e', 'a double percent-encoding'],
    ['/a%0d%0aX: y', 'a character that must be percent-encoded'],
    ['/a%0d%0aX:y', 'an encoded control character'],
    ['/caf\u00e9', 'a character that must be percent-encoded'],
  ])('refuses %j (%s)', (rawPath, problem) => {
    expect(() => upstreamUrl(endpoint, rawPath, '')).toThrow(problem);
  });

  it('refuses a fragment in the query', () => {
    expect(() => upstreamUrl(endpoint, '/agents', '?a=1#frag')).toThrow("a '#'");
  });
});
