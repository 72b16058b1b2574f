import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Connection,
  ConnectionCheck,
  ConnectionCheckFailed,
  ConnectionCreated,
  ConnectionList,
  ErrorBody,
} from '@contract';
import { gateway } from '../../src/gateway';
import { tempDir } from '../helpers/host';
import {
  failingCredential,
  fixedToken,
  startConsole,
  startFoundryStandIn,
  startTlsStub,
  UPSTREAM_TOKEN,
  type ConsoleServer,
  type FoundryStandIn,
} from './helpers';

// The console's list of projects (`/api/console/connections`): what it accepts, how it checks an endpoint
// before keeping it, and that what it keeps is what the gateway then uses.

let foundry: FoundryStandIn;
let stub: Awaited<ReturnType<typeof startTlsStub>>;
let gw: ConsoleServer;

beforeAll(async () => {
  foundry = await startFoundryStandIn();
  // Each "project" of the stub answers its agents list in one way a real endpoint might.
  stub = await startTlsStub((req, res) => {
    const project = /^\/api\/projects\/([^/]+)\/agents\?/.exec(req.url ?? '')?.[1];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `stub-${project}` });
      res.end(JSON.stringify(body));
    };
    if (project === 'forbidden')
      return json(403, { error: { code: 'PermissionDenied', message: 'No role.' } });
    if (project === 'broken') return json(500, { error: { code: 'InternalError', message: 'Oops.' } });
    if (project === 'not-a-list') return json(200, { value: [] });
    if (project === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<!doctype html><title>Sign in</title>');
    }
    json(404, { error: { code: 'NotFound', message: 'Resource not found.' } });
  });
  gw = await startConsole({ credential: fixedToken(UPSTREAM_TOKEN), extraCa: [foundry.tls.ca, stub.ca] });
});

afterAll(async () => {
  await gw?.close();
  await stub?.close();
  await foundry?.close();
});

