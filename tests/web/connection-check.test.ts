// @vitest-environment jsdom
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentQueries } from '../../src/web/features/agents/api/agent-queries';
import { applyConnection } from '../../src/web/features/connections/api/apply-connection';
import {
  checkConnection,
  validateApiVersion,
  validateEndpoint,
  validateIsolationKey,
} from '../../src/web/features/connections/api/connection-check';
import { getSettings, saveSettings } from '../../src/web/lib/settings';
import { startHost, type TestHost } from '../helpers/host';

let host: TestHost;
let stub: http.Server;
let stubOrigin = '';

beforeAll(async () => {
  host = await startHost();
  // Stands in for endpoints outside the project: a web site, a sign-in wall, a proxy.
  stub = http.createServer((req, res) => {
    const route = req.url?.split('/')[1];
    const status = { unauthorized: 401, forbidden: 403, failing: 500 }[route ?? ''];
    if (status) {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `stub-${status}` });
      res.end(JSON.stringify({ error: { code: `code_${status}`, message: `stub said ${status}` } }));
    } else if (route === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"value":[]}');
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Home</title>');
    }
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubOrigin = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await host?.close();
  await new Promise((resolve) => stub?.close(resolve));
});

const settings = (endpoint: string, apiVersion = 'v1') => ({ endpoint, apiVersion, isolationKey: '' });

describe('checkConnection', () => {
  it('counts the agents a project endpoint lists', async () => {
    const check = await checkConnection(settings(host.endpoint));
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.agentCount).toBeGreaterThan(0);
  });

  it('says unreachable for a closed port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const check = await checkConnection(settings(`http://127.0.0.1:${port}/api/projects/local`));
    expect(check).toMatchObject({ ok: false, problem: 'unreachable', title: 'The endpoint is unreachable' });
  });

  it('says it is not a project endpoint for a 404, an HTML page, or JSON that is no list', async () => {
    for (const endpoint of [`${host.origin}/api/projects/local/nothing`, stubOrigin, `${stubOrigin}/json`]) {
      const check = await checkConnection(settings(endpoint));
      expect(check, endpoint).toMatchObject({ ok: false, problem: 'not_project' });
    }
  });

  it('names 401, 403 and 5xx in words and keeps the server error for its request id', async () => {
    const unauthorized = await checkConnection(settings(`${stubOrigin}/unauthorized`));
    expect(unauthorized).toMatchObject({ ok: false, problem: 'unauthorized', title: 'Sign-in needed (401)' });
    const forbidden = await checkConnection(settings(`${stubOrigin}/forbidden`));
    expect(forbidden).toMatchObject({ ok: false, problem: 'forbidden', title: 'No access (403)' });
    const failing = await checkConnection(settings(`${stubOrigin}/failing`));
    expect(failing).toMatchObject({ ok: false, problem: 'server_error' });
    if (!failing.ok) expect(failing.error?.requestId).toBe('stub-500');
  });

  it('points at the api-version when the host refuses it', async () => {
    const check = await checkConnection(settings(host.endpoint, 'v0'));
    expect(check).toMatchObject({ ok: false, problem: 'refused' });
    if (!check.ok) expect(check.advice).toMatch(/api-version/);
  });
});

describe('validation as people type', () => {
  it('takes an absolute http(s) URL or a path', () => {
    expect(validateEndpoint('/api/projects/local')).toBeUndefined();
    expect(validateEndpoint('https://acct.services.ai.azure.com/api/projects/p')).toBeUndefined();
    expect(validateEndpoint('http://127.0.0.1:4280/api/projects/local')).toBeUndefined();
    expect(validateEndpoint('')).toMatch(/Enter the project endpoint/);
    expect(validateEndpoint('api/projects/local')).toMatch(/absolute URL/);
    expect(validateEndpoint('ftp://host/x')).toMatch(/https:\/\/ or http:\/\//);
    expect(validateEndpoint('//evil.example/x')).toMatch(/single \//);
    expect(validateEndpoint('https://host/x?api-version=v1')).toMatch(/query/);
  });

  it('checks the api-version and the isolation key', () => {
    expect(validateApiVersion('v1')).toBeUndefined();
    expect(validateApiVersion('')).toBeDefined();
    expect(validateApiVersion('v 1')).toBeDefined();
    expect(validateIsolationKey('')).toBeUndefined();
    expect(validateIsolationKey('tenant-42')).toBeUndefined();
    expect(validateIsolationKey('clé')).toMatch(/ASCII/);
  });
});

describe('applyConnection', () => {
  it('saves the settings and leaves nothing from the old connection in the cache', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '' });
    const active = new QueryObserver(queryClient, agentQueries.list());
    const unsubscribe = active.subscribe(() => {});
    await waitFor(() => expect(active.getCurrentResult().data?.length).toBeGreaterThan(0));
    await queryClient.fetchQuery(agentQueries.detail('notes-agent'));

    await applyConnection(queryClient, {
      endpoint: `${stubOrigin}/json`,
      apiVersion: 'v1',
      isolationKey: 'k',
    });
    expect(getSettings()).toEqual({ endpoint: `${stubOrigin}/json`, apiVersion: 'v1', isolationKey: 'k' });
    // The inactive detail is gone; the list on screen starts over from the new endpoint.
    expect(queryClient.getQueryData(agentQueries.detail('notes-agent').queryKey)).toBeUndefined();
    expect(active.getCurrentResult().data).toBeUndefined();
    unsubscribe();
    queryClient.clear();
  });
});
