// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@contract';
import { failedCheck } from '../../src/web/features/connections/api/connection-mutations';
import { settingsFor } from '../../src/web/features/connections/api/apply-connection';
import { ApiError } from '../../src/web/lib/api-client';
import { describeApiError } from '../../src/web/lib/error-text';
import {
  DEFAULT_SETTINGS,
  connectionOfEndpoint,
  getSettings,
  isGatewayEndpoint,
  saveSettings,
} from '../../src/web/lib/settings';

const prod: Connection = {
  name: 'prod',
  kind: 'foundry',
  endpoint: 'https://contoso.services.ai.azure.com/api/projects/support',
  api_base: '/gateway/prod',
  production: true,
  colour: 'red',
};

afterEach(() => {
  saveSettings(DEFAULT_SETTINGS);
  localStorage.clear();
});

describe('the connection in the settings', () => {
  it('starts on the local host', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ connection: 'local', endpoint: '/api/projects/local' });
  });

  it('switches by name to the connection’s api_base, keeping api-version and key', () => {
    saveSettings({ ...DEFAULT_SETTINGS, apiVersion: 'v1', isolationKey: 'k' });
    saveSettings(settingsFor(prod));
    expect(getSettings()).toEqual({
      connection: 'prod',
      endpoint: '/gateway/prod',
      apiVersion: 'v1',
      isolationKey: 'k',
    });
    expect(JSON.parse(localStorage.getItem('asc.connection') ?? '{}')).toMatchObject({
      connection: 'prod',
      endpoint: '/gateway/prod',
    });
  });

  it('works the name out when only an endpoint is given, as tests and older settings do', () => {
    saveSettings({ endpoint: '/api/projects/local', apiVersion: 'v1', isolationKey: '' });
    expect(getSettings().connection).toBe('local');
    saveSettings({ endpoint: '/gateway/eu-2/', apiVersion: 'v1', isolationKey: '' });
    expect(getSettings().connection).toBe('eu-2');
    saveSettings({ endpoint: 'http://127.0.0.1:9/api/projects/local', apiVersion: 'v1', isolationKey: '' });
    expect(getSettings().connection).toBeUndefined();
    // A name that does not go with an absolute URL is not kept: the calls go to the URL.
    saveSettings({ ...DEFAULT_SETTINGS, endpoint: 'http://127.0.0.1:9/api/projects/local' });
    expect(getSettings().connection).toBeUndefined();
  });

  it('tells server endpoints apart', () => {
    expect(connectionOfEndpoint('/api/projects/local')).toBe('local');
    expect(connectionOfEndpoint('/gateway/prod')).toBe('prod');
    expect(connectionOfEndpoint('/gateway/Not_A_Name')).toBeUndefined();
    expect(connectionOfEndpoint('/gateway/prod/agents')).toBeUndefined();
    expect(isGatewayEndpoint('/gateway/prod')).toBe(true);
    expect(isGatewayEndpoint('/api/projects/local')).toBe(false);
  });
});

describe('settings stored by an earlier version of the console', () => {
  beforeEach(() => vi.resetModules());

  it('are read with the connection worked out from the endpoint', async () => {
    localStorage.setItem(
      'asc.connection',
      JSON.stringify({ endpoint: '/api/projects/local', apiVersion: 'v1', isolationKey: 'tenant-1' }),
    );
    const fresh = await import('../../src/web/lib/settings');
    expect(fresh.getSettings()).toEqual({
      connection: 'local',
      endpoint: '/api/projects/local',
      apiVersion: 'v1',
      isolationKey: 'tenant-1',
    });
  });

  it('fall back to the local host when unreadable', async () => {
    localStorage.setItem('asc.connection', '{not json');
    const fresh = await import('../../src/web/lib/settings');
    expect(fresh.getSettings()).toEqual(fresh.DEFAULT_SETTINGS);
  });
});

describe('errors through the gateway, in words', () => {
  const error = (status: number, code: string, message = 'm') => new ApiError(status, code, message, 'rid');

  it('names the gateway’s own errors whatever the connection', () => {
    expect(describeApiError(error(503, 'gateway_auth_failed'), '/gateway/prod')).toMatchObject({
      title: 'Cannot sign in to Azure',
      connection: true,
    });
    expect(describeApiError(error(502, 'gateway_unreachable'), '/gateway/prod').title).toBe(
      'The Foundry project cannot be reached',
    );
    expect(describeApiError(error(504, 'gateway_timeout'), '/gateway/prod').title).toBe(
      'The Foundry project did not answer in time',
    );
    expect(describeApiError(error(502, 'gateway_redirect_refused'), '/gateway/prod').title).toBe(
      'The project endpoint answered with a redirect',
    );
    expect(describeApiError(error(403, 'cross_site_request'), '/api/projects/local').title).toBe(
      'Refused: the request came from another site',
    );
  });

  it('explains a 401 or 403 from Foundry with what to do, and the console server’s own as a sign-in', () => {
    const foundry401 = describeApiError(error(401, 'unauthorized'), '/gateway/prod');
    expect(foundry401.title).toBe('Foundry refused the sign-in token');
    expect(foundry401.advice).toMatch(/az login/);
    expect(foundry401.advice).toMatch(/--tenant/);
    expect(describeApiError(error(403, 'forbidden'), '/gateway/prod').advice).toMatch(/Azure AI User/);
    expect(describeApiError(error(403, 'session_not_accessible'), '/gateway/prod')).toEqual({
      title: 'Not allowed',
      connection: false,
    });
    // The local host is the console's own server: its 401 is the --token check, and Settings signs in.
    for (const [code, endpoint] of [
      ['unauthorized', '/api/projects/local'],
      ['console_sign_in_required', '/gateway/prod'],
    ] as const) {
      expect(describeApiError(error(401, code), endpoint)).toMatchObject({
        title: 'Sign in to the console’s server',
        advice: expect.stringMatching(/--token.*Settings, under Access/) as string,
        connection: true,
      });
    }
    expect(describeApiError(error(404, 'not_found'), '/gateway/prod').title).toBe('Not found');
  });

  it('does not mistake a code for something on Object.prototype', () => {
    expect(describeApiError(error(400, 'constructor'), '/gateway/prod').title).toBe(
      'The request was refused',
    );
    expect(describeApiError(new Error('x')).title).toBe('Something went wrong');
  });
});

describe('a failed connection check', () => {
  it('is read from a 422 body, and from nothing else', () => {
    const check = { ok: false, outcome: 'unauthorized', message: 'refused', status: 401 };
    const body = { error: { code: 'connection_check_failed', message: 'm' }, check };
    expect(
      failedCheck(new ApiError(422, 'connection_check_failed', 'm', undefined, 'endpoint', body)),
    ).toEqual(check);
    expect(
      failedCheck(new ApiError(400, 'invalid_request', 'm', undefined, 'endpoint', body)),
    ).toBeUndefined();
    expect(failedCheck(new ApiError(422, 'connection_check_failed', 'm', undefined))).toBeUndefined();
    expect(failedCheck(new Error('m'))).toBeUndefined();
  });
});