async function api<T = ErrorBody>(method: string, suffix = '', body?: unknown, server = gw) {
  const res = await fetch(server.connectionsUrl(suffix), {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const storedFile = () =>
  JSON.parse(fs.readFileSync(path.join(gw.dataDir, 'connections.json'), 'utf8')) as unknown;

describe('listing', () => {
  it('always has the local host first', async () => {
    const res = await api<ConnectionList>('GET');
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toEqual({
      name: 'local',
      kind: 'local',
      endpoint: '/api/projects/local',
      api_base: '/api/projects/local',
      production: false,
    });
    expect((await api<ConnectionCheck>('POST', '/local/test')).body).toMatchObject({
      ok: true,
      outcome: 'ok',
    });
  });
});

describe('adding', () => {
  it('checks the endpoint, keeps it, and the gateway uses it at once', async () => {
    const res = await api<ConnectionCreated>('POST', '', {
      name: 'staging',
      endpoint: `${foundry.endpoint}/`,
      colour: 'teal',
      features: 'HostedAgents=V1Preview',
    });
    expect(res.status).toBe(201);
    expect(res.body.check).toMatchObject({ ok: true, outcome: 'ok', status: 200 });
    expect(res.body.connection).toEqual({
      name: 'staging',
      kind: 'foundry',
      endpoint: foundry.endpoint,
      api_base: '/gateway/staging',
      colour: 'teal',
      production: false,
      features: 'HostedAgents=V1Preview',
    });
    expect((await api<Connection>('GET', '/staging')).body).toEqual(res.body.connection);
    expect(storedFile()).toEqual({
      connections: [
        { name: 'staging', endpoint: foundry.endpoint, colour: 'teal', features: 'HostedAgents=V1Preview' },
      ],
    });
    // Written whole and renamed into place: no temp file is left beside it.
    expect(fs.readdirSync(gw.dataDir).filter((f) => f.startsWith('connections'))).toEqual([
      'connections.json',
    ]);

    const agents = await fetch(gw.gatewayUrl('staging', '/agents'));
    expect(agents.status).toBe(200);
    expect(((await agents.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it.each([
    [{ name: 'Bad Name', endpoint: 'https://a.services.ai.azure.com/api/projects/p' }, 'name'],
    [{ name: 'x'.repeat(41), endpoint: 'https://a.services.ai.azure.com/api/projects/p' }, 'name'],
    [{ name: 'ok', endpoint: 'https://a.services.ai.azure.com/api/projects/p', colour: 'puce' }, 'colour'],
    [
      { name: 'ok', endpoint: 'https://a.services.ai.azure.com/api/projects/p', features: 'a\r\nx: y' },
      'features',
    ],
    [{ name: 'ok', endpoint: 'https://a.services.ai.azure.com/api/projects/p', extra: 1 }, 'extra'],
    [{ name: 'ok' }, 'endpoint'],
  ])('refuses a body that does not fit: %j', async (body, param) => {
    const res = await api('POST', '', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param });
    expect(res.body.error.message).not.toMatch(/pattern|constant/);
  });

  it.each([
    ['http://a.services.ai.azure.com/api/projects/p', 'https'],
    ['https://a.services.ai.azure.com/api/projects/p?api-version=v1', 'without a query'],
    ['https://ai.azure.com/build/overview?wsid=x', 'portal'],
    ['https://evil.example/api/projects/p', 'Not a Foundry project endpoint'],
    ['https://a.services.ai.azure.com.evil.example/api/projects/p', 'Not a Foundry project endpoint'],
    ['https://a.services.ai.azure.com/api/projects/..', 'Not a Foundry project endpoint'],
    ['https://a.services.ai.azure.com/api/projects/p/agents', 'Not a Foundry project endpoint'],
    ['https://user@a.services.ai.azure.com/api/projects/p', 'Not a Foundry project endpoint'],
  ])('refuses the endpoint %s before any call', async (endpoint, says) => {
    const res = await api('POST', '', { name: 'wrong', endpoint });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'endpoint' });
    expect(res.body.error.message).toContain(says);
  });

  it('refuses an endpoint on this machine unless started with --allow-local-connections', async () => {
    const strict = await startConsole({
      allowLocalConnections: false,
      credential: fixedToken(UPSTREAM_TOKEN),
    });
    try {
      const res = await api('POST', '', { name: 'here', endpoint: foundry.endpoint }, strict);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('--allow-local-connections');
    } finally {
      await strict.close();
    }
  });

  it('refuses a name already taken, and the built-in one', async () => {
    await api('POST', '', { name: 'taken', endpoint: foundry.endpoint });
    for (const name of ['taken', 'local']) {
      const res = await api('POST', '', { name, endpoint: foundry.endpoint });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'conflict', param: 'name' });
    }
  });

  it.each([
    ['forbidden', 'forbidden', 'Azure AI User'],
    ['missing', 'not_a_project', 'not a Foundry project endpoint'],
    ['html', 'not_a_project', 'not with a list of agents'],
    ['not-a-list', 'not_a_project', 'not with a list of agents'],
    ['broken', 'upstream_error', 'Oops.'],
  ])('says in words why project %s failed its check, and keeps nothing', async (project, outcome, says) => {
    const res = await api<ConnectionCheckFailed>('POST', '', {
      name: `p-${project}`,
      endpoint: `${stub.origin}/api/projects/${project}`,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'connection_check_failed', param: 'endpoint' });
    expect(res.body.check).toMatchObject({ ok: false, outcome });
    expect(res.body.error.message).toContain(says);
    expect((await api('GET', `/p-${project}`)).status).toBe(404);
  });

  it('explains a refused token with az login, and adds it anyway when asked to', async () => {
    const wrongToken = await startConsole({ credential: fixedToken('wrong'), extraCa: [foundry.tls.ca] });
    try {
      const refused = await api<ConnectionCheckFailed>(
        'POST',
        '',
        { name: 'prod', endpoint: foundry.endpoint },
        wrongToken,
      );
      expect(refused.status).toBe(422);
      expect(refused.body.check).toMatchObject({ ok: false, outcome: 'unauthorized', status: 401 });
      expect(refused.body.check.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(refused.body.error.message).toContain('az login');

      const forced = await api<ConnectionCreated>(
        'POST',
        '',
        { name: 'prod', endpoint: foundry.endpoint, production: true, force: true },
        wrongToken,
      );
      expect(forced.status).toBe(201);
      expect(forced.body.check.outcome).toBe('unauthorized');
      expect(forced.body.connection).toMatchObject({ name: 'prod', production: true });
    } finally {
      await wrongToken.close();
    }
  });

  it('reports a failed sign-in and an unreachable endpoint as outcomes', async () => {
    const signedOut = await startConsole({
      credential: failingCredential('AzureCliCredential: Please run az login.'),
    });
    try {
      const res = await api<ConnectionCheckFailed>(
        'POST',
        '',
        { name: 'x', endpoint: foundry.endpoint },
        signedOut,
      );
      expect(res.body.check).toMatchObject({ ok: false, outcome: 'sign_in_failed' });
      expect(res.body.error.message).toContain('az login');
    } finally {
      await signedOut.close();
    }
    const unreachable = await api<ConnectionCheckFailed>('POST', '', {
      name: 'gone',
      endpoint: 'https://127.0.0.1:1/api/projects/p',
    });
    expect(unreachable.body.check).toMatchObject({ ok: false, outcome: 'unreachable' });
  });
});

describe('changing, testing and removing', () => {
  it('changes colour, production and features as a merge patch', async () => {
    await api('POST', '', { name: 'editable', endpoint: foundry.endpoint, colour: 'red', features: 'A=B' });
    const changed = await api<Connection>('PATCH', '/editable', {
      colour: '#12abEF',
      production: true,
      features: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ colour: '#12abEF', production: true });
    expect(changed.body.features).toBeUndefined();
    const cleared = await api<Connection>('PATCH', '/editable', { colour: null });
    expect(cleared.body.colour).toBeUndefined();
    expect(cleared.body.production).toBe(true);
    expect((await api<Connection>('GET', '/editable')).body).toEqual(cleared.body);
  });

  it('refuses bad changes, unknown names and the built-in connection', async () => {
    await api('POST', '', { name: 'fixed', endpoint: foundry.endpoint });
    expect((await api('PATCH', '/fixed', { colour: 'puce' })).status).toBe(400);
    expect(
      (await api('PATCH', '/fixed', { endpoint: 'https://a.services.ai.azure.com/api/projects/q' })).body
        .error,
    ).toMatchObject({
      code: 'invalid_request',
      param: 'endpoint',
    });
    expect((await api('PATCH', '/nobody', { production: true })).status).toBe(404);
    expect((await api('PATCH', '/local', { colour: 'red' })).status).toBe(409);
    expect((await api('DELETE', '/local')).status).toBe(409);
  });

  it('tests a kept connection again', async () => {
    await api('POST', '', { name: 'retest', endpoint: foundry.endpoint });
    // Labelled JSON with no body, as some clients send a body-less POST.
    const res = await fetch(gw.connectionsUrl('/retest/test'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, outcome: 'ok' });
    expect((await api('POST', '/nobody/test')).status).toBe(404);
  });

  it('removes a connection, after which the gateway no longer knows it', async () => {
    await api('POST', '', { name: 'short-lived', endpoint: foundry.endpoint });
    expect((await api('DELETE', '/short-lived')).status).toBe(204);
    expect((await api('DELETE', '/short-lived')).status).toBe(404);
    expect((await fetch(gw.gatewayUrl('short-lived', '/agents'))).status).toBe(404);
  });
});

describe('the connections file', () => {
  it('is read at start', async () => {
    const dataDir = tempDir('ash-console-');
    try {
      const first = await startConsole({
        dataDir,
        connections: [{ name: 'kept', endpoint: foundry.endpoint, colour: 'blue' }],
      });
      const list = await api<ConnectionList>('GET', '', undefined, first);
      await first.close();
      expect(list.body.data.map((c) => c.name)).toEqual(['local', 'kept']);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['{ not json', 'is not valid'],
    [
      JSON.stringify({ connections: [{ name: 'a', endpoint: 'https://evil.example/api/projects/p' }] }),
      'Not a Foundry project endpoint',
    ],
    [
      JSON.stringify({
        connections: [{ name: 'local', endpoint: 'https://a.services.ai.azure.com/api/projects/p' }],
      }),
      "'local'",
    ],
    [
      JSON.stringify({
        connections: [
          { name: 'a', endpoint: 'https://a.services.ai.azure.com/api/projects/p', colour: 'puce' },
        ],
      }),
      'colour',
    ],
  ])('stops the console with a message naming the file when it is wrong: %s', (text, says) => {
    const dataDir = tempDir('ash-console-');
    try {
      fs.writeFileSync(path.join(dataDir, 'connections.json'), text);
      const mount = () => gateway({ dataDir, localEndpoint: '/api/projects/local' });
      expect(mount).toThrow(path.join(dataDir, 'connections.json'));
      expect(mount).toThrow(says);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('needs the console token when the console was started with one', async () => {
    const guarded = await startConsole({ token: 'console-secret' });
    try {
      expect((await api('GET', '', undefined, guarded)).status).toBe(401);
      const res = await fetch(guarded.connectionsUrl(), {
        headers: { authorization: 'Bearer console-secret' },
      });
      expect(res.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
