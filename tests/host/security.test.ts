import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiPaths, SIGN_IN_PATH, type AgentSession, type ErrorBody, type List } from '@contract';
import { createAccess } from '../../src/server/access';
import { startHost, tempDir, type TestHost } from '../helpers/host';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-lifecycle.json', import.meta.url));
/** Sessions of this agent start no process, so these tests stay cheap. */
const INERT = 'inert-agent';

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * A request through node:http, which (unlike fetch) lets a test choose the Host header. The path goes
 * out exactly as written: no URL parser folds `..` or `%2e%2e` away first.
 */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawReply> {
  const { origin, hostname, port } = new URL(url);
  const target = {
    hostname,
    port,
    path: url.slice(origin.length),
    method: opts.method ?? 'GET',
    headers: opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = http.request(target, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const errorOf = (r: RawReply) => (JSON.parse(r.text) as ErrorBody).error;

function expectJsonError(r: RawReply, status: number, code?: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const error = errorOf(r);
  expect(error.message).toBeTypeOf('string');
  if (code) expect(error.code).toBe(code);
  expect(r.headers['x-request-id']).toBeTruthy();
  return error;
}

describe('security and bad input', () => {
  let host: TestHost;
  const port = () => new URL(host.origin).port;
  beforeAll(async () => {
    host = await startHost({ catalogFile, allowedHosts: ['console.example.internal'] });
  });
  afterAll(() => host.close());

  it('refuses a Host header that is not a loopback name (DNS rebinding)', async () => {
    const url = host.url(apiPaths.agents());
    for (const name of [
      'evil.example',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      `evil.example:${port()}`,
      '10.0.0.5',
    ]) {
      const res = await raw(url, { headers: { host: name } });
      const error = expectJsonError(res, 400, 'invalid_request');
      expect(error.message).not.toContain('"data"');
      expect(res.text).not.toContain('inert-agent');
    }
    // Also for paths outside the API.
    expectJsonError(
      await raw(`${host.origin}/anything`, { headers: { host: 'evil.example' } }),
      400,
      'invalid_request',
    );

    for (const name of [
      `localhost:${port()}`,
      `127.0.0.1:${port()}`,
      `[::1]:${port()}`,
      'LOCALHOST',
      'console.example.internal',
    ]) {
      const res = await raw(url, { headers: { host: name } });
      expect(res.status, name).toBe(200);
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('refuses a changing call sent by a page of another site, and lets its own pages and tools through', async () => {
    const url = host.url(apiPaths.sessions('inert-agent'));
    const body = JSON.stringify({ agent_session_id: 'cross-site-attempt' });
    const otherSites: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://evil.example' },
    ];
    for (const headers of otherSites) {
      const res = await raw(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain' },
        body,
      });
      expectJsonError(res, 403, 'cross_site_request');
    }
    // Nothing was created by those.
    expect((await raw(host.url(apiPaths.session('inert-agent', 'cross-site-attempt')))).status).toBe(404);
    // Reading stays open to anyone who can reach it (a browser will not let another site read the answer).
    expect(
      (await raw(host.url(apiPaths.agents()), { headers: { 'sec-fetch-site': 'cross-site' } })).status,
    ).toBe(200);
    // The console's own pages, and tools that send no such headers, may change things.
    const own = await raw(url, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', origin: host.origin, 'content-type': 'application/json' },
      body,
    });
    expect(own.status).toBe(201);
    await raw(host.url(apiPaths.session('inert-agent', 'cross-site-attempt')), { method: 'DELETE' });
  });

  it('refuses a changing call from another site however its path is encoded', async () => {
    const disable = `/agents/${INERT}:disable?api-version=v1`;
    const variants = [
      `/%61pi/projects/local${disable}`,
      `/a%70i/projects/local${disable}`,
      `/api/%70rojects/local${disable}`,
      `/api/projects/%6cocal${disable}`,
      `/%61%70%69/projects/local${disable}`,
      `/api/projects/local/%61gents/${INERT}:disable?api-version=v1`,
      `/api/projects/local/agents/${INERT}%3Adisable?api-version=v1`,
    ];
    const state = async () =>
      (JSON.parse((await raw(host.url(apiPaths.agent(INERT)))).text) as { state: string }).state;
    for (const variant of variants) {
      const otherSites: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'http://evil.example' },
      ];
      for (const headers of otherSites) {
        const res = await raw(`${host.origin}${variant}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'text/plain' },
          body: 'x',
        });
        expectJsonError(res, 403, 'cross_site_request');
      }
      expect(await state(), variant).toBe('enabled');
    }
    // The router does decode them: the same calls from no browser reach the route (so the refusals
    // above are the guard's, not a 404).
    for (const variant of variants) {
      const res = await raw(`${host.origin}${variant}`, { method: 'POST' });
      expect(res.status, `${variant}: ${res.text}`).toBe(204);
      expect(await state()).toBe('disabled');
      await raw(host.url(apiPaths.agentAction(INERT, 'enable')), { method: 'POST' });
    }
    // Sign-in and sign-out, and paths that match no route at all, are refused from another site too.
    for (const target of ['/api/console/sign-in', '/%61pi/console/sign-in', '/no/such/route']) {
      for (const method of ['POST', 'DELETE', 'PUT', 'PATCH']) {
        const res = await raw(`${host.origin}${target}`, {
          method,
          // Sized, so that node:http sends a DELETE's body as a body and not as the next request.
          headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain', 'content-length': '13' },
          body: '{"token":"x"}',
        });
        expectJsonError(res, 403, 'cross_site_request');
      }
    }
  });

  it('requires api-version=v1 on every API call', async () => {
    const bare = `${host.endpoint}${apiPaths.agents()}`;
    const missing = expectJsonError(await raw(bare), 400, 'invalid_request');
    expect(missing.param).toBe('api-version');
    for (const v of ['v2', '2025-05-15-preview', '']) {
      const res = await raw(`${bare}?api-version=${v}`);
      expect(expectJsonError(res, 400, 'invalid_request').param).toBe('api-version');
    }
    const session = `${host.endpoint}${apiPaths.sessions(INERT)}`;
    expectJsonError(await raw(session, { method: 'POST' }), 400, 'invalid_request');
    // Nothing was created by the refused call.
    const list = await raw(host.url(apiPaths.sessions(INERT)));
    expect((JSON.parse(list.text) as List<AgentSession>).data).toEqual([]);
  });

  it('answers malformed JSON with a 400 JSON error', async () => {
    for (const body of ['{"agent_session_id": ', '{agent_session_id: 1}', 'nul', '\u0000']) {
      const res = await raw(host.url(apiPaths.sessions(INERT)), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expectJsonError(res, 400, 'invalid_request');
    }
    const patch = await raw(host.url(apiPaths.agent(INERT)), {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: '{"agent_card": {',
    });
    expectJsonError(patch, 400, 'invalid_request');
  });

  it('answers wrong types and missing required fields with a 400', async () => {
    const cases: [string, string, string, unknown][] = [
      ['POST', apiPaths.sessions(INERT), 'application/json', { version_indicator: 1 }],
      ['POST', apiPaths.sessions(INERT), 'application/json', { version_indicator: { agent_version: '1' } }],
      ['POST', apiPaths.sessions(INERT), 'application/json', { agent_session_id: true }],
      ['POST', apiPaths.sessions(INERT), 'application/json', ['not', 'an', 'object']],
      ['PATCH', apiPaths.agent(INERT), 'application/merge-patch+json', { agent_card: 7 }],
      [
        'PATCH',
        apiPaths.agent(INERT),
        'application/merge-patch+json',
        { agent_card: { version: 1, skills: [] } },
      ],
      [
        'PATCH',
        apiPaths.agent(INERT),
        'application/merge-patch+json',
        { agent_endpoint: { version_selector: {} } },
      ],
    ];
    for (const [method, p, contentType, body] of cases) {
      const res = await raw(host.url(p), {
        method,
        headers: { 'content-type': contentType },
        body: JSON.stringify(body),
      });
      expectJsonError(res, 400, 'invalid_request');
    }
    // A PATCH needs a body.
    const empty = await raw(host.url(apiPaths.agent(INERT)), {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expectJsonError(empty, 400, 'invalid_request');
  });

  it('refuses a JSON body over the limit with 413', async () => {
    const body = JSON.stringify({ agent_session_id: 'big-body-1', padding: 'x'.repeat(2 * 1024 * 1024) });
    const res = await raw(host.url(apiPaths.sessions(INERT)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expectJsonError(res, 413, 'payload_too_large');
    expect((await raw(host.url(apiPaths.session(INERT, 'big-body-1')))).status).toBe(404);
  });

  it('answers a URL it cannot decode with a 400 JSON error', async () => {
    const res = await raw(`${host.endpoint}/agents/%zz?api-version=v1`);
    const error = expectJsonError(res, 400, 'invalid_request');
    expect(error.message).toContain('URL');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers an unknown route with a 404 JSON error', async () => {
    for (const [method, url] of [
      ['GET', host.url('/nothing-here')],
      ['GET', host.url('/agents/inert-agent/endpoint/sessions/some-session/unknown')],
      ['PUT', host.url(apiPaths.agents())],
      ['GET', `${host.origin}/api/projects/other-project/agents?api-version=v1`],
      ['GET', `${host.origin}/not-an-api`],
    ] as const) {
      expectJsonError(await raw(url, { method }), 404, 'not_found');
    }
  });

  it('puts a fresh x-request-id on every response and ignores one sent by the caller', async () => {
    const replies = await Promise.all([
      raw(host.url(apiPaths.agents())),
      raw(host.url(apiPaths.agent('no-such-agent'))),
      raw(host.url(apiPaths.sessions(INERT)), {
        method: 'POST',
        headers: { 'x-request-id': 'chosen-by-caller' },
      }),
      raw(host.url(apiPaths.session(INERT, 'never-existed')), { method: 'DELETE' }),
      raw(`${host.origin}/nowhere`),
    ]);
    const ids = replies.map((r) => r.headers['x-request-id']);
    for (const [i, id] of ids.entries()) expect(id, `reply ${i} (${replies[i]!.status})`).toMatch(/\S{8,}/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('chosen-by-caller');
    expect(replies.map((r) => r.status)).toEqual([200, 404, 201, 204, 404]);
    const made = JSON.parse(replies[2]!.text) as AgentSession;
    await raw(host.url(apiPaths.session(INERT, made.agent_session_id)), { method: 'DELETE' });
  });

  it('does not let a session id reach outside the sandboxes', async () => {
    const made = await raw(host.url(apiPaths.sessions(INERT)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_session_id: 'bystander-1' }),
    });
    expect(made.status).toBe(201);
    const dir = path.join(host.dataDir, 'sandboxes', INERT, 'bystander-1');
    expect(fs.existsSync(dir)).toBe(true);
    // Encoded dots and slashes arrive as one path segment; deleting "them" must touch nothing on disk.
    for (const id of ['..', '%2e%2e', '..%2fbystander-1', '.', '%2E']) {
      const res = await raw(`${host.endpoint}/agents/${INERT}/endpoint/sessions/${id}?api-version=v1`, {
        method: 'DELETE',
      });
      expect([204, 404], id).toContain(res.status);
    }
    expect(fs.existsSync(dir)).toBe(true);
    expect(fs.existsSync(path.join(host.dataDir, 'sandboxes', INERT))).toBe(true);
    expect((await raw(host.url(apiPaths.session(INERT, 'bystander-1')))).status).toBe(200);
    await raw(host.url(apiPaths.session(INERT, 'bystander-1')), { method: 'DELETE' });
  });
});

describe('a bearer token', () => {
  let host: TestHost;
  const TOKEN = 'test-token-5b0f2c';
  beforeAll(async () => {
    host = await startHost({ catalogFile, token: TOKEN });
  });
  afterAll(() => host.close());

  const calls: [string, (h: TestHost) => string, string?][] = [
    ['GET', (h) => h.url(apiPaths.agents())],
    ['GET', (h) => h.url(apiPaths.agent(INERT))],
    ['GET', (h) => h.url(apiPaths.versions(INERT))],
    ['GET', (h) => h.url(apiPaths.version(INERT, '1'))],
    ['PATCH', (h) => h.url(apiPaths.agent(INERT)), '{"agent_card":null}'],
    ['POST', (h) => h.url(apiPaths.sessions(INERT)), '{"agent_session_id":"token-test-1"}'],
    ['GET', (h) => h.url(apiPaths.sessions(INERT))],
    ['GET', (h) => h.url(apiPaths.session(INERT, 'token-test-1'))],
    ['POST', (h) => h.url(apiPaths.sessionStop(INERT, 'token-test-1'))],
    ['DELETE', (h) => h.url(apiPaths.session(INERT, 'token-test-1'))],
    ['POST', (h) => h.url(apiPaths.agentAction(INERT, 'disable'))],
    // Without the token, even the api-version check and the route lookup wait their turn.
    ['GET', (h) => `${h.endpoint}${apiPaths.agents()}`],
  ];

  it('is required on every API call: 401 unauthorized without it or with a wrong one', async () => {
    for (const auth of [
      undefined,
      'Bearer wrong-token',
      `Basic ${TOKEN}`,
      TOKEN,
      `Bearer ${TOKEN}x`,
      'Bearer ',
    ]) {
      for (const [method, url, body] of calls) {
        const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
        if (method === 'PATCH') headers['content-type'] = 'application/merge-patch+json';
        if (auth !== undefined) headers.authorization = auth;
        const res = await raw(url(host), { method, headers, ...(body && { body }) });
        const error = expectJsonError(res, 401, 'unauthorized');
        expect(error.message).not.toContain(TOKEN);
      }
    }
    // Nothing the refused calls asked for happened.
    const authorized = { authorization: `Bearer ${TOKEN}` };
    const agent = await raw(host.url(apiPaths.agent(INERT)), { headers: authorized });
    expect(JSON.parse(agent.text)).toMatchObject({ state: 'enabled' });
    const list = await raw(host.url(apiPaths.sessions(INERT)), { headers: authorized });
    expect((JSON.parse(list.text) as List<AgentSession>).data).toEqual([]);
  });

  it('takes the Bearer scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const res = await raw(host.url(apiPaths.agents()), {
        headers: { authorization: `${scheme} ${TOKEN}` },
      });
      expect(res.status, scheme).toBe(200);
    }
  });

  it('lets the right token through', async () => {
    const expected = [200, 200, 200, 200, 200, 201, 200, 200, 204, 204, 204, 400];
    for (const [i, [method, url, body]] of calls.entries()) {
      const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
      if (body)
        headers['content-type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
      const res = await raw(url(host), { method, headers, ...(body && { body }) });
      expect(res.status, `${method} ${url(host)}: ${res.text}`).toBe(expected[i]);
    }
    await raw(host.url(apiPaths.agentAction(INERT, 'enable')), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
  });
});

describe('signing a browser in with the token', () => {
  let host: TestHost;
  const TOKEN = 'sign-in-token-77d1e0';
  const signIn = (token: string, headers: Record<string, string> = {}) =>
    raw(`${host.origin}${SIGN_IN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ token }),
    });
  beforeAll(async () => {
    host = await startHost({ catalogFile, token: TOKEN });
  });
  afterAll(() => host.close());

  it('refuses a wrong token and sets no cookie', async () => {
    for (const token of ['wrong', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const res = await signIn(token);
      const error = expectJsonError(res, 401, 'unauthorized');
      expect(error.message).not.toContain(TOKEN);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expectJsonError(
      await raw(`${host.origin}${SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"token":""}',
      }),
      400,
      'invalid_request',
    );
  });

  it('sets an HttpOnly, same-site cookie that is not the token and opens the API, files included', async () => {
    const res = await signIn(TOKEN);
    expect(res.status, res.text).toBe(204);
    const [cookie] = res.headers['set-cookie'] ?? [];
    expect(cookie).toMatch(/^console_access=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TOKEN);
    const pair = cookie!.split(';')[0]!;

    const withCookie = (
      url: string,
      init: { method?: string; headers?: Record<string, string>; body?: string } = {},
    ) => raw(url, { ...init, headers: { ...init.headers, cookie: `theme=dark; ${pair}` } });
    expect((await withCookie(host.url(apiPaths.agents()))).status).toBe(200);
    const created = await withCookie(host.url(apiPaths.sessions(INERT)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"agent_session_id":"cookie-test-1"}',
    });
    expect(created.status, created.text).toBe(201);
    const put = await withCookie(host.url(apiPaths.fileContent(INERT, 'cookie-test-1'), { path: 'a.txt' }), {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'hello',
    });
    expect(put.status, put.text).toBe(201);
    // A download link carries no header, but the browser sends the cookie with it.
    const download = await withCookie(
      host.url(apiPaths.fileContent(INERT, 'cookie-test-1'), { path: 'a.txt' }),
    );
    expect(download.status).toBe(200);
    expect(download.text).toBe('hello');
    expect(
      (await withCookie(host.url(apiPaths.session(INERT, 'cookie-test-1')), { method: 'DELETE' })).status,
    ).toBe(204);

    // A cookie of another value, or the token itself as the cookie, opens nothing.
    for (const forged of ['console_access=abc', `console_access=${TOKEN}`, `${pair}x`]) {
      expectJsonError(
        await raw(host.url(apiPaths.agents()), { headers: { cookie: forged } }),
        401,
        'unauthorized',
      );
    }
  });

  it('signs out by ending the sign-in on the server, not only by clearing the cookie', async () => {
    const res = await signIn(TOKEN);
    const pair = res.headers['set-cookie']![0]!.split(';')[0]!;
    const agents = () => raw(host.url(apiPaths.agents()), { headers: { cookie: pair } });
    expect((await agents()).status).toBe(200);
    // Another browser's sign-in is its own: signing one out leaves the other signed in.
    const other = (await signIn(TOKEN)).headers['set-cookie']![0]!.split(';')[0]!;
    expect(other).not.toBe(pair);

    const out = await raw(`${host.origin}${SIGN_IN_PATH}`, { method: 'DELETE', headers: { cookie: pair } });
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']?.[0]).toMatch(/^console_access=; .*Max-Age=0/);
    // A copy of the cookie kept from before is worth nothing now.
    expectJsonError(await agents(), 401, 'unauthorized');
    expect((await raw(host.url(apiPaths.agents()), { headers: { cookie: other } })).status).toBe(200);
  });

  it('ends every sign-in when the server restarts', async () => {
    const dataDir = tempDir();
    const first = await startHost({ catalogFile, token: TOKEN, dataDir });
    const res = await raw(`${first.origin}${SIGN_IN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    const pair = res.headers['set-cookie']![0]!.split(';')[0]!;
    expect((await raw(first.url(apiPaths.agents()), { headers: { cookie: pair } })).status).toBe(200);
    await first.close();
    const second = await startHost({ catalogFile, token: TOKEN, dataDir });
    try {
      expectJsonError(
        await raw(second.url(apiPaths.agents()), { headers: { cookie: pair } }),
        401,
        'unauthorized',
      );
    } finally {
      await second.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('slows down repeated wrong tokens from one address, even when the right one follows', async () => {
    const limited = await startHost(
      { catalogFile, token: TOKEN },
      { access: createAccess(TOKEN, { firstDelayMs: 1500 }) },
    );
    const attempt = (token: string) =>
      raw(`${limited.origin}${SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    try {
      for (let i = 0; i < 5; i++) expectJsonError(await attempt(`wrong-${i}`), 401, 'unauthorized');
      // The sixth wrong token still gets its answer; from then on the address waits.
      expectJsonError(await attempt('wrong-5'), 401, 'unauthorized');
      const held = await attempt(TOKEN);
      const error = expectJsonError(held, 429, 'too_many_requests');
      expect(error.message).toMatch(/try again in \d+ s/);
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
      expect(held.headers['set-cookie']).toBeUndefined();
      // Once the wait is over, the right token signs in and clears the count.
      await vi.waitFor(
        async () => {
          const res = await attempt(TOKEN);
          expect(res.status).toBe(204);
        },
        { timeout: 5000, interval: 250 },
      );
      expectJsonError(await attempt('wrong-again'), 401, 'unauthorized');
    } finally {
      await limited.close();
    }
  });

  it('takes no sign-in from a page on another site', async () => {
    const res = await signIn(TOKEN, { origin: 'http://evil.example' });
    expectJsonError(res, 403, 'cross_site_request');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('needs none on a host started without a token', async () => {
    const open = await startHost({ catalogFile });
    try {
      const res = await raw(`${open.origin}${SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"token":"anything"}',
      });
      expect(res.status).toBe(204);
      expect(res.headers['set-cookie']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe('a server error', () => {
  let host: TestHost;
  const logged: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    // Logged as the CLI logs by default: at warn, so requests that go well say nothing.
    host = await startHost({ catalogFile }, { logger: { level: 'warn', stream } });
  });
  afterAll(() => host.close());

  it('answers 500 with the generic internal_error body and no internals', async () => {
    // A data folder in a state the host cannot work with: a plain file where the agent's sandboxes folder
    // belongs. (chmod would not do: these tests may run as root, which writes through any mode.)
    const blocker = path.join(host.dataDir, 'sandboxes', 'ready-agent');
    fs.mkdirSync(path.dirname(blocker), { recursive: true });
    fs.writeFileSync(blocker, 'not a folder');
    try {
      const res = await raw(host.url(apiPaths.sessions('ready-agent')), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agent_session_id: 'doomed-session' }),
      });
      const error = expectJsonError(res, 500, 'internal_error');
      expect(Object.keys(error).sort()).toEqual(['code', 'message']);
      for (const secret of [
        host.dataDir,
        'sandboxes',
        'ENOTDIR',
        'EEXIST',
        'doomed-session',
        'Error:',
        '.ts',
      ]) {
        expect(res.text).not.toContain(secret);
      }
      // The failed request left no half-made session behind.
      const list = await raw(host.url(apiPaths.sessions('ready-agent')));
      expect((JSON.parse(list.text) as List<AgentSession>).data).toEqual([]);
    } finally {
      fs.rmSync(blocker, { force: true });
    }
    // And the host carries on once the folder is fixed.
    const again = await raw(host.url(apiPaths.sessions(INERT)), { method: 'POST' });
    expect(again.status).toBe(201);
  });

  it('is logged once, on one line with the request id its client saw, and nothing that went well is', async () => {
    logged.length = 0;
    const blocker = path.join(host.dataDir, 'sandboxes', 'ready-agent');
    fs.mkdirSync(path.dirname(blocker), { recursive: true });
    fs.writeFileSync(blocker, 'not a folder');
    const secretBody = JSON.stringify({ agent_session_id: 'logged-session-77' });
    let res: RawReply;
    try {
      res = await raw(host.url(apiPaths.sessions('ready-agent')), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-for-the-log' },
        body: secretBody,
      });
    } finally {
      fs.rmSync(blocker, { force: true });
    }
    expect(res.status).toBe(500);
    await raw(host.url(apiPaths.agents()));
    await vi.waitFor(() => expect(logged.length).toBeGreaterThan(0));
    expect(logged).toHaveLength(1);
    const entry = JSON.parse(logged[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 50,
      reqId: res.headers['x-request-id'],
      status: 500,
      method: 'POST',
      route: '/api/projects/local/agents/:agent_name/endpoint/sessions',
    });
    expect(logged[0]).not.toContain('not-for-the-log');
    expect(logged[0]).not.toContain(secretBody);
    expect(logged[0]).not.toContain(JSON.stringify(secretBody));
  });
});
