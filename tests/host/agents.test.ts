import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, type Agent, type AgentSession, type AgentVersion, type List } from '@contract';
import { call, startHost, tempDir, type TestHost } from '../helpers/host';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-agents.json', import.meta.url));

const names = (list: List<{ name: string }>) => list.data.map((a) => a.name);
const ruleParam = 'agent_endpoint.version_selector.version_selection_rules';

describe('agents: reading', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile });
  });
  afterAll(() => host.close());

  it('lists every agent, newest first by default, with its latest version', async () => {
    const res = await call<List<Agent>>(host, 'GET', apiPaths.agents());
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['epsilon', 'delta', 'gamma', 'beta', 'alpha']);
    expect(res.body.has_more).toBe(false);
    expect(res.body.first_id).toBe('epsilon');
    expect(res.body.last_id).toBe('alpha');
    const alpha = res.body.data.find((a) => a.name === 'alpha')!;
    expect(alpha).toMatchObject({ object: 'agent', id: 'alpha', state: 'enabled' });
    expect(alpha.versions.latest).toMatchObject({ object: 'agent.version', version: '3', name: 'alpha' });
  });

  it('pages with limit, order, after and before', async () => {
    const first = await call<List<Agent>>(host, 'GET', apiPaths.agents(), {
      query: { limit: 2, order: 'asc' },
    });
    expect(names(first.body)).toEqual(['alpha', 'beta']);
    expect(first.body).toMatchObject({ first_id: 'alpha', last_id: 'beta', has_more: true });

    const second = await call<List<Agent>>(host, 'GET', apiPaths.agents(), {
      query: { limit: 2, order: 'asc', after: 'beta' },
    });
    expect(names(second.body)).toEqual(['gamma', 'delta']);
    expect(second.body.has_more).toBe(true);

    const last = await call<List<Agent>>(host, 'GET', apiPaths.agents(), {
      query: { limit: 2, order: 'asc', after: 'delta' },
    });
    expect(names(last.body)).toEqual(['epsilon']);
    expect(last.body.has_more).toBe(false);

    // `before` gives the page just ahead of the cursor, still in list order.
    const back = await call<List<Agent>>(host, 'GET', apiPaths.agents(), {
      query: { limit: 2, order: 'asc', before: 'epsilon' },
    });
    expect(names(back.body)).toEqual(['gamma', 'delta']);
    expect(back.body.has_more).toBe(true);

    const desc = await call<List<Agent>>(host, 'GET', apiPaths.agents(), {
      query: { limit: 3, after: 'delta' },
    });
    expect(names(desc.body)).toEqual(['gamma', 'beta', 'alpha']);
    expect(desc.body.has_more).toBe(false);
  });

  it('rejects bad paging values with a 400 naming the parameter', async () => {
    for (const [query, param] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'abc' }, 'limit'],
      [{ order: 'sideways' }, 'order'],
      [{ after: 'nobody' }, 'after'],
      [{ before: 'nobody' }, 'before'],
      [{ after: 'alpha', before: 'gamma' }, undefined],
    ] as const) {
      const res = await call(host, 'GET', apiPaths.agents(), { query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      if (param) expect(res.body.error.param, JSON.stringify(query)).toBe(param);
    }
  });

  it('filters by kind before paging, so pages stay full and cursors right', async () => {
    const hosted = await call<List<Agent>>(host, 'GET', apiPaths.agents(), { query: { kind: 'hosted' } });
    expect(names(hosted.body)).toEqual(['epsilon', 'gamma', 'alpha']);
    const prompt = await call<List<Agent>>(host, 'GET', apiPaths.agents(), { query: { kind: 'prompt' } });
    expect(names(prompt.body)).toEqual(['delta', 'beta']);
    const none = await call<List<Agent>>(host, 'GET', apiPaths.agents(), { query: { kind: 'workflow' } });
    expect(none.body).toEqual({ object: 'list', data: [], has_more: false });
    // An empty filter is no filter.
    const blank = await call<List<Agent>>(host, 'GET', apiPaths.agents(), { query: { kind: '' } });
    expect(blank.body.data).toHaveLength(5);

    const page1 = await call<List<Agent>>(host, 'GET', apiPaths.agents(), {
      query: { kind: 'hosted', limit: 2 },
    });
    expect(names(page1.body)).toEqual(['epsilon', 'gamma']);
    expect(page1.body).toMatchObject({ first_id: 'epsilon', last_id: 'gamma', has_more: true });
    const page2 = await call<List<Agent>>(host, 'GET', apiPaths.agents(), {
      query: { kind: 'hosted', limit: 2, after: 'gamma' },
    });
    expect(names(page2.body)).toEqual(['alpha']);
    expect(page2.body.has_more).toBe(false);
  });

  it('gets one agent, and 404s an unknown one', async () => {
    const res = await call<Agent>(host, 'GET', apiPaths.agent('alpha'));
    expect(res.status).toBe(200);
    expect(res.body.agent_card?.skills[0]?.id).toBe('echo');
    expect(res.body.agent_endpoint?.version_selector?.version_selection_rules).toHaveLength(2);

    const missing = await call(host, 'GET', apiPaths.agent('nobody'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('lists and pages versions, and gets one', async () => {
    const all = await call<List<AgentVersion>>(host, 'GET', apiPaths.versions('alpha'));
    expect(all.status).toBe(200);
    expect(all.body.data.map((v) => v.version)).toEqual(['3', '2', '1']);
    expect(all.body.data[2]).toMatchObject({
      object: 'agent.version',
      id: 'alpha:1',
      name: 'alpha',
      description: 'first',
      created_at: 1700000000,
      metadata: { owner: 'tests' },
      definition: { kind: 'hosted', cpu: '0.5', memory: '1Gi' },
    });

    const page = await call<List<AgentVersion>>(host, 'GET', apiPaths.versions('alpha'), {
      query: { limit: 1, order: 'asc', after: all.body.data[2]!.id },
    });
    expect(page.body.data.map((v) => v.version)).toEqual(['2']);
    expect(page.body.has_more).toBe(true);

    const one = await call<AgentVersion>(host, 'GET', apiPaths.version('alpha', '2'));
    expect(one.status).toBe(200);
    expect(one.body.definition).toMatchObject({ environment_variables: { STYLE: 'brief' } });

    const back = await call<List<AgentVersion>>(host, 'GET', apiPaths.versions('alpha'), {
      query: { limit: 1, before: '1' },
    });
    expect(back.body.data.map((v) => v.version)).toEqual(['2']);
    expect(back.body.has_more).toBe(true);

    // Kinds the host cannot run still come back whole.
    const prompt = await call<AgentVersion>(host, 'GET', apiPaths.version('beta', '1'));
    expect(prompt.body.definition).toEqual({ kind: 'prompt', model: 'gpt-4o' });
  });

  it('404s versions of an unknown agent and an unknown version', async () => {
    for (const p of [
      apiPaths.versions('nobody'),
      apiPaths.version('nobody', '1'),
      apiPaths.version('alpha', '9'),
    ]) {
      const res = await call(host, 'GET', p);
      expect(res.status, p).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const badCursor = await call(host, 'GET', apiPaths.versions('alpha'), { query: { after: '9' } });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.param).toBe('after');
    const badLimit = await call(host, 'GET', apiPaths.versions('alpha'), { query: { limit: 101 } });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.param).toBe('limit');
  });
});

describe('agents: PATCH as a JSON merge patch', () => {
  let host: TestHost;
  let running: TestHost | undefined;
  // Each test patches, so each gets a host of its own.
  const start = async (dataDir?: string) => {
    host = running = await startHost({ catalogFile, ...(dataDir && { dataDir }) });
  };
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  const patch = (body: unknown, contentType = 'application/merge-patch+json') =>
    call<Agent>(host, 'PATCH', apiPaths.agent('alpha'), { body, contentType });

  it('merges nested members, removes with null and replaces arrays (merge-patch+json)', async () => {
    await start();
    const res = await patch({
      agent_endpoint: {
        protocol_configuration: { mcp: {}, invocations: null },
        authorization_schemes: [{ type: 'ApiKey' }],
      },
      agent_card: { description: null, skills: [{ id: 'sum', name: 'Sum', examples: ['1+1'] }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.agent_endpoint).toEqual({
      version_selector: {
        version_selection_rules: [
          { type: 'FixedRatio', agent_version: '1', traffic_percentage: 40 },
          { type: 'FixedRatio', agent_version: '2', traffic_percentage: 60 },
        ],
      },
      protocol_configuration: { responses: {}, mcp: {} },
      authorization_schemes: [{ type: 'ApiKey' }],
    });
    expect(res.body.agent_card).toEqual({
      version: '1.0',
      skills: [{ id: 'sum', name: 'Sum', examples: ['1+1'] }],
    });

    const again = await call<Agent>(host, 'GET', apiPaths.agent('alpha'));
    expect(again.body.agent_endpoint).toEqual(res.body.agent_endpoint);
    expect(again.body.agent_card).toEqual(res.body.agent_card);
  });

  it('takes application/json too, and null removes a whole member', async () => {
    await start();
    const res = await patch(
      { agent_card: null, agent_endpoint: { version_selector: null } },
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(res.body.agent_card).toBeUndefined();
    expect(res.body.agent_endpoint).toEqual({
      protocol_configuration: { responses: {}, invocations: {} },
      authorization_schemes: [{ type: 'Entra' }],
    });
    // A media type with parameters is still the same media type.
    const withCharset = await patch(
      { agent_card: { version: '2', skills: [] } },
      'application/merge-patch+json; charset=utf-8',
    );
    expect(withCharset.status).toBe(200);
    expect(withCharset.body.agent_card).toEqual({ version: '2', skills: [] });
  });

  it('sets a card and an endpoint on an agent that had none', async () => {
    await start();
    const res = await call<Agent>(host, 'PATCH', apiPaths.agent('gamma'), {
      contentType: 'application/merge-patch+json',
      body: {
        agent_endpoint: {
          version_selector: {
            version_selection_rules: [{ type: 'FixedRatio', agent_version: '1', traffic_percentage: 100 }],
          },
        },
        agent_card: { version: '1', skills: [{ id: 's', name: 'S' }] },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.agent_endpoint?.version_selector?.version_selection_rules[0]?.traffic_percentage).toBe(
      100,
    );
    expect(res.body.agent_card?.skills).toEqual([{ id: 's', name: 'S' }]);
  });

  it('an empty patch changes nothing', async () => {
    await start();
    const before = await call<Agent>(host, 'GET', apiPaths.agent('alpha'));
    const res = await patch({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(before.body);
  });

  it('traffic rules must name existing versions, once each, and add up to 100', async () => {
    await start();
    const rules = (...r: [string, number][]) => ({
      agent_endpoint: {
        version_selector: {
          version_selection_rules: r.map(([v, p]) => ({
            type: 'FixedRatio',
            agent_version: v,
            traffic_percentage: p,
          })),
        },
      },
    });
    const cases: [unknown, string][] = [
      [rules(['1', 50], ['9', 50]), `${ruleParam}[1].agent_version`],
      [rules(['1', 50], ['1', 50]), `${ruleParam}[1].agent_version`],
      [rules(['1', 50], ['2', 40]), ruleParam],
      [rules(['1', 60], ['2', 60]), ruleParam],
      [rules(['1', 150]), `${ruleParam}[0].traffic_percentage`],
      [rules(['1', -5], ['2', 105]), `${ruleParam}[0].traffic_percentage`],
    ];
    for (const [body, param] of cases) {
      const res = await call(host, 'PATCH', apiPaths.agent('alpha'), {
        body,
        contentType: 'application/merge-patch+json',
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
    const fine = await patch(rules(['3', 70], ['1', 30]));
    expect(fine.status).toBe(200);
    // Nothing a refused patch carried was kept.
    expect(
      fine.body.agent_endpoint?.version_selector?.version_selection_rules.map((r) => r.agent_version),
    ).toEqual(['3', '1']);
  });

  it('validation errors name the field in param, and a refused patch changes nothing', async () => {
    await start();
    const before = await call<Agent>(host, 'GET', apiPaths.agent('alpha'));
    const cases: [unknown, string][] = [
      [{ agent_card: { skills: 'many' } }, 'agent_card.skills'],
      [{ agent_card: { skills: [{ id: 'x' }] } }, 'agent_card.skills[0].name'],
      [{ agent_card: { version: null } }, 'agent_card.version'],
      [{ agent_card: { skills: [{ id: 'x', name: 'X', tags: 'nope' }] } }, 'agent_card.skills[0].tags'],
      [{ agent_endpoint: { authorization_schemes: {} } }, 'agent_endpoint.authorization_schemes'],
      [
        { agent_endpoint: { protocol_configuration: { responses: true } } },
        'agent_endpoint.protocol_configuration.responses',
      ],
      [{ agent_endpoint: 'on' }, 'agent_endpoint'],
      [{ agent_card: [1] }, 'agent_card'],
      [{ name: 'renamed' }, 'name'],
    ];
    for (const [body, param] of cases) {
      const res = await call(host, 'PATCH', apiPaths.agent('alpha'), {
        body,
        contentType: 'application/merge-patch+json',
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
    const after = await call<Agent>(host, 'GET', apiPaths.agent('alpha'));
    expect(after.body).toEqual(before.body);
  });

  it('a card without a version cannot be created by a patch', async () => {
    await start();
    const res = await call(host, 'PATCH', apiPaths.agent('gamma'), {
      body: { agent_card: { skills: [] } },
      contentType: 'application/merge-patch+json',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('agent_card.version');
  });

  it('refuses malformed bodies and other media types, and 404s an unknown agent', async () => {
    await start();
    const broken = await call(host, 'PATCH', apiPaths.agent('alpha'), {
      body: '{"agent_card": ',
      contentType: 'application/merge-patch+json',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_request');

    const notObject = await call(host, 'PATCH', apiPaths.agent('alpha'), {
      body: [],
      contentType: 'application/json',
    });
    expect(notObject.status).toBe(400);

    // text/plain is parsed as a string, which is not an object.
    const text = await call(host, 'PATCH', apiPaths.agent('alpha'), {
      body: 'agent_card=1',
      contentType: 'text/plain',
    });
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('invalid_request');

    const xml = await call(host, 'PATCH', apiPaths.agent('alpha'), {
      body: '<agent/>',
      contentType: 'application/xml',
    });
    expect(xml.status).toBe(415);
    expect(xml.body.error.message).toBeTypeOf('string');

    const missing = await call(host, 'PATCH', apiPaths.agent('nobody'), {
      body: { agent_card: null },
      contentType: 'application/merge-patch+json',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('keeps the patched endpoint and card, and the agent state, across a restart', async () => {
    const dataDir = tempDir();
    try {
      await start(dataDir);
      const res = await patch({
        agent_endpoint: {
          version_selector: {
            version_selection_rules: [{ type: 'FixedRatio', agent_version: '2', traffic_percentage: 100 }],
          },
          authorization_schemes: null,
        },
        agent_card: { description: 'patched' },
      });
      expect(res.status).toBe(200);
      expect((await call(host, 'POST', apiPaths.agentAction('gamma', 'disable'))).status).toBe(204);
      await host.close();
      running = undefined;

      await start(dataDir);
      const after = await call<Agent>(host, 'GET', apiPaths.agent('alpha'));
      expect(after.body.agent_endpoint).toEqual(res.body.agent_endpoint);
      expect(after.body.agent_endpoint?.authorization_schemes).toBeUndefined();
      expect(after.body.agent_card?.description).toBe('patched');
      const gamma = await call<Agent>(host, 'GET', apiPaths.agent('gamma'));
      expect(gamma.body.state).toBe('disabled');
    } finally {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      // afterEach closes again; closing twice is harmless but start a throwaway host so it has one to close.
      await start();
    }
  });
});

describe('agents: enable and disable', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile });
  });
  afterAll(() => host.close());

  it('disable answers 204, shows in the agent, and refuses new sessions with 409; enable undoes it', async () => {
    const off = await call(host, 'POST', apiPaths.agentAction('epsilon', 'disable'));
    expect(off.status).toBe(204);
    expect(off.body).toBeUndefined();
    expect((await call<Agent>(host, 'GET', apiPaths.agent('epsilon'))).body.state).toBe('disabled');

    const refused = await call(host, 'POST', apiPaths.sessions('epsilon'), { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');

    // Disabling twice is no error.
    expect((await call(host, 'POST', apiPaths.agentAction('epsilon', 'disable'))).status).toBe(204);
    expect((await call(host, 'POST', apiPaths.agentAction('epsilon', 'enable'))).status).toBe(204);
    expect((await call<Agent>(host, 'GET', apiPaths.agent('epsilon'))).body.state).toBe('enabled');

    const created = await call<AgentSession>(host, 'POST', apiPaths.sessions('epsilon'), { body: {} });
    expect(created.status).toBe(201);
    const del = await call(host, 'DELETE', apiPaths.session('epsilon', created.body.agent_session_id));
    expect(del.status).toBe(204);
  });

  it('404s an unknown agent and an unknown action', async () => {
    const unknownAgent = await call(host, 'POST', apiPaths.agentAction('nobody', 'enable'));
    expect(unknownAgent.status).toBe(404);
    expect(unknownAgent.body.error.code).toBe('not_found');

    for (const p of ['/agents/alpha:explode', '/agents/alpha:', '/agents/:enable', '/agents/alpha']) {
      const res = await call(host, 'POST', p);
      expect(res.status, p).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await call<Agent>(host, 'GET', apiPaths.agent('alpha'))).body.state).toBe('enabled');
  });
});
