// @vitest-environment jsdom
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@contract';
import { agentQueries } from '../../src/web/lib/agent-queries';
import { applyConnection, settingsFor } from '../../src/web/features/connections/api/apply-connection';
import { toApiError } from '../../src/web/lib/api-client';
import { connectionQueries } from '../../src/web/lib/connections';
import { getSettings, saveSettings } from '../../src/web/lib/settings';
import { webHost } from '../helpers/web-host';

const host = webHost();
let other: http.Server;
let otherOrigin = '';

beforeAll(async () => {
  // Another project with no agents at all.
  other = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[],"has_more":false}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => other?.close(resolve));
});

const local: Connection = {
  name: 'local',
  kind: 'local',
  endpoint: '/api/projects/local',
  api_base: '/api/projects/local',
  production: false,
};

describe('switching connection', () => {
  it('leaves nothing of the old project in the cache, and keeps the list of connections', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '' });
    queryClient.setQueryData(connectionQueries.list().queryKey, [local]);
    const active = new QueryObserver(queryClient, agentQueries.list());
    const unsubscribe = active.subscribe(() => {});
    await waitFor(() => expect(active.getCurrentResult().data?.length).toBeGreaterThan(0));
    await queryClient.fetchQuery(agentQueries.detail('notes-agent'));

    await applyConnection(queryClient, {
      endpoint: `${otherOrigin}/api/projects/other`,
      apiVersion: 'v1',
      isolationKey: 'k',
    });
    expect(getSettings()).toMatchObject({ endpoint: `${otherOrigin}/api/projects/other`, isolationKey: 'k' });
    // The inactive detail is gone; the list on screen starts over from the new endpoint.
    expect(queryClient.getQueryData(agentQueries.detail('notes-agent').queryKey)).toBeUndefined();
    expect(active.getCurrentResult().data).toBeUndefined();
    await waitFor(() => expect(active.getCurrentResult().data).toEqual([]));
    // The console's own list is the same on every connection: it stays.
    expect(queryClient.getQueryData(connectionQueries.list().queryKey)).toEqual([local]);
    unsubscribe();
    queryClient.clear();
  });

  it('talks to the chosen connection’s api_base', () => {
    saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: 'k' });
    expect(settingsFor({ ...local, name: 'prod', kind: 'foundry', api_base: '/gateway/prod' })).toEqual({
      connection: 'prod',
      endpoint: '/gateway/prod',
      apiVersion: 'v1',
      isolationKey: 'k',
    });
  });
});

describe('an error body with more than the error', () => {
  it('is kept whole on the ApiError', () => {
    const body = { error: { code: 'connection_check_failed', message: 'no' }, check: { ok: false } };
    const error = toApiError(422, JSON.stringify(body), 'rid');
    expect(error).toMatchObject({ status: 422, code: 'connection_check_failed', requestId: 'rid', body });
  });
});
