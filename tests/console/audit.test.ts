import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  apiPaths,
  AUDIT_CSV_COLUMNS,
  AUDIT_CSV_PATH,
  AUDIT_PATH,
  ISOLATION_KEY_HEADER,
  SIGN_IN_PATH,
  USER_LABEL_HEADER,
  type AgentSession,
  type AuditEntry,
  type ErrorBody,
  type List,
} from '@contract';
import { consoleServer } from '../../src/console';
import { CONSOLE_DB_FILE } from '../../src/console/store/db';
import type { Access } from '../../src/server/access';
import { apiUrl, tempDir, type Query } from '../helpers/host';
import { openPut } from '../helpers/open-put';
import {
  fixedToken,
  startConsole,
  startFoundryStandIn,
  UPSTREAM_TOKEN,
  type ConsoleServer,
  type FoundryStandIn,
} from '../gateway/helpers';

// The audit trail, through real HTTP against a console built as the CLI builds it: the host API, the
// gateway (to a TLS stand-in for Foundry) and the console's own API, with the console's plugin on top.

const AGENT = 'notes-agent';
const FOUNDRY = 'foundry';
const LABEL = 'Ada at the help desk';
const ME = os.userInfo().username;

/** The console's plugin, as the CLI adds it. */
const withAudit =
  () =>
  ({ dataDir, access }: { dataDir: string; access: Access }) => [
    consoleServer({ dataDir, localEndpoint: '/api/projects/local', access }),
  ];

interface Reply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

