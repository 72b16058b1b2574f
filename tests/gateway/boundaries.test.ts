import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH, type ErrorBody } from '@contract';
import { fixedToken, rawRequest, startConsole, startTlsStub, type ConsoleServer } from './helpers';

// What the gateway will and will not forward: only the configured connection's origin and base path,
// only the headers that matter, and only for the console's own pages. A decoy server stands for every
// other place a request could be steered to; it must never hear from the gateway.

const TOKEN = 'token-for-the-stub';
const CONSOLE_TOKEN = 'console-secret';

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
}

let stub: Awaited<ReturnType<typeof startTlsStub>>;
let decoy: http.Server;
let decoyPort = 0;
let gw: ConsoleServer;
/** Requests the stub (the configured project) received. */
let stubSeen: Seen[] = [];
/** Requests the decoy received: must stay empty. */
const decoySeen: string[] = [];

beforeAll(async () => {
  stub = await startTlsStub((req, res) => {
    stubSeen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-request-id': 'stub-request-1',
      'apim-request-id': 'stub-apim-1',
      'set-cookie': 'upstream=1',
      'access-control-allow-origin': '*',
      'x-powered-by': 'stub',
    });
    res.end('{"data":[],"has_more":false}');
  });
  decoy = http.createServer((req, res) => {
    decoySeen.push(`${req.method} ${req.url}`);
    res.end('decoy');
  });
  await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
  decoyPort = (decoy.address() as AddressInfo).port;
  gw = await startConsole({
    connections: [
      { name: 'proj', endpoint: `${stub.origin}/api/projects/p`, features: 'HostedAgents=V1Preview' },
    ],
    credential: fixedToken(TOKEN),
    extraCa: [stub.ca],
  });
});

beforeEach(() => {
  stubSeen = [];
});

afterAll(async () => {
  expect(decoySeen).toEqual([]);
  await gw?.close();
  await stub?.close();
  await new Promise((resolve) => decoy?.close(resolve));
});

describe('paths', () => {
  it('forwards a plain path and its query unchanged under the base path', async () => {
    const res = await rawRequest(
      gw.origin,
      'POST',
      '/gateway/proj/agents/a-1/endpoint/sessions/s-1:stop?api-version=v1&x=%2F..',
    );
    expect(res.status).toBe(200);
    // The query is the project's business (a file path there is checked by the project), so it goes as it came.
    expect(stubSeen.map((s) => s.url)).toEqual([
      '/api/projects/p/agents/a-1/endpoint/sessions/s-1:stop?api-version=v1&x=%2F..',
    ]);
  });

  const escapes = () => [
    '/agents/../../../x',
    '/..',
    '/agents/./x',
    '/%2e%2e/%2e%2e/x',
    '/%2E%2e/x',
    '/.%2e/x',
    '/%2e/x',
    '/agents%2f..%2f..%2fx',
    '/agents%2F..%2Fx',
    '/agents%5c..%5cx',
    '/agents/%252e%252e/x',
    '/agents\\..\\x',
    `//127.0.0.1:${decoyPort}/x`,
    `/agents//127.0.0.1:${decoyPort}/x`,
    `/https://127.0.0.1:${decoyPort}/x`,
    `/http:127.0.0.1:${decoyPort}/x`,
    `/https:%2f%2f127.0.0.1:${decoyPort}/x`,
    `/@127.0.0.1:${decoyPort}/x`,
    `/agents@127.0.0.1:${decoyPort}`,
    '/agents/%zz',
    '/agents/a%00b',
  ];

  it('refuses every way out of the base path with a 400, and forwards none of them', async () => {
    for (const escape of escapes()) {
      const res = await rawRequest(gw.origin, 'GET', `/gateway/proj${escape}?api-version=v1`);
      expect(res.status, escape).toBe(400);
      // Fastify's router refuses a malformed percent-encoding before any route runs, in its own words.
      if (escape.includes('%zz')) continue;
      expect((res.json as ErrorBody).error, escape).toMatchObject({ code: 'invalid_request', param: 'path' });
    }
    expect(stubSeen).toEqual([]);
    expect(decoySeen).toEqual([]);
  });

  it('does not let an absolute-form request target or a name with an authority reach anything', async () => {
    const absolute = await rawRequest(gw.origin, 'GET', `http://127.0.0.1:${decoyPort}/gateway/proj/agents`);
    expect(absolute.status).toBeGreaterThanOrEqual(400);
    const inName = await rawRequest(gw.origin, 'GET', `/gateway/proj@127.0.0.1:${decoyPort}/agents`);
    expect(inName.status).toBe(404);
    expect(stubSeen).toEqual([]);
    expect(decoySeen).toEqual([]);
  });

  it('answers 404 for a connection that is not configured, and for the local host', async () => {
    const unknown = await rawRequest(gw.origin, 'GET', '/gateway/nope/agents?api-version=v1');
    expect(unknown.status).toBe(404);
    expect((unknown.json as ErrorBody).error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining("'nope'"),
    });
    const local = await rawRequest(gw.origin, 'GET', '/gateway/local/agents?api-version=v1');
    expect(local.status).toBe(404);
    expect((local.json as ErrorBody).error.message).toContain('/api/projects/local');
    expect(stubSeen).toEqual([]);
  });
});

