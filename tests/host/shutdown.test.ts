import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths, type AgentSession, type ErrorBody } from '@contract';
import { apiUrl, call, startHost, tempDir, type TestHost } from '../helpers/host';
import { waitFor } from '../helpers/sessions';
import { spawnHost } from '../helpers/spawn-host';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Api = Pick<TestHost, 'url'>;

/**
 * A catalog with two agents that keep a call waiting: the sample job agent taking ten minutes a step (so an
 * invocation sits at the agent), and one that never finishes starting (so a call sits in the host, waiting
 * for the session it created). Both serve both protocols.
 */
function slowCatalog(dir: string): string {
  const hosted = (program: string, env: Record<string, string> = {}) => ({
    version: '1',
    definition: {
      kind: 'hosted',
      cpu: '0.5',
      memory: '1Gi',
      code_configuration: { entry_point: ['node', path.join(root, program)] },
      environment_variables: env,
    },
  });
  const agent = (name: string, version: ReturnType<typeof hosted>) => ({
    name,
    agent_endpoint: { protocol_configuration: { invocations: {}, responses: {} } },
    versions: [version],
  });
  const file = path.join(dir, 'catalog.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      agents: [
        agent('slow-agent', hosted('src/host/sample-agents/job-agent.mjs', { JOB_STEP_MS: '600000' })),
        agent('starting-agent', hosted('tests/fixtures/agent-waits-for-go.mjs')),
      ],
    }),
  );
  return file;
}

/**
 * Starts a job on a session of the slow agent; resolves once the agent has the request, with the answer to
 * come (wrapped, or awaiting this would wait for the answer too).
 */
async function invocationAtTheAgent(api: Api, dataDir: string) {
  const created = await call<AgentSession>(api, 'POST', apiPaths.sessions('slow-agent'), { body: {} });
  expect(created.status).toBe(201);
  const id = created.body.agent_session_id;
  await waitFor('the session to be active', async () => {
    const { body } = await call<AgentSession>(api, 'GET', apiPaths.session('slow-agent', id));
    return body.status === 'active' || undefined;
  });
  const answer = fetch(api.url(apiPaths.invocations('slow-agent'), { agent_session_id: id }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: 'a long report' }),
  });
  // Errors are read when the test awaits the answer; until then it must not count as unhandled.
  answer.catch(() => {});
  const log = path.join(dataDir, 'sandboxes', 'slow-agent', id, 'log.jsonl');
  await waitFor('the job to start', () =>
    fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('started with input') ? true : undefined,
  );
  return { answer };
}

async function expectShuttingDown(res: Response): Promise<void> {
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status: 503 });
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.code).toBe('service_unavailable');
  expect(body.error.message).toMatch(/^The host is shutting down; /);
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
}

describe('a host that shuts down', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('answers an invocation in flight with a 503 on SIGTERM, then exits cleanly', async () => {
    const dir = tempDir('ash-shutdown-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const host = await spawnHost(dataDir, ['--agents', slowCatalog(dir)]);
    cleanups.push(() => host.child.exitCode === null && host.child.kill('SIGKILL'));
    const api: Api = { url: (p, query) => apiUrl(host.endpoint, p, query) };

    const { answer } = await invocationAtTheAgent(api, dataDir);
    host.child.kill('SIGTERM');
    await expectShuttingDown(await answer);
    expect(await host.exited).toBe(0);
  });

  it('answers calls in flight and calls that arrive while it closes with a 503', async () => {
    // Holds the close at its start, while the server still takes requests, until the test lets it go on.
    let began!: () => void;
    const closeBegan = new Promise<void>((resolve) => (began = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holdClose: FastifyPluginAsync = async (app) => {
      app.addHook('preClose', async () => {
        began();
        await released;
      });
    };
    const dir = tempDir('ash-shutdown-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const host = await startHost({ catalogFile: slowCatalog(dir) }, { plugins: [holdClose] });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= host.close());
    cleanups.push(() => {
      release();
      return close();
    });

    const { answer: invocation } = await invocationAtTheAgent(host, host.dataDir);
    // A Responses call that creates a session and waits in the host for it to be ready.
    const responses = fetch(host.url(apiPaths.responses('starting-agent')), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'hello' }),
    });
    responses.catch(() => {});
    await waitFor('the session the call made', async () => {
      const list = await call<{ data: AgentSession[] }>(host, 'GET', apiPaths.sessions('starting-agent'));
      return list.body.data.length > 0 || undefined;
    });

    const closed = close();
    await closeBegan;
    await expectShuttingDown(await invocation);
    await expectShuttingDown(await responses);
    // Calls that come in while the server still takes them are refused the same way, never dropped.
    await expectShuttingDown(await fetch(host.url(apiPaths.sessions('slow-agent'))));
    await expectShuttingDown(
      await fetch(host.url(apiPaths.invocations('slow-agent')), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    release();
    await closed;
  });
});