async function send<T = ErrorBody>(
  url: string,
  method: string,
  opts: { body?: string | Uint8Array<ArrayBuffer>; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { [USER_LABEL_HEADER]: encodeURIComponent(LABEL), ...opts.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(url, { method, headers, ...(body !== undefined && { body }) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

/** Reads the trail of `server`; `headers` for one started with a token. */
function auditUrl(server: ConsoleServer, query: Query = {}, csv = false): string {
  const url = new URL(server.origin + (csv ? AUDIT_CSV_PATH : AUDIT_PATH));
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

async function readAudit(server: ConsoleServer, query: Query = {}, headers: Record<string, string> = {}) {
  const res = await send<List<AuditEntry>>(auditUrl(server, query), 'GET', { headers });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/**
 * The entries added since the last look, oldest first: waits for `count` of them (an answer is recorded
 * as it completes, so the client may see it first), then says there are exactly that many.
 */
function trailReader(server: () => ConsoleServer, headers: Record<string, string> = {}) {
  let seen: string | undefined;
  return async function fresh(count: number): Promise<AuditEntry[]> {
    const query = { order: 'asc', limit: 100, after: seen };
    let entries: AuditEntry[] = [];
    await vi.waitFor(
      async () => {
        entries = (await readAudit(server(), query, headers)).data;
        expect(entries.length).toBeGreaterThanOrEqual(count);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(entries.map((e) => `${e.method} ${e.action} ${e.status}`)).toHaveLength(count);
    seen = entries[entries.length - 1]?.id ?? seen;
    return entries;
  };
}

describe('the audit trail of a console', () => {
  let foundry: FoundryStandIn;
  let server: ConsoleServer;
  const fresh = trailReader(() => server);
  const local = (apiPath: string, query: Query = {}) =>
    apiUrl(`${server.origin}/api/projects/local`, apiPath, query);

  beforeAll(async () => {
    foundry = await startFoundryStandIn();
    server = await startConsole({
      connections: [{ name: FOUNDRY, endpoint: foundry.endpoint }],
      credential: fixedToken(UPSTREAM_TOKEN),
      extraCa: [foundry.tls.ca],
      plugins: withAudit(),
    });
  });

  afterAll(async () => {
    await server?.close();
    await foundry?.close();
  });

  async function createSession(headers: Record<string, string> = {}): Promise<AgentSession> {
    const res = await send<AgentSession>(local(apiPaths.sessions(AGENT)), 'POST', { json: {}, headers });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  it('records creating, stopping and deleting a session, once each, with who, what and the request id', async () => {
    const created = await send<AgentSession>(local(apiPaths.sessions(AGENT)), 'POST', { json: {} });
    expect(created.status).toBe(201);
    const id = created.body.agent_session_id;
    const [create] = await fresh(1);
    expect(create).toMatchObject({
      person: ME,
      label: LABEL,
      connection: 'local',
      action: 'session.create',
      method: 'POST',
      agent: AGENT,
      session: id,
      outcome: 'ok',
      status: 201,
      request_id: created.headers.get('x-request-id'),
    });
    expect(create!.id).toMatch(/^au_\d+$/);
    expect(Date.parse(create!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(create).not.toHaveProperty('error_code');
    expect(create).not.toHaveProperty('bytes');

    const stopped = await send(local(apiPaths.sessionStop(AGENT, id)), 'POST');
    expect(stopped.status).toBe(204);
    expect(await fresh(1)).toMatchObject([
      {
        action: 'session.stop',
        agent: AGENT,
        session: id,
        status: 204,
        outcome: 'ok',
        request_id: stopped.headers.get('x-request-id'),
      },
    ]);

    const deleted = await send(local(apiPaths.session(AGENT, id)), 'DELETE');
    expect(deleted.status).toBe(204);
    expect(await fresh(1)).toMatchObject([
      { action: 'session.delete', agent: AGENT, session: id, status: 204, connection: 'local' },
    ]);
  });

  it('records uploading and deleting a file with its path and size', async () => {
    const { agent_session_id: id } = await createSession();
    await fresh(1);
    const bytes = new Uint8Array(1234).fill(7);
    const uploaded = await send(local(apiPaths.fileContent(AGENT, id), { path: 'in/report.bin' }), 'PUT', {
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(uploaded.status).toBe(201);
    expect(await fresh(1)).toMatchObject([
      {
        action: 'file.upload',
        method: 'PUT',
        agent: AGENT,
        session: id,
        path: 'in/report.bin',
        bytes: 1234,
        status: 201,
        request_id: uploaded.headers.get('x-request-id'),
      },
    ]);

    const removed = await send(local(apiPaths.files(AGENT, id), { path: 'in/report.bin' }), 'DELETE');
    expect(removed.status).toBe(204);
    const [entry] = await fresh(1);
    expect(entry).toMatchObject({ action: 'file.delete', session: id, path: 'in/report.bin', status: 204 });
    expect(entry).not.toHaveProperty('bytes');
    await send(local(apiPaths.session(AGENT, id)), 'DELETE');
    await fresh(1);
  });

  it('records refused calls with their status and error code', async () => {
    const owned = await createSession({ [ISOLATION_KEY_HEADER]: 'owner-key' });
    const id = owned.agent_session_id;
    await fresh(1);

    const forbidden = await send(local(apiPaths.sessionStop(AGENT, id)), 'POST', {
      headers: { [ISOLATION_KEY_HEADER]: 'someone-else' },
    });
    expect(forbidden.status).toBe(403);
    expect(await fresh(1)).toMatchObject([
      {
        action: 'session.stop',
        session: id,
        outcome: 'error',
        status: 403,
        error_code: 'session_not_accessible',
        request_id: forbidden.headers.get('x-request-id'),
      },
    ]);

    const owner = { [ISOLATION_KEY_HEADER]: 'owner-key' };
    const missing = await send(local(apiPaths.files(AGENT, id), { path: 'nothing-here.txt' }), 'DELETE', {
      headers: owner,
    });
    expect(missing.status).toBe(404);
    expect(await fresh(1)).toMatchObject([
      { action: 'file.delete', path: 'nothing-here.txt', status: 404, error_code: 'not_found' },
    ]);

    await send(local(apiPaths.fileContent(AGENT, id), { path: 'dir/inside.txt' }), 'PUT', {
      body: 'x',
      headers: { ...owner, 'content-type': 'application/octet-stream' },
    });
    await fresh(1);
    const notEmpty = await send(local(apiPaths.files(AGENT, id), { path: 'dir' }), 'DELETE', {
      headers: owner,
    });
    expect(notEmpty.status).toBe(409);
    expect(await fresh(1)).toMatchObject([
      { action: 'file.delete', path: 'dir', status: 409, error_code: 'conflict', outcome: 'error' },
    ]);

    // Refused before any route code ran: a page of another site.
    const crossSite = await send(local(apiPaths.sessions(AGENT)), 'POST', {
      json: {},
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await fresh(1)).toMatchObject([
      { action: 'session.create', agent: AGENT, status: 403, error_code: 'cross_site_request' },
    ]);

    await send(local(apiPaths.session(AGENT, id)), 'DELETE', { headers: owner });
    await fresh(1);
  });

  it('records agent changes', async () => {
    expect((await send(local(apiPaths.agentAction(AGENT, 'disable')), 'POST')).status).toBe(204);
    expect((await send(local(apiPaths.agentAction(AGENT, 'enable')), 'POST')).status).toBe(204);
    const patched = await send(local(apiPaths.agent(AGENT)), 'PATCH', { json: {} });
    expect(patched.status).toBe(200);
    expect(await fresh(3)).toMatchObject([
      { action: 'agent.disable', agent: AGENT, status: 204 },
      { action: 'agent.enable', agent: AGENT, status: 204 },
      { action: 'agent.update', agent: AGENT, status: 200 },
    ]);
  });

  it('records calls through the gateway under their connection, with the upstream request id', async () => {
    const gateway = (apiPath: string, query: Query = {}) => server.gatewayUrl(FOUNDRY, apiPath, query);
    const created = await send<AgentSession>(gateway(apiPaths.sessions(AGENT)), 'POST', { json: {} });
    expect(created.status, created.text).toBe(201);
    const id = created.body.agent_session_id;
    const upstreamId = created.headers.get('x-request-id');
    expect(upstreamId).toBeTruthy();
    const [create] = await fresh(1);
    expect(create).toMatchObject({
      connection: FOUNDRY,
      action: 'session.create',
      route: '/agents/:agent/endpoint/sessions',
      agent: AGENT,
      status: 201,
      outcome: 'ok',
      person: ME,
      label: LABEL,
      request_id: upstreamId,
    });

    const upload = await send(gateway(apiPaths.fileContent(AGENT, id), { path: 'a.txt' }), 'PUT', {
      body: 'hello',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(upload.status).toBe(201);
    expect(await fresh(1)).toMatchObject([
      { connection: FOUNDRY, action: 'file.upload', session: id, path: 'a.txt', bytes: 5, status: 201 },
    ]);

    // Foundry's own refusal passes through as it came; its status is recorded.
    const gone = await send(gateway(apiPaths.files(AGENT, id), { path: 'no.txt' }), 'DELETE');
    expect(gone.status).toBe(404);
    expect(await fresh(1)).toMatchObject([
      { connection: FOUNDRY, action: 'file.delete', path: 'no.txt', status: 404, outcome: 'error' },
    ]);

    const stopped = await send(gateway(apiPaths.sessionStop(AGENT, id)), 'POST');
    expect(stopped.status).toBe(204);
    const deleted = await send(gateway(apiPaths.session(AGENT, id)), 'DELETE');
    expect(deleted.status).toBe(204);
    expect(await fresh(2)).toMatchObject([
      { connection: FOUNDRY, action: 'session.stop', agent: AGENT, session: id, status: 204 },
      {
        connection: FOUNDRY,
        action: 'session.delete',
        session: id,
        request_id: deleted.headers.get('x-request-id'),
      },
    ]);

    // The gateway's own refusal: no such connection.
    const unknown = await send(server.gatewayUrl('nowhere', apiPaths.sessions(AGENT)), 'POST', { json: {} });
    expect(unknown.status).toBe(404);
    expect(await fresh(1)).toMatchObject([
      { connection: 'nowhere', action: 'session.create', status: 404, error_code: 'not_found' },
    ]);
  });

  it('records the console API’s changes, the connection they name included', async () => {
    const added = await send(server.connectionsUrl(), 'POST', {
      json: { name: 'second', endpoint: foundry.endpoint },
    });
    expect(added.status, added.text).toBe(201);
    const changed = await send(server.connectionsUrl('/second'), 'PATCH', { json: { colour: 'teal' } });
    expect(changed.status).toBe(200);
    const removed = await send(server.connectionsUrl('/second'), 'DELETE');
    expect(removed.status).toBe(204);
    expect(await fresh(3)).toMatchObject([
      { action: 'connection.add', connection: 'second', status: 201 },
      { action: 'connection.update', connection: 'second', status: 200 },
      { action: 'connection.remove', connection: 'second', status: 204 },
    ]);
  });

  it('records nothing for reading', async () => {
    const { agent_session_id: id } = await createSession();
    await fresh(1);
    expect((await send(local(apiPaths.sessions(AGENT)), 'GET')).status).toBe(200);
    expect((await send(local(apiPaths.session(AGENT, id)), 'GET')).status).toBe(200);
    expect((await send(local(apiPaths.files(AGENT, id)), 'GET')).status).toBe(200);
    expect((await fetch(local(apiPaths.session(AGENT, id)), { method: 'HEAD' })).status).toBe(200);
    expect((await send(server.gatewayUrl(FOUNDRY, apiPaths.agents()), 'GET')).status).toBe(200);
    expect((await send(server.connectionsUrl(), 'GET')).status).toBe(200);
    expect((await send(auditUrl(server), 'GET')).status).toBe(200);
    expect((await send(auditUrl(server, {}, true), 'GET')).status).toBe(200);
    expect((await send(server.connectionsUrl(), 'OPTIONS')).status).toBeLessThan(500);
    // A change after them all: if any reading had been recorded, it would come before this.
    await send(local(apiPaths.session(AGENT, id)), 'DELETE');
    expect(await fresh(1)).toMatchObject([{ action: 'session.delete', session: id }]);
  });

  it('records an upload the client gave up on as aborted', async () => {
    const { agent_session_id: id } = await createSession();
    await fresh(1);
    const total = 4 * 1024 * 1024;
    const { request, answer } = openPut(local(apiPaths.fileContent(AGENT, id), { path: 'big.bin' }), total);
    answer.catch(() => undefined);
    request.setHeader(USER_LABEL_HEADER, 'quitter');
    request.write(Buffer.alloc(total / 4, 1));
    // The host is writing the temp file: the upload is under way. Then the client hangs up.
    const tmp = path.join(server.dataDir, 'sandboxes', AGENT, id, 'tmp');
    await vi.waitFor(() => expect(fs.readdirSync(tmp)).toHaveLength(1), { timeout: 10_000 });
    request.destroy();
    const [entry] = await fresh(1);
    expect(entry).toMatchObject({
      action: 'file.upload',
      session: id,
      path: 'big.bin',
      outcome: 'aborted',
      bytes: total,
      label: 'quitter',
    });
    expect(entry).not.toHaveProperty('status');
    await send(local(apiPaths.session(AGENT, id)), 'DELETE');
    await fresh(1);
  });

  it('keeps a browser’s label short and printable', async () => {
    const label = `  Grace\u202e\u0007   Hopper ${'x'.repeat(200)}`;
    const res = await send(server.connectionsUrl('/local/test'), 'POST', {
      headers: { [USER_LABEL_HEADER]: encodeURIComponent(label) },
    });
    expect(res.status).toBe(200);
    const [entry] = await fresh(1);
    expect(entry!.label).toBe(`Grace Hopper ${'x'.repeat(64 - 'Grace Hopper '.length)}`);
    expect(entry).toMatchObject({ action: 'connection.test', connection: 'local' });
  });

  describe('reading it', () => {
    const person = 'pager-person';
    let mine: AuditEntry[];
    let startedAt: string;

    beforeAll(async () => {
      for (let i = 0; i < 5; i++) {
        const res = await send(server.connectionsUrl('/local/test'), 'POST', {
          headers: { [USER_LABEL_HEADER]: i === 4 ? '=HYPERLINK("http://x")' : person },
        });
        expect(res.status).toBe(200);
      }
      mine = await fresh(5);
      startedAt = mine[0]!.time;
    });

    it('filters by person, action, agent, session, connection and time', async () => {
      const byPerson = await readAudit(server, { person });
      expect(byPerson.data.map((e) => e.id)).toEqual(
        mine
          .slice(0, 4)
          .map((e) => e.id)
          .reverse(),
      );
      expect(
        (await readAudit(server, { person: ME, action: 'connection.test' })).data.length,
      ).toBeGreaterThanOrEqual(5);
      expect((await readAudit(server, { person: 'nobody-at-all' })).data).toEqual([]);

      const gatewayCalls = await readAudit(server, { connection: FOUNDRY, limit: 100 });
      expect(gatewayCalls.data.length).toBeGreaterThan(0);
      expect(gatewayCalls.data.every((e) => e.connection === FOUNDRY)).toBe(true);

      const uploads = await readAudit(server, { action: 'file.upload', agent: AGENT, limit: 100 });
      expect(uploads.data.length).toBeGreaterThan(0);
      expect(uploads.data.every((e) => e.action === 'file.upload' && e.agent === AGENT)).toBe(true);
      const session = uploads.data[0]!.session!;
      const ofSession = await readAudit(server, { session, order: 'asc' });
      expect(ofSession.data.every((e) => e.session === session)).toBe(true);
      expect(ofSession.data[0]!.action).toBe('session.create');

      const later = new Date(Date.now() + 60_000).toISOString();
      expect((await readAudit(server, { person, from: startedAt, to: later })).data).toHaveLength(4);
      expect((await readAudit(server, { person, to: startedAt })).data).toEqual([]);
      expect((await readAudit(server, { person, from: later })).data).toEqual([]);
    });

    it('pages with cursors as the contract’s lists do', async () => {
      const ids = mine
        .slice(0, 4)
        .map((e) => e.id)
        .reverse(); // newest first
      const first = await readAudit(server, { person, limit: 2 });
      expect(first).toMatchObject({ first_id: ids[0], last_id: ids[1], has_more: true });
      const second = await readAudit(server, { person, limit: 2, after: first.last_id! });
      expect(second.data.map((e) => e.id)).toEqual(ids.slice(2, 4));
      expect(second.has_more).toBe(false);
      const back = await readAudit(server, { person, limit: 2, before: second.first_id! });
      expect(back.data.map((e) => e.id)).toEqual(ids.slice(0, 2));
      expect(back.has_more).toBe(false);
      const ascending = await readAudit(server, { person, limit: 3, order: 'asc' });
      expect(ascending.data.map((e) => e.id)).toEqual([...ids].reverse().slice(0, 3));
      expect(ascending.has_more).toBe(true);
    });

    it('exports what a filter selects as CSV, with nothing a spreadsheet would run', async () => {
      const res = await fetch(
        auditUrl(server, { action: 'connection.test', from: startedAt, order: 'asc' }, true),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/);
      const lines = (await res.text()).split('\r\n');
      expect(lines.pop()).toBe('');
      expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
      expect(lines).toHaveLength(6);
      const id = mine[0]!.id;
      expect(lines[1]).toMatch(new RegExp(`^${id},`));
      expect(lines[1]).toContain(`,${person},local,connection.test,POST,`);
      expect(lines[5]).toContain(`,"'=HYPERLINK(""http://x"")",`);
    });

    it('refuses bad input with a clear 400', async () => {
      const cases: [Query, string, RegExp][] = [
        [{ action: 'session.explode' }, 'action', /one of session\.create, session\.stop/],
        [{ from: '2026-03-10', to: '2026-03-01' }, 'from', /later than/],
        [{ from: '2024-01-01', to: '2025-06-01' }, 'from', /at most 366 days/],
        [{ from: '2020-01-01' }, 'from', /at most 366 days/],
        [{ from: 'yesterday' }, 'from', /must be a date/],
        [{ to: '2026-02-30' }, 'to', /must be a date/],
        [{ from: '2026-03-10T09:00:00' }, 'from', /with its zone/],
        [{ after: 'nonsense' }, 'after', /not an audit entry id/],
        [{ before: 'au_0' }, 'before', /not an audit entry id/],
        [{ after: 'au_1', before: 'au_2' }, 'after', /either after or before/],
        [{ limit: 0 }, 'limit', /limit/],
        [{ limit: 101 }, 'limit', /limit/],
        [{ format: 'csv' }, 'format', /not allowed/],
      ];
      for (const [query, param, message] of cases) {
        const res = await send(auditUrl(server, query), 'GET');
        expect(res.status, JSON.stringify(query)).toBe(400);
        expect(res.body.error, JSON.stringify(query)).toMatchObject({ code: 'invalid_request', param });
        expect(res.body.error.message, JSON.stringify(query)).toMatch(message);
      }
      const csv = await send(auditUrl(server, { from: '2026-03-10', to: '2026-03-01' }, true), 'GET');
      expect(csv.status).toBe(400);
      expect(csv.body.error.code).toBe('invalid_request');
    });

    it('has no way to change or remove an entry', async () => {
      const before = await readAudit(server, { limit: 100 });
      const one = `${AUDIT_PATH}/${before.data[0]!.id}`;
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        for (const target of [AUDIT_PATH, one, AUDIT_CSV_PATH]) {
          const res = await send(server.origin + target, method, { json: { action: 'other' } });
          expect([404, 405], `${method} ${target}`).toContain(res.status);
        }
      }
      expect(await readAudit(server, { limit: 100 })).toEqual(before);
    });
  });
});

describe('the audit trail of a console started with a token', () => {
  const TOKEN = 'sign-in-secret-7c1d9e';
  const WRONG = 'wrong-guess-4b2a8f';
  let server: ConsoleServer;
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const fresh = trailReader(() => server, bearer);

  beforeAll(async () => {
    server = await startConsole({ token: TOKEN, plugins: withAudit() });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('is read only with the token or a sign-in', async () => {
    const refused = await send(auditUrl(server), 'GET');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('console_sign_in_required');
    expect((await send(auditUrl(server, {}, true), 'GET')).status).toBe(401);
    expect((await send(auditUrl(server), 'GET', { headers: bearer })).status).toBe(200);
  });

  it('records signing in and out, never the token', async () => {
    const url = server.origin + SIGN_IN_PATH;
    expect((await send(url, 'POST', { json: { token: WRONG } })).status).toBe(401);
    const signedIn = await send(url, 'POST', { json: { token: TOKEN } });
    expect(signedIn.status).toBe(204);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await send(url, 'DELETE', { headers: { cookie } })).status).toBe(204);
    const entries = await fresh(3);
    expect(entries).toMatchObject([
      { action: 'sign-in', status: 401, error_code: 'unauthorized', outcome: 'error', label: LABEL },
      { action: 'sign-in', status: 204, outcome: 'ok' },
      { action: 'sign-out', status: 204 },
    ]);
    for (const entry of entries) expect(entry).not.toHaveProperty('connection');

    const json = JSON.stringify(await readAudit(server, { limit: 100 }, bearer));
    const csv = await (await fetch(auditUrl(server, {}, true), { headers: bearer })).text();
    const files = fs
      .readdirSync(server.dataDir)
      .filter((name) => name.startsWith(CONSOLE_DB_FILE))
      .map((name) => fs.readFileSync(path.join(server.dataDir, name)).toString('latin1'));
    expect(files.length).toBeGreaterThan(0);
    for (const text of [json, csv, ...files]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(WRONG);
      expect(text).not.toContain(cookie.split('=')[1]);
    }
  });
});

describe('the audit trail across restarts', () => {
  it('keeps every entry in the data folder, and numbers on after them', async () => {
    const dataDir = tempDir('ash-audit-');
    try {
      let server = await startConsole({ dataDir, plugins: withAudit() });
      const fresh = trailReader(() => server);
      expect((await send(server.connectionsUrl('/local/test'), 'POST')).status).toBe(200);
      const [before] = await fresh(1);
      await server.close();

      server = await startConsole({ dataDir, plugins: withAudit() });
      try {
        expect((await readAudit(server)).data).toEqual([before]);
        expect((await send(server.connectionsUrl('/local/test'), 'POST')).status).toBe(200);
        const [after] = await fresh(1);
        expect(Number(after!.id.slice(3))).toBeGreaterThan(Number(before!.id.slice(3)));
      } finally {
        await server.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
