import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  ISOLATION_KEY_HEADER,
  type AgentSession,
  type ErrorBody,
  type List,
} from '@contract';
import { call, startHost, type Query, type TestHost } from '../helpers/host';
import { agentPid, alive, waitForStatus } from '../helpers/sessions';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-lifecycle.json', import.meta.url));
/** Runs a real process per session. */
const LIVE = 'ready-agent';
/** Its versions name an image the local host cannot run, so its sessions cost no process: good for bulk. */
const INERT = 'inert-agent';

async function create(
  host: TestHost,
  agent: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) {
  const res = await call<AgentSession>(host, 'POST', apiPaths.sessions(agent), { body, headers });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const get = (host: TestHost, agent: string, id: string) =>
  call<AgentSession>(host, 'GET', apiPaths.session(agent, id));

const sessionDir = (host: TestHost, agent: string, id: string) =>
  path.join(host.dataDir, 'sandboxes', agent, id);

const ids = (list: List<AgentSession>) => list.data.map((s) => s.agent_session_id);
const sid = (n: number) => `session-${String(n).padStart(3, '0')}`;

describe('sessions: create and get', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile });
  });
  afterAll(() => host.close());

  it('creates a session on an explicit version and gets it back', async () => {
    const s = await create(host, INERT, {
      version_indicator: { type: 'version_ref', agent_version: '1' },
      agent_session_id: 'explicit-1',
    });
    expect(s.agent_session_id).toBe('explicit-1');
    expect(s.version_indicator).toEqual({ type: 'version_ref', agent_version: '1' });
    expect(s.created_at).toBeTypeOf('number');
    expect(Number.isInteger(s.created_at)).toBe(true);
    expect(s.last_accessed_at).toBeGreaterThanOrEqual(s.created_at);
    expect(s.expires_at).toBeGreaterThan(s.created_at);

    const got = await get(host, INERT, 'explicit-1');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      agent_session_id: 'explicit-1',
      version_indicator: s.version_indicator,
    });
    await call(host, 'DELETE', apiPaths.session(INERT, 'explicit-1'));
  });

  it('a live session starts creating or active and carries the version it runs', async () => {
    const s = await create(host, LIVE, { version_indicator: { type: 'version_ref', agent_version: '1' } });
    expect(['creating', 'active']).toContain(s.status);
    expect(s.agent_session_id).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    await waitForStatus(host, LIVE, s.agent_session_id, 'active');
    await call(host, 'DELETE', apiPaths.session(LIVE, s.agent_session_id));
  });

  it('takes the latest version when no version is named and the endpoint has no selector', async () => {
    const s = await create(host, INERT, {});
    expect(s.version_indicator.agent_version).toBe('2');
    await call(host, 'DELETE', apiPaths.session(INERT, s.agent_session_id));
  });

  it('takes an empty POST: no body at all, or an empty JSON body', async () => {
    const bare = await call<AgentSession>(host, 'POST', apiPaths.sessions(INERT));
    expect(bare.status, bare.text).toBe(201);
    expect(bare.body.version_indicator.agent_version).toBe('2');

    // Clients that always send a JSON content type send it on a body-less POST too.
    const typed = await call<AgentSession>(host, 'POST', apiPaths.sessions(INERT), {
      contentType: 'application/json',
    });
    expect(typed.status, typed.text).toBe(201);

    for (const s of [bare.body, typed.body])
      await call(host, 'DELETE', apiPaths.session(INERT, s.agent_session_id));
  });

  it('400s an unknown version, naming the field', async () => {
    const res = await call(host, 'POST', apiPaths.sessions(INERT), {
      body: { version_indicator: { type: 'version_ref', agent_version: '9' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_request',
      param: 'version_indicator.agent_version',
    });
  });

  it('400s malformed create bodies, naming the field', async () => {
    const cases: [unknown, string | undefined][] = [
      [{ version_indicator: { type: 'version_ref' } }, 'version_indicator.agent_version'],
      [{ version_indicator: { type: 'branch', agent_version: '1' } }, 'version_indicator.type'],
      [{ version_indicator: { type: 'version_ref', agent_version: '' } }, 'version_indicator.agent_version'],
      [{ version_indicator: 'latest' }, 'version_indicator'],
      [{ agent_session_id: { id: 'abcdefgh' } }, 'agent_session_id'],
      ['"just a string"', undefined],
    ];
    for (const [body, param] of cases) {
      const res = await call(host, 'POST', apiPaths.sessions(INERT), { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      if (param) expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
  });

  it('validates a caller-chosen id and refuses a duplicate with 409', async () => {
    const bad = ['short7c', 'has.dots.in', 'has space', 'slash/ed-id', 'ümlauted-id', 'x'.repeat(129)];
    for (const id of bad) {
      const res = await call(host, 'POST', apiPaths.sessions(INERT), { body: { agent_session_id: id } });
      expect(res.status, id).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'agent_session_id' });
    }
    const edge = ['A-b_3456', 'y'.repeat(128)];
    for (const id of edge)
      expect((await create(host, INERT, { agent_session_id: id })).agent_session_id).toBe(id);

    const dup = await call(host, 'POST', apiPaths.sessions(INERT), {
      body: { agent_session_id: 'A-b_3456' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');

    // The same id is free on another agent.
    const other = await create(host, LIVE, { agent_session_id: 'A-b_3456' });
    expect(other.agent_session_id).toBe('A-b_3456');

    for (const id of edge) await call(host, 'DELETE', apiPaths.session(INERT, id));
    await call(host, 'DELETE', apiPaths.session(LIVE, 'A-b_3456'));
  });

  it('404s an unknown session and an unknown agent on every session route', async () => {
    const s = await create(host, INERT, { agent_session_id: 'known-session' });
    const cases: [string, string][] = [
      ['GET', apiPaths.session(INERT, 'no-such-session')],
      ['POST', apiPaths.sessionStop(INERT, 'no-such-session')],
      ['GET', apiPaths.session('no-such-agent', s.agent_session_id)],
      ['GET', apiPaths.sessions('no-such-agent')],
      ['POST', apiPaths.sessions('no-such-agent')],
      ['POST', apiPaths.sessionStop('no-such-agent', s.agent_session_id)],
      ['DELETE', apiPaths.session('no-such-agent', s.agent_session_id)],
      ['POST', `${apiPaths.session(INERT, s.agent_session_id)}:restart`],
    ];
    for (const [method, p] of cases) {
      const res = await call(host, method, p);
      expect(res.status, `${method} ${p}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    // None of those touched the real session.
    expect((await get(host, INERT, s.agent_session_id)).status).toBe(200);
    await call(host, 'DELETE', apiPaths.session(INERT, s.agent_session_id));
  });
});

describe('sessions: selector', () => {
  let host: TestHost;
  afterEach(() => host.close());

  it('follows the endpoint version selector when no version is named', async () => {
    host = await startHost({ catalogFile });
    const patched = await call(host, 'PATCH', apiPaths.agent(INERT), {
      contentType: 'application/merge-patch+json',
      body: {
        agent_endpoint: {
          version_selector: {
            version_selection_rules: [
              { type: 'FixedRatio', agent_version: '1', traffic_percentage: 100 },
              { type: 'FixedRatio', agent_version: '2', traffic_percentage: 0 },
            ],
          },
        },
      },
    });
    expect(patched.status).toBe(200);
    for (let i = 0; i < 12; i++) {
      const s = await create(host, INERT, {});
      expect(s.version_indicator.agent_version).toBe('1');
    }
    // An explicit version still wins over the selector.
    const explicit = await create(host, INERT, {
      version_indicator: { type: 'version_ref', agent_version: '2' },
    });
    expect(explicit.version_indicator.agent_version).toBe('2');
  });
});

describe('sessions: list', () => {
  let host: TestHost;
  // Lists see every session of an agent, so each test has a host to itself.
  afterEach(() => host.close());

  async function seed(count: number): Promise<string[]> {
    const made: string[] = [];
    for (let i = 1; i <= count; i++)
      made.push((await create(host, INERT, { agent_session_id: sid(i) })).agent_session_id);
    return made;
  }
  const list = (query: Query) => call<List<AgentSession>>(host, 'GET', apiPaths.sessions(INERT), { query });

  it('defaults to 20, newest first, and pages with limit, order, after and before', async () => {
    host = await startHost({ catalogFile });
    const empty = await list({});
    expect(empty.body).toMatchObject({ data: [], has_more: false });
    expect(empty.body.first_id).toBeUndefined();

    const made = await seed(25);
    const newestFirst = [...made].reverse();

    const first = await list({});
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual(newestFirst.slice(0, 20));
    expect(first.body).toMatchObject({ first_id: sid(25), last_id: sid(6), has_more: true });

    const rest = await list({ after: first.body.last_id });
    expect(ids(rest.body)).toEqual(newestFirst.slice(20));
    expect(rest.body).toMatchObject({ first_id: sid(5), last_id: sid(1), has_more: false });

    const asc = await list({ order: 'asc', limit: 10 });
    expect(ids(asc.body)).toEqual(made.slice(0, 10));
    expect(asc.body.has_more).toBe(true);
    const asc2 = await list({ order: 'asc', limit: 10, after: sid(10) });
    expect(ids(asc2.body)).toEqual(made.slice(10, 20));
    const asc3 = await list({ order: 'asc', limit: 10, after: sid(20) });
    expect(ids(asc3.body)).toEqual(made.slice(20));
    expect(asc3.body.has_more).toBe(false);

    // before: the page just ahead of the cursor, in list order.
    const backAsc = await list({ order: 'asc', limit: 5, before: sid(11) });
    expect(ids(backAsc.body)).toEqual([sid(6), sid(7), sid(8), sid(9), sid(10)]);
    expect(backAsc.body).toMatchObject({ first_id: sid(6), last_id: sid(10), has_more: true });
    const backAscStart = await list({ order: 'asc', limit: 5, before: sid(4) });
    expect(ids(backAscStart.body)).toEqual([sid(1), sid(2), sid(3)]);
    expect(backAscStart.body.has_more).toBe(false);

    const backDesc = await list({ limit: 5, before: sid(11) });
    expect(ids(backDesc.body)).toEqual([sid(16), sid(15), sid(14), sid(13), sid(12)]);
    expect(backDesc.body.has_more).toBe(true);
    const backDescTop = await list({ limit: 5, before: sid(22) });
    expect(ids(backDescTop.body)).toEqual([sid(25), sid(24), sid(23)]);
    expect(backDescTop.body.has_more).toBe(false);

    const one = await list({ limit: 1 });
    expect(ids(one.body)).toEqual([sid(25)]);
    expect(one.body).toMatchObject({ first_id: sid(25), last_id: sid(25), has_more: true });

    const exact = await list({ limit: 25 });
    expect(exact.body.data).toHaveLength(25);
    expect(exact.body.has_more).toBe(false);
    const max = await list({ limit: 100 });
    expect(max.body.data).toHaveLength(25);
  });

  it('400s out-of-range or malformed paging values and unknown cursors', async () => {
    host = await startHost({ catalogFile });
    await seed(2);
    const cases: [Query, string | undefined][] = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'abc' }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ limit: -1 }, 'limit'],
      [{ order: 'newest' }, 'order'],
      [{ order: 'ASC' }, 'order'],
      [{ after: 'never-existed' }, 'after'],
      [{ before: 'never-existed' }, 'before'],
      [{ after: sid(1), before: sid(2) }, undefined],
    ];
    for (const [query, param] of cases) {
      const res = await call(host, 'GET', apiPaths.sessions(INERT), { query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      if (param) expect(res.body.error.param, JSON.stringify(query)).toBe(param);
    }
  });

  it('keeps cursors correct while sessions are created and deleted between pages', async () => {
    host = await startHost({ catalogFile });
    await seed(25);
    const page1 = await list({ limit: 10 });
    expect(ids(page1.body)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16].map(sid));
    const cursor = page1.body.last_id!;
    expect(cursor).toBe(sid(16));

    // Between pages: the cursor session and some others go, new ones arrive.
    for (const n of [16, 14, 10, 22]) {
      expect((await call(host, 'DELETE', apiPaths.session(INERT, sid(n)))).status).toBe(204);
    }
    for (const n of [26, 27, 28]) await create(host, INERT, { agent_session_id: sid(n) });

    const page2 = await list({ limit: 10, after: cursor });
    expect(page2.status).toBe(200);
    expect(ids(page2.body)).toEqual([15, 13, 12, 11, 9, 8, 7, 6, 5, 4].map(sid));
    expect(page2.body.has_more).toBe(true);
    const page3 = await list({ limit: 10, after: page2.body.last_id });
    expect(ids(page3.body)).toEqual([3, 2, 1].map(sid));
    expect(page3.body.has_more).toBe(false);

    // Walking back from the deleted cursor finds the newer survivors and the new sessions.
    const back = await list({ limit: 10, before: cursor });
    expect(ids(back.body)).toEqual([27, 26, 25, 24, 23, 21, 20, 19, 18, 17].map(sid));
    expect(back.body.has_more).toBe(true);
    const back2 = await list({ limit: 10, before: back.body.first_id });
    expect(ids(back2.body)).toEqual([sid(28)]);
    expect(back2.body.has_more).toBe(false);

    // Every survivor shows up exactly once across a full walk.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await list({ limit: 7, order: 'asc', after });
      seen.push(...ids(page.body));
      if (!page.body.has_more) break;
      after = page.body.last_id;
    }
    const survivors = [...Array.from({ length: 28 }, (_, i) => i + 1)].filter(
      (n) => ![16, 14, 10, 22].includes(n),
    );
    expect(seen).toEqual(survivors.map(sid));
  });
});

describe('sessions: stop and delete', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile, killGraceMs: 2000 });
  });
  afterAll(() => host.close());

  it('a list page shows every change at once, even one it served a moment before', async () => {
    // The host keeps serialized pages; any write to the agent's sessions must drop them.
    const listed = async () =>
      (await call<List<AgentSession>>(host, 'GET', apiPaths.sessions(LIVE), { query: { limit: 100 } })).body
        .data;
    const session = await create(host, LIVE, { agent_session_id: 'cache-watch-1' });
    expect((await listed()).map((s) => s.agent_session_id)).toContain(session.agent_session_id);
    expect((await call(host, 'POST', apiPaths.sessionStop(LIVE, 'cache-watch-1'))).status).toBe(204);
    expect((await listed()).find((s) => s.agent_session_id === 'cache-watch-1')?.status).toBe('idle');
    expect((await call(host, 'DELETE', apiPaths.session(LIVE, 'cache-watch-1'))).status).toBe(204);
    expect((await listed()).map((s) => s.agent_session_id)).not.toContain('cache-watch-1');
  });

  it('stop answers 204, ends the process and leaves the session idle with stopped_at', async () => {
    const s = await create(host, LIVE);
    await waitForStatus(host, LIVE, s.agent_session_id, 'active');
    const pid = await agentPid(host.dataDir, LIVE, s.agent_session_id);
    expect(alive(pid)).toBe(true);

    const stop = await call(host, 'POST', apiPaths.sessionStop(LIVE, s.agent_session_id));
    expect(stop.status).toBe(204);
    expect(stop.text).toBe('');
    expect(alive(pid)).toBe(false);
    const after = await get(host, LIVE, s.agent_session_id);
    expect(after.body.status).toBe('idle');
    expect(after.body.stopped_at).toBeTypeOf('number');
    // Its files are kept.
    expect(fs.existsSync(path.join(sessionDir(host, LIVE, s.agent_session_id), 'home', 'env.json'))).toBe(
      true,
    );

    // Stopping an idle session is fine.
    const again = await call(host, 'POST', apiPaths.sessionStop(LIVE, s.agent_session_id));
    expect(again.status).toBe(204);
    expect((await get(host, LIVE, s.agent_session_id)).body.status).toBe('idle');
    await call(host, 'DELETE', apiPaths.session(LIVE, s.agent_session_id));
  });

  it('stop of a session still starting ends it too', async () => {
    const s = await create(host, 'never-ready-agent');
    const pid = await agentPid(host.dataDir, 'never-ready-agent', s.agent_session_id);
    expect((await get(host, 'never-ready-agent', s.agent_session_id)).body.status).toBe('creating');
    expect(
      (await call(host, 'POST', apiPaths.sessionStop('never-ready-agent', s.agent_session_id))).status,
    ).toBe(204);
    expect(alive(pid)).toBe(false);
    const after = await get(host, 'never-ready-agent', s.agent_session_id);
    expect(after.body.status).toBe('idle');
    expect(after.body.stopped_at).toBeTypeOf('number');
    await call(host, 'DELETE', apiPaths.session('never-ready-agent', s.agent_session_id));
  });

  it('delete answers 204, ends the process and removes the session and its folder', async () => {
    const s = await create(host, LIVE);
    await waitForStatus(host, LIVE, s.agent_session_id, 'active');
    const pid = await agentPid(host.dataDir, LIVE, s.agent_session_id);
    const dir = sessionDir(host, LIVE, s.agent_session_id);
    expect(fs.existsSync(dir)).toBe(true);

    const del = await call(host, 'DELETE', apiPaths.session(LIVE, s.agent_session_id));
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
    const gone = await get(host, LIVE, s.agent_session_id);
    expect(gone.status).toBe(404);
    expect((gone.body as unknown as ErrorBody).error.code).toBe('not_found');
    const listed = await call<List<AgentSession>>(host, 'GET', apiPaths.sessions(LIVE), {
      query: { limit: 100 },
    });
    expect(ids(listed.body)).not.toContain(s.agent_session_id);

    // Deleting what is not there is fine, twice over.
    expect((await call(host, 'DELETE', apiPaths.session(LIVE, s.agent_session_id))).status).toBe(204);
    expect((await call(host, 'DELETE', apiPaths.session(LIVE, 'never-was-here'))).status).toBe(204);
    // The id can be used again.
    const reused = await create(host, INERT, { agent_session_id: s.agent_session_id });
    expect(reused.agent_session_id).toBe(s.agent_session_id);
    await call(host, 'DELETE', apiPaths.session(INERT, reused.agent_session_id));
  });
});

describe('sessions: ownership', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile });
  });
  afterAll(() => host.close());

  const OWNER = 'owner-key-k1-7d1f';
  const OTHER = 'owner-key-k2-93ab';
  const withKey = (key: string) => ({ [ISOLATION_KEY_HEADER]: key });

  it('only the owner key may stop or delete an owned session', async () => {
    const s = await create(host, LIVE, {}, withKey(OWNER));
    const id = s.agent_session_id;
    for (const headers of [{}, withKey(OTHER), withKey('')]) {
      for (const [method, p] of [
        ['POST', apiPaths.sessionStop(LIVE, id)],
        ['DELETE', apiPaths.session(LIVE, id)],
      ] as const) {
        const res = await call(host, method, p, { headers });
        expect(res.status, `${method} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.body.error.code).toBe('session_not_accessible');
      }
    }
    // Reading needs no key, and the refused calls changed nothing.
    const seen = await waitForStatus(host, LIVE, id, 'active');
    expect(seen.agent_session_id).toBe(id);

    expect(
      (await call(host, 'POST', apiPaths.sessionStop(LIVE, id), { headers: withKey(OWNER) })).status,
    ).toBe(204);
    expect((await get(host, LIVE, id)).body.status).toBe('idle');
    expect((await call(host, 'DELETE', apiPaths.session(LIVE, id), { headers: withKey(OWNER) })).status).toBe(
      204,
    );
    expect((await get(host, LIVE, id)).status).toBe(404);
  });

  it('a session made without a key has no owner: any caller may change it', async () => {
    const s = await create(host, INERT);
    const id = s.agent_session_id;
    expect(
      (await call(host, 'POST', apiPaths.sessionStop(INERT, id), { headers: withKey(OTHER) })).status,
    ).toBe(204);
    expect((await call(host, 'POST', apiPaths.sessionStop(INERT, id))).status).toBe(204);
    expect(
      (await call(host, 'DELETE', apiPaths.session(INERT, id), { headers: withKey(OWNER) })).status,
    ).toBe(204);
    expect((await get(host, INERT, id)).status).toBe(404);
  });

  it('never returns the key', async () => {
    const s = await call<AgentSession>(host, 'POST', apiPaths.sessions(INERT), {
      body: { agent_session_id: 'owned-session-1' },
      headers: withKey(OWNER),
    });
    const replies = [
      s,
      await get(host, INERT, 'owned-session-1'),
      await call(host, 'GET', apiPaths.sessions(INERT)),
      await call(host, 'POST', apiPaths.sessionStop(INERT, 'owned-session-1'), { headers: withKey(OTHER) }),
      await call(host, 'DELETE', apiPaths.session(INERT, 'owned-session-1'), { headers: withKey(OTHER) }),
      await call(host, 'POST', apiPaths.sessions(INERT), {
        body: { agent_session_id: 'owned-session-1' },
        headers: withKey(OWNER),
      }),
    ];
    for (const r of replies) {
      expect(r.text).not.toContain(OWNER);
      expect(r.text).not.toContain(OTHER);
      for (const [name, value] of r.headers) expect(`${name}: ${value}`).not.toContain(OWNER);
    }
    // Only the contract's fields, so nothing derived from the key (a hash, say) leaks either.
    const allowed = [
      'agent_session_id',
      'version_indicator',
      'status',
      'created_at',
      'last_accessed_at',
      'expires_at',
      'stopped_at',
    ];
    expect(Object.keys(s.body).filter((k) => !allowed.includes(k))).toEqual([]);
    await call(host, 'DELETE', apiPaths.session(INERT, 'owned-session-1'), { headers: withKey(OWNER) });
  });
});
