import { describe, expect, it } from 'vitest';
import { checkFacts, checkTitle } from '../../src/web/features/connections/model/check-outcome';
import {
  EMPTY_DRAFT,
  draftField,
  normalizeEndpoint,
  toCreateBody,
  validateApiVersion,
  validateDraft,
  validateEndpoint,
  validateFeatures,
  validateIsolationKey,
  validateName,
} from '../../src/web/features/connections/model/connection-draft';

const ENDPOINT = 'https://contoso.services.ai.azure.com/api/projects/support';

describe('the name, checked as it is typed', () => {
  it('takes short lowercase slugs', () => {
    expect(validateName('prod')).toBeUndefined();
    expect(validateName('support-eu-2')).toBeUndefined();
    expect(validateName('9lives')).toBeUndefined();
  });

  it('says what is wrong with anything else', () => {
    expect(validateName('')).toMatch(/Enter a name/);
    expect(validateName('Prod')).toMatch(/Lowercase only/);
    expect(validateName('-prod')).toMatch(/Start with a letter or a digit/);
    expect(validateName('my prod')).toMatch(/letters, digits and dashes only/);
    expect(validateName('a'.repeat(41))).toMatch(/At most 40 characters, 41 so far/);
  });

  it('refuses local and names already taken before the server is asked', () => {
    expect(validateName('local')).toMatch(/built-in local host/);
    expect(validateName('prod', ['local', 'prod'])).toMatch(/already a connection named prod/);
  });
});

describe('the endpoint, checked as it is typed', () => {
  it('takes the Foundry project form, in any case, with a trailing slash', () => {
    expect(validateEndpoint(ENDPOINT)).toBeUndefined();
    expect(validateEndpoint('https://Contoso.services.ai.azure.com/api/projects/Support/')).toBeUndefined();
    expect(validateEndpoint(`  ${ENDPOINT}  `)).toBeUndefined();
  });

  it('leaves an https endpoint on this machine to the server, which accepts it only when allowed', () => {
    expect(validateEndpoint('https://127.0.0.1:8443/api/projects/local')).toBeUndefined();
    expect(validateEndpoint('https://localhost/api/projects/p')).toBeUndefined();
  });

  it('names the usual mistakes', () => {
    expect(validateEndpoint('')).toMatch(/project's overview/);
    expect(validateEndpoint('http://contoso.services.ai.azure.com/api/projects/support')).toMatch(
      /uses https/,
    );
    expect(validateEndpoint('https://ai.azure.com/build/overview?wsid=x')).toMatch(/portal page/);
    expect(validateEndpoint(`${ENDPOINT}?api-version=v1`)).toMatch(/query and fragment/);
    expect(validateEndpoint('https://contoso.services.ai.azure.com')).toMatch(/Add the project/);
    expect(validateEndpoint('https://contoso.openai.azure.com/')).toMatch(/resource endpoint/);
    expect(validateEndpoint('https://example.com/api/projects/p')).toMatch(/Not a Foundry project endpoint/);
    expect(validateEndpoint('https://contoso.services.ai.azure.com/api/projects/a b')).toMatch(/spaces/);
  });

  it('drops the spaces and trailing slash a pasted URL brings', () => {
    expect(normalizeEndpoint(` ${ENDPOINT}// `)).toBe(ENDPOINT);
  });
});

describe('Foundry-Features', () => {
  it('is optional and a header value', () => {
    expect(validateFeatures('')).toBeUndefined();
    expect(validateFeatures('HostedAgents=V1Preview')).toBeUndefined();
    expect(validateFeatures('A=1, B=2; c:d')).toBeUndefined();
    expect(validateFeatures('bad\nheader')).toMatch(/Foundry-Features value/);
    expect(validateFeatures('=starts-badly')).toMatch(/Foundry-Features value/);
  });
});

describe('the request body', () => {
  it('sends only what was chosen, and force only when asked', () => {
    const draft = { ...EMPTY_DRAFT, name: 'prod', endpoint: `${ENDPOINT}/` };
    expect(toCreateBody(draft)).toEqual({ name: 'prod', endpoint: ENDPOINT });
    expect(
      toCreateBody({ ...draft, colour: 'red', production: true, features: ' HostedAgents=V1Preview ' }, true),
    ).toEqual({
      name: 'prod',
      endpoint: ENDPOINT,
      colour: 'red',
      production: true,
      features: 'HostedAgents=V1Preview',
      force: true,
    });
  });

  it('reports every invalid field at once, and maps a server param to its field', () => {
    expect(validateDraft(EMPTY_DRAFT)).toEqual({
      name: expect.any(String),
      endpoint: expect.any(String),
    });
    expect(validateDraft({ ...EMPTY_DRAFT, name: 'ok', endpoint: ENDPOINT })).toEqual({});
    expect(draftField('endpoint')).toBe('endpoint');
    expect(draftField('colour')).toBeUndefined();
    expect(draftField(undefined)).toBeUndefined();
  });
});

describe('request settings', () => {
  it('checks the api-version and the isolation key', () => {
    expect(validateApiVersion('v1')).toBeUndefined();
    expect(validateApiVersion('')).toBeDefined();
    expect(validateApiVersion('v 1')).toBeDefined();
    expect(validateIsolationKey('')).toBeUndefined();
    expect(validateIsolationKey('tenant-42')).toBeUndefined();
    expect(validateIsolationKey('clé')).toMatch(/ASCII/);
    expect(validateIsolationKey(' k')).toMatch(/spaces/);
  });
});

describe('a check in words', () => {
  it('titles every outcome and quotes status and request id', () => {
    expect(checkTitle({ outcome: 'ok' })).toBe('Connection OK');
    expect(checkTitle({ outcome: 'unauthorized' })).toBe('Foundry refused the sign-in token');
    expect(checkTitle({ outcome: 'sign_in_failed' })).toBe('Cannot sign in to Azure');
    expect(checkTitle({ outcome: 'not_a_project' })).toBe('Not a Foundry project endpoint');
    expect(
      checkFacts({ ok: false, outcome: 'forbidden', message: 'm', status: 403, request_id: 'r-1' }),
    ).toBe('HTTP 403 · request id r-1');
    expect(checkFacts({ ok: false, outcome: 'unreachable', message: 'm' })).toBeUndefined();
  });
});
