import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths, type AgentSession } from '@contract';
import type { HostOptions } from '../../src/host/config';
import { call, startHost, tempDir, type TestHost } from '../helpers/host';
import { agentPid, alive, sessionHome, waitFor, waitForStatus } from '../helpers/sessions';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-lifecycle.json', import.meta.url));

async function create(host: TestHost, agent: string, body: unknown = {}): Promise<AgentSession> {
  const res = await call<AgentSession>(host, 'POST', apiPaths.sessions(agent), { body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const get = async (host: TestHost, agent: string, id: string) =>
  (await call<AgentSession>(host, 'GET', apiPaths.session(agent, id))).body;

/**
 * Live processes started for a session, found by the FOUNDRY_AGENT_SESSION_ID the host gives them: for
 * when the session may be gone before its agent got to write a pid file.
 */
function processesOf(sessionId: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs
          .readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .includes(`FOUNDRY_AGENT_SESSION_ID=${sessionId}`);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

/** A process ended by someone else (not this test's host) is reaped a moment later. */
const waitGone = (pid: number) => waitFor(`pid ${pid} to end`, () => (alive(pid) ? undefined : true));

describe('session lifecycle', () => {
  const hosts: TestHost[] = [];
  const dirs: string[] = [];
  const start = async (overrides: Partial<HostOptions> = {}) => {
    const host = await startHost({ catalogFile, ...overrides });
    hosts.push(host);
    return host;
  };
  const ownDir = () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is creating until the readiness probe answers, then active', async () => {
    const host = await start();
    const s = await create(host, 'waits-for-go-agent');
    expect(s.status).toBe('creating');
    // The process runs (it wrote its pid) but is not ready yet, so the session stays creating.
    await agentPid(host.dataDir, 'waits-for-go-agent', s.agent_session_id);
    for (let i = 0; i < 5; i++) {
      expect((await get(host, 'waits-for-go-agent', s.agent_session_id)).status).toBe('creating');
      await new Promise((r) => setTimeout(r, 60));
    }
    fs.writeFileSync(
      path.join(sessionHome(host.dataDir, 'waits-for-go-agent', s.agent_session_id), 'go'),
      '',
    );
    const active = await waitForStatus(host, 'waits-for-go-agent', s.agent_session_id, 'active');
    expect(active.stopped_at).toBeUndefined();
  });

  it('gives the process HOME, PORT and the FOUNDRY_* variables, and nothing of the host', async () => {
    const host = await start();
    const s = await create(host, 'ready-agent', {
      version_indicator: { type: 'version_ref', agent_version: '2' },
    });
    await waitForStatus(host, 'ready-agent', s.agent_session_id, 'active');
    const home = sessionHome(host.dataDir, 'ready-agent', s.agent_session_id);
    // The agent wrote env.json into its HOME; it must land in the session's home folder.
    const envFile = path.join(home, 'env.json');
    await waitFor('env.json', () => (fs.existsSync(envFile) ? true : undefined));
    const env = JSON.parse(fs.readFileSync(envFile, 'utf8')) as Record<string, string | null> & {
      names: string[];
    };
    expect(fs.realpathSync(env.HOME!)).toBe(fs.realpathSync(home));
    expect(env.PORT).toMatch(/^\d+$/);
    expect(env.FOUNDRY_AGENT_NAME).toBe('ready-agent');
    expect(env.FOUNDRY_AGENT_VERSION).toBe('2');
    expect(env.FOUNDRY_AGENT_SESSION_ID).toBe(s.agent_session_id);
    expect(env.FOUNDRY_PROJECT_ENDPOINT).toBe(host.endpoint);
    // The version's environment_variables are passed on.
    expect(env.FIXTURE_FLAVOUR).toBe('two');
    // The host's own environment (tokens, test settings) is not.
    expect(env.names.filter((n) => n.startsWith('VITEST'))).toEqual([]);
  });

  it('becomes idle after the idle timeout: the process ends, stopped_at is set, files stay', async () => {
    const host = await start({ idleTimeoutSeconds: 1 });
    const s = await create(host, 'ready-agent');
    await waitForStatus(host, 'ready-agent', s.agent_session_id, 'active');
    const pid = await agentPid(host.dataDir, 'ready-agent', s.agent_session_id);
    const idle = await waitForStatus(host, 'ready-agent', s.agent_session_id, 'idle', 5000);
    expect(idle.stopped_at).toBeTypeOf('number');
    expect(alive(pid)).toBe(false);
    expect(
      fs.existsSync(path.join(sessionHome(host.dataDir, 'ready-agent', s.agent_session_id), 'env.json')),
    ).toBe(true);
  });

  it('fails when the process dies while starting', async () => {
    const host = await start();
    const s = await create(host, 'exits-agent');
    const failed = await waitForStatus(host, 'exits-agent', s.agent_session_id, 'failed');
    expect(failed.stopped_at).toBeTypeOf('number');
    // A failed session keeps its record; it is not removed or retried on its own.
    expect((await get(host, 'exits-agent', s.agent_session_id)).status).toBe('failed');
  });

  it('fails when the entry point cannot be started at all, and can still be stopped and deleted', async () => {
    // Well inside the default startup timeout: a program that never ran is no reason to wait for it.
    const host = await start();
    const s = await create(host, 'missing-program-agent');
    const failed = await waitForStatus(host, 'missing-program-agent', s.agent_session_id, 'failed', 5000);
    expect(failed.stopped_at).toBeTypeOf('number');
    expect(
      (await call(host, 'POST', apiPaths.sessionStop('missing-program-agent', s.agent_session_id))).status,
    ).toBe(204);
    expect(
      (await call(host, 'DELETE', apiPaths.session('missing-program-agent', s.agent_session_id))).status,
    ).toBe(204);
  });

  it('a session whose program cannot start does not hold up stop or the host closing', async () => {
    const host = await start();
    const stopped = await create(host, 'missing-program-agent');
    expect(
      (await call(host, 'POST', apiPaths.sessionStop('missing-program-agent', stopped.agent_session_id)))
        .status,
    ).toBe(204);
    await create(host, 'missing-program-agent');
    await host.close();
    hosts.splice(hosts.indexOf(host), 1);
  });

  it('fails when the process never becomes ready within the startup timeout, and ends it', async () => {
    const host = await start({ startupTimeoutSeconds: 1, killGraceMs: 500 });
    const s = await create(host, 'never-ready-agent');
    const pid = await agentPid(host.dataDir, 'never-ready-agent', s.agent_session_id);
    await waitForStatus(host, 'never-ready-agent', s.agent_session_id, 'failed', 8000);
    expect(alive(pid)).toBe(false);
  });

  it('SIGKILLs an agent that ignores SIGTERM once the grace period is over', async () => {
    const host = await start({ killGraceMs: 300 });
    const s = await create(host, 'stubborn-agent');
    await waitForStatus(host, 'stubborn-agent', s.agent_session_id, 'active');
    const pid = await agentPid(host.dataDir, 'stubborn-agent', s.agent_session_id);

    const stop = await call(host, 'POST', apiPaths.sessionStop('stubborn-agent', s.agent_session_id));
    expect(stop.status).toBe(204);
    expect(alive(pid)).toBe(false);
    // It was asked nicely first.
    expect(
      fs.existsSync(
        path.join(sessionHome(host.dataDir, 'stubborn-agent', s.agent_session_id), 'got-sigterm'),
      ),
    ).toBe(true);
    expect((await get(host, 'stubborn-agent', s.agent_session_id)).status).toBe('idle');
  });

  // The session can expire before its agent has written a pid file, so its process is found through /proc.
  it.skipIf(!fs.existsSync('/proc'))(
    'expires after the expiry period without activity: process ended, sandbox removed',
    async () => {
      const host = await start({ expirySeconds: 1, sweepIntervalMs: 200 });
      const s = await create(host, 'ready-agent');
      const expired = await waitForStatus(host, 'ready-agent', s.agent_session_id, 'expired', 8000);
      expect(expired.agent_session_id).toBe(s.agent_session_id);
      expect(processesOf(s.agent_session_id)).toEqual([]);
      expect(fs.existsSync(path.join(host.dataDir, 'sandboxes', 'ready-agent', s.agent_session_id))).toBe(
        false,
      );
      // It stays listed as expired; its id stays taken, and asking for it again brings no folder back.
      expect((await get(host, 'ready-agent', s.agent_session_id)).status).toBe('expired');
      const again = await call(host, 'POST', apiPaths.sessions('ready-agent'), {
        body: { agent_session_id: s.agent_session_id },
      });
      expect(again.status).toBe(409);
      expect(fs.existsSync(path.join(host.dataDir, 'sandboxes', 'ready-agent', s.agent_session_id))).toBe(
        false,
      );
      // And it can still be deleted.
      expect((await call(host, 'DELETE', apiPaths.session('ready-agent', s.agent_session_id))).status).toBe(
        204,
      );
      expect((await call(host, 'GET', apiPaths.session('ready-agent', s.agent_session_id))).status).toBe(404);
    },
  );

  it('a restarted host brings active sessions back idle with their files and metadata', async () => {
    const dataDir = ownDir();
    const first = await start({ dataDir });
    const s = await create(first, 'ready-agent', { agent_session_id: 'survives-restart' });
    await waitForStatus(first, 'ready-agent', s.agent_session_id, 'active');
    const starting = await create(first, 'waits-for-go-agent', { agent_session_id: 'was-still-starting' });
    const pids = [
      await agentPid(dataDir, 'ready-agent', s.agent_session_id),
      await agentPid(dataDir, 'waits-for-go-agent', starting.agent_session_id),
    ];
    const note = path.join(sessionHome(dataDir, 'ready-agent', s.agent_session_id), 'notes', 'kept.txt');
    fs.mkdirSync(path.dirname(note), { recursive: true });
    fs.writeFileSync(note, 'still here');
    const before = await get(first, 'ready-agent', s.agent_session_id);
    await first.close();
    hosts.splice(hosts.indexOf(first), 1);
    for (const pid of pids) expect(alive(pid)).toBe(false);

    const second = await start({ dataDir });
    const after = await get(second, 'ready-agent', s.agent_session_id);
    expect(after.status).toBe('idle');
    expect(after.stopped_at).toBeTypeOf('number');
    expect(after).toMatchObject({
      agent_session_id: before.agent_session_id,
      version_indicator: before.version_indicator,
      created_at: before.created_at,
      last_accessed_at: before.last_accessed_at,
      expires_at: before.expires_at,
    });
    expect((await get(second, 'waits-for-go-agent', starting.agent_session_id)).status).toBe('idle');
    expect(fs.readFileSync(note, 'utf8')).toBe('still here');
    expect(
      fs.existsSync(path.join(sessionHome(dataDir, 'ready-agent', s.agent_session_id), 'env.json')),
    ).toBe(true);
    const listed = await call<{ data: AgentSession[] }>(second, 'GET', apiPaths.sessions('ready-agent'));
    expect(listed.body.data.map((x) => x.agent_session_id)).toEqual(['survives-restart']);
  });

  it('a host started over one that died without cleaning up ends its orphans and shows them idle', async () => {
    const dataDir = ownDir();
    // The first host is never closed before the second starts: as far as the data folder can tell, it crashed.
    const crashed = await start({ dataDir });
    const s = await create(crashed, 'ready-agent');
    await waitForStatus(crashed, 'ready-agent', s.agent_session_id, 'active');
    const pid = await agentPid(dataDir, 'ready-agent', s.agent_session_id);

    const next = await start({ dataDir });
    await waitGone(pid);
    const after = await get(next, 'ready-agent', s.agent_session_id);
    expect(after.status).toBe('idle');
    expect(after.stopped_at).toBeTypeOf('number');
  });

  it('starts over a data folder with stray files among the sandboxes', async () => {
    const dataDir = ownDir();
    const first = await start({ dataDir });
    const s = await create(first, 'ready-agent', { agent_session_id: 'next-to-strays' });
    await waitForStatus(first, 'ready-agent', s.agent_session_id, 'active');
    await first.close();
    hosts.splice(hosts.indexOf(first), 1);
    // What a desktop file browser leaves behind when someone looks around the data folder.
    fs.writeFileSync(path.join(dataDir, 'sandboxes', '.DS_Store'), '');
    fs.writeFileSync(path.join(dataDir, 'sandboxes', 'ready-agent', '.DS_Store'), '');

    const second = await start({ dataDir });
    expect((await get(second, 'ready-agent', s.agent_session_id)).status).toBe('idle');
    expect((await create(second, 'ready-agent')).status).toBe('creating');
  });

  it('closing the host leaves no agent process running', async () => {
    const host = await start({ killGraceMs: 300 });
    const active = await create(host, 'ready-agent');
    const starting = await create(host, 'waits-for-go-agent');
    const stubborn = await create(host, 'stubborn-agent');
    await waitForStatus(host, 'ready-agent', active.agent_session_id, 'active');
    await waitForStatus(host, 'stubborn-agent', stubborn.agent_session_id, 'active');
    const pids = [
      await agentPid(host.dataDir, 'ready-agent', active.agent_session_id),
      await agentPid(host.dataDir, 'waits-for-go-agent', starting.agent_session_id),
      await agentPid(host.dataDir, 'stubborn-agent', stubborn.agent_session_id),
    ];
    for (const pid of pids) expect(alive(pid)).toBe(true);
    await host.close();
    hosts.splice(hosts.indexOf(host), 1);
    for (const pid of pids) expect(alive(pid), `pid ${pid}`).toBe(false);
  });
});