describe('headers', () => {
  it('forwards the headers that matter, replaces the authorization and adds the feature header', async () => {
    const res = await rawRequest(
      gw.origin,
      'PUT',
      '/gateway/proj/agents/a/x?api-version=v1',
      {
        authorization: 'Bearer from-the-browser',
        cookie: 'console-session=1',
        referer: 'http://127.0.0.1/agents',
        'content-type': 'application/octet-stream',
        accept: 'application/json',
        'last-event-id': '41',
        'x-session-isolation-key': 'owner-1',
        'x-ms-client-request-id': 'client-req-1',
        'if-match': '"v1"',
        'x-forwarded-for': '10.0.0.1',
        'x-something-else': 'no',
      },
      'hello',
    );
    expect(res.status).toBe(200);
    const [seen] = stubSeen;
    expect(seen?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'foundry-features': 'HostedAgents=V1Preview',
      'content-type': 'application/octet-stream',
      'content-length': '5',
      accept: 'application/json',
      'last-event-id': '41',
      'x-session-isolation-key': 'owner-1',
      'x-ms-client-request-id': 'client-req-1',
      'if-match': '"v1"',
    });
    for (const name of ['cookie', 'referer', 'origin', 'x-forwarded-for', 'x-something-else']) {
      expect(seen?.headers[name], name).toBeUndefined();
    }
    expect(seen?.headers.host).toBe(new URL(stub.origin).host);
  });

  it('passes request ids back and keeps cookies, CORS and server headers upstream', async () => {
    const res = await rawRequest(gw.origin, 'GET', '/gateway/proj/agents?api-version=v1');
    expect(res.headers).toMatchObject({ 'x-request-id': 'stub-request-1', 'apim-request-id': 'stub-apim-1' });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).not.toContain(TOKEN);
  });
});

describe('who may use the gateway', () => {
  it('refuses requests from other sites', async () => {
    const path = '/gateway/proj/agents?api-version=v1';
    const otherSites: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://evil.example' },
      { origin: 'http://127.0.0.1:1' },
    ];
    for (const headers of otherSites) {
      const res = await rawRequest(gw.origin, 'POST', path, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((res.json as ErrorBody).error.code).toBe('cross_site_request');
    }
    expect(stubSeen).toEqual([]);
    const own = await rawRequest(gw.origin, 'POST', path, {
      'sec-fetch-site': 'same-origin',
      origin: gw.origin,
    });
    expect(own.status).toBe(200);
  });

  it('refuses other sites however the gateway path is encoded, for reads too', async () => {
    const variants = [
      '/%67ateway/proj/agents?api-version=v1',
      '/gatew%61y/proj/agents?api-version=v1',
      '/%67%61%74%65%77%61%79/proj/agents?api-version=v1',
      '/gateway/%70roj/agents?api-version=v1',
    ];
    for (const variant of variants) {
      for (const method of ['GET', 'POST']) {
        const res = await rawRequest(gw.origin, method, variant, { 'sec-fetch-site': 'cross-site' });
        expect(res.status, `${method} ${variant}`).toBe(403);
        expect((res.json as ErrorBody).error.code).toBe('cross_site_request');
      }
    }
    expect(stubSeen).toEqual([]);
    // The router decodes them: the same read from no browser reaches Foundry.
    for (const variant of variants) {
      expect((await rawRequest(gw.origin, 'GET', variant)).status, variant).toBe(200);
    }
    expect(stubSeen).toHaveLength(variants.length);
  });

  it('answers only for its own Host names', async () => {
    const res = await rawRequest(gw.origin, 'GET', '/gateway/proj/agents?api-version=v1', {
      host: 'evil.example',
    });
    expect(res.status).toBe(400);
    expect(stubSeen).toEqual([]);
  });

  it('needs the console token when the console was started with one, and never forwards it', async () => {
    const guarded = await startConsole({
      token: CONSOLE_TOKEN,
      connections: [{ name: 'proj', endpoint: `${stub.origin}/api/projects/p` }],
      credential: fixedToken(TOKEN),
      extraCa: [stub.ca],
    });
    try {
      const path = '/gateway/proj/agents?api-version=v1';
      const without = await rawRequest(guarded.origin, 'GET', path);
      expect(without.status).toBe(401);
      expect((without.json as ErrorBody).error.code).toBe('console_sign_in_required');
      const api = await rawRequest(guarded.origin, 'GET', '/api/console/connections');
      expect(api.status).toBe(401);
      expect(stubSeen).toEqual([]);

      const withToken = await rawRequest(guarded.origin, 'GET', path, {
        authorization: `Bearer ${CONSOLE_TOKEN}`,
      });
      expect(withToken.status).toBe(200);
      expect(stubSeen.map((s) => s.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);

      // A browser signed in with the token has a cookie instead; it opens the gateway and stays here.
      const signedIn = await fetch(`${guarded.origin}${SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: CONSOLE_TOKEN }),
      });
      expect(signedIn.status).toBe(204);
      const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
      const withCookie = await rawRequest(guarded.origin, 'GET', path, { cookie });
      expect(withCookie.status).toBe(200);
      expect(stubSeen).toHaveLength(2);
      expect(stubSeen[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(stubSeen[1]!.headers.cookie).toBeUndefined();
      expect((await rawRequest(guarded.origin, 'GET', '/api/console/connections', { cookie })).status).toBe(
        200,
      );
    } finally {
      await guarded.close();
    }
  });
});
