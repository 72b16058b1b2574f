// @vitest-environment jsdom
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, type AgentSession, type List, type Agent } from '@contract';
import { ApiError, apiRequest, apiUrl } from '../../src/web/lib/api-client';
import { DEFAULT_SETTINGS, getSettings, saveSettings } from '../../src/web/lib/settings';
import { webHost } from '../helpers/web-host';

/** Its versions name an image the local host cannot run: its sessions cost no process. */
const INERT = 'inert-agent';

const host = webHost();
afterEach(() => {
  saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '' });
});

function useHost(overrides: Partial<typeof DEFAULT_SETTINGS> = {}) {
  saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '', ...overrides });
}

/** Resolves with what apiRequest threw, failing the test when it did not throw. */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(ApiError);
  return outcome as ApiError;
}

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('apiUrl', () => {
  it('joins endpoint and path and always adds api-version', () => {
    useHost();
    const url = new URL(apiUrl('/agents', { limit: 5, after: undefined, kind: '' }));
    expect(url.origin + url.pathname).toBe(`${host.endpoint}/agents`);
    expect(url.searchParams.get('api-version')).toBe('v1');
    expect(url.searchParams.get('limit')).toBe('5');
    // Unset and empty values are left out rather than sent empty.
    expect(url.searchParams.has('after')).toBe(false);
    expect(url.searchParams.has('kind')).toBe(false);
  });

  it('resolves a path endpoint against the page origin and ignores a trailing slash', () => {
    saveSettings({ ...DEFAULT_SETTINGS, endpoint: '/api/projects/local/' });
    const url = new URL(apiUrl(apiPaths.agent('a b')));
    expect(url.origin).toBe(window.location.origin);
    expect(url.pathname).toBe('/api/projects/local/agents/a%20b');
    expect(url.searchParams.get('api-version')).toBe('v1');
  });
});

describe('apiRequest against the local host', () => {
  it('sends the api-version from the settings on every call', async () => {
    useHost();
    const list = await apiRequest<List<Agent>>(apiPaths.agents());
    expect(list.data.map((a) => a.name)).toContain(INERT);

    // The host answers only v1, so a call that carried another version is refused, which proves it went out.
    useHost({ apiVersion: 'v2' });
    const error = await failure(apiRequest(apiPaths.agents()));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/api-version/);
    expect(getSettings().apiVersion).toBe('v2');
  });

  it('passes the AbortSignal through: an abort rejects with AbortError', async () => {
    useHost();
    const controller = new AbortController();
    const pending = apiRequest(apiPaths.agents(), { signal: controller.signal });
    controller.abort();
    const outcome = await pending.then(
      () => 'resolved',
      (err: unknown) => err,
    );
    expect(outcome).not.toBeInstanceOf(ApiError);
    expect((outcome as Error).name).toBe('AbortError');

    const already = AbortSignal.abort();
    await expect(apiRequest(apiPaths.agents(), { signal: already })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('turns a 404 into an ApiError with status, code, message and request id', async () => {
    useHost();
    const error = await failure(apiRequest(apiPaths.agent('no-such-agent')));
    expect(error.status).toBe(404);
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/no-such-agent/);
    expect(error.requestId).toBeTruthy();
  });

  it('turns a 400 into an ApiError that names the param', async () => {
    useHost();
    const error = await failure(
      apiRequest(apiPaths.sessions(INERT), { method: 'POST', body: { agent_session_id: 'bad id!' } }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('agent_session_id');
    expect(error.requestId).toBeTruthy();
  });

  it('accepts a 201 and a 200, and turns a 409 into an ApiError', async () => {
    useHost();
    const id = `api-client-${Date.now()}`;
    const created = await apiRequest<AgentSession>(apiPaths.sessions(INERT), {
      method: 'POST',
      body: { agent_session_id: id },
    });
    expect(created.agent_session_id).toBe(id);
    try {
      const read = await apiRequest<AgentSession>(apiPaths.session(INERT, id));
      expect(read.agent_session_id).toBe(id);

      const error = await failure(
        apiRequest(apiPaths.sessions(INERT), { method: 'POST', body: { agent_session_id: id } }),
      );
      expect(error.status).toBe(409);
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(id);
      expect(error.requestId).toBeTruthy();
    } finally {
      // A 204 has no body: apiRequest resolves with undefined.
      await expect(apiRequest(apiPaths.session(INERT, id), { method: 'DELETE' })).resolves.toBeUndefined();
    }
  });

  it('sends the isolation key only on calls made as the owner', async () => {
    useHost({ isolationKey: 'owner-a' });
    const id = `api-owner-${Date.now()}`;
    await apiRequest(apiPaths.sessions(INERT), {
      method: 'POST',
      body: { agent_session_id: id },
      asOwner: true,
    });
    // Without the key the host refuses the change: the session has an owner now.
    const refused = await failure(apiRequest(apiPaths.session(INERT, id), { method: 'DELETE' }));
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('session_not_accessible');
    await apiRequest(apiPaths.session(INERT, id), { method: 'DELETE', asOwner: true });
  });
});

describe('apiRequest when no project endpoint answers', () => {
  it('says network_error with status 0 for a closed port', async () => {
    const port = await closedPort();
    useHost();
    saveSettings({ ...getSettings(), endpoint: `http://127.0.0.1:${port}/api/projects/local` });
    const error = await failure(apiRequest(apiPaths.agents()));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.requestId).toBeUndefined();
  });

  describe('with a proxy in between that answers in its own words', () => {
    // Stands in for something outside the project (a reverse proxy, a sign-in page), so a stub is fair.
    let proxy: http.Server;
    let origin = '';
    beforeAll(async () => {
      proxy = http.createServer((req, res) => {
        if (req.url?.startsWith('/html/')) {
          res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'proxy-1' });
          res.end(
            '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
          );
        } else if (req.url?.startsWith('/text/')) {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('upstream connect error\n  or disconnect before headers');
        } else if (req.url?.startsWith('/empty/')) {
          res.writeHead(500);
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html><body>Welcome</body></html>');
        }
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('turns an HTML error page into one readable line', async () => {
      useHost({ endpoint: `${origin}/html` });
      const error = await failure(apiRequest(apiPaths.agents()));
      expect(error.status).toBe(502);
      expect(error.code).toBe('http_502');
      expect(error.message).toBe('The server answered 502: 502 Bad Gateway');
      expect(error.requestId).toBe('proxy-1');
    });

    it('keeps a plain-text error body, on one line', async () => {
      useHost({ endpoint: `${origin}/text` });
      const error = await failure(apiRequest(apiPaths.agents()));
      expect(error.status).toBe(503);
      expect(error.message).toBe(
        'The server answered 503: upstream connect error or disconnect before headers',
      );
    });

    it('says so when an error has no body', async () => {
      useHost({ endpoint: `${origin}/empty` });
      const error = await failure(apiRequest(apiPaths.agents()));
      expect(error.status).toBe(500);
      expect(error.message).toBe('The server answered 500 with no message.');
    });

    it('refuses a 200 that is not JSON', async () => {
      useHost({ endpoint: origin });
      const error = await failure(apiRequest(apiPaths.agents()));
      expect(error.status).toBe(200);
      expect(error.code).toBe('invalid_response');
      expect(error.message).toMatch(/HTML page that is not JSON/);
    });
  });
});
