import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  apiPaths,
  parseStatusLine,
  type AgentSession,
  type LogLine,
  type StatusFact,
  type StatusFactKind,
} from '@contract';
import type { HostOptions } from '../../src/host/config';
import { call, startHost, type TestHost } from '../helpers/host';
import { agentPid, waitForStatus } from '../helpers/sessions';

const lifecycleCatalog = fileURLToPath(new URL('../fixtures/catalog-lifecycle.json', import.meta.url));
/** The sample agents start node processes: on a busy machine that can take longer than the default wait. */
const START_WAIT_MS = 15_000;

/**
 * The first status line of the session's log stream that states a fact of `kind`, with the fact the
 * console reads from it; fails after 15 s saying which status lines came instead.
 */
async function statusFact<K extends StatusFactKind>(
  host: TestHost,
  agent: string,
  id: string,
  kind: K,
): Promise<{ message: string; fact: Extract<StatusFact, { kind: K }> }> {
  const session = await call<AgentSession>(host, 'GET', apiPaths.session(agent, id));
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 15_000);
  const seen: string[] = [];
  let found: { message: string; fact: Extract<StatusFact, { kind: K }> } | undefined;
  try {
    const res = await fetch(
      host.url(apiPaths.logStream(agent, session.body.version_indicator.agent_version, id)),
      {
        headers: { accept: 'text/event-stream' },
        signal: stop.signal,
      },
    );
    expect(res.status).toBe(200);
    const decoder = new TextDecoder();
    let text = '';
    read: for await (const chunk of res.body!) {
      text += decoder.decode(chunk as Uint8Array, { stream: true });
      const frames = text.split('\n\n');
      text = frames.pop()!;
      for (const frame of frames) {
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        const line = data && (JSON.parse(data.slice('data: '.length)) as LogLine);
        if (!line || line.stream !== 'status') continue;
        seen.push(line.message);
        const fact = parseStatusLine(line.message);
        if (fact.kind === kind) {
          found = { message: line.message, fact: fact as Extract<StatusFact, { kind: K }> };
          break read;
        }
      }
    }
  } catch (err) {
    if (!stop.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
  if (found) return found;
  throw new Error(`no ${kind} status line for ${id}; its status lines: ${JSON.stringify(seen)}`);
}

describe("the host's status lines say what happened to the agent process", () => {
  const hosts: TestHost[] = [];
  const start = async (overrides: Partial<HostOptions> = {}) => {
    const host = await startHost(overrides);
    hosts.push(host);
    return host;
  };
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
  });

  async function activeSession(host: TestHost, agent: string, id: string): Promise<void> {
    const res = await call(host, 'POST', apiPaths.sessions(agent), { body: { agent_session_id: id } });
    expect(res.status, res.text).toBe(201);
    await waitForStatus(host, agent, id, 'active', START_WAIT_MS);
  }

  it('an agent that exits with code 3: exited, code 3', async () => {
    const host = await start();
    await activeSession(host, 'job-agent', 'exits-with-3');
    // The job agent ends its process with code 3 when asked to crash.
    const res = await fetch(
      host.url(apiPaths.invocations('job-agent'), { agent_session_id: 'exits-with-3' }),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: 'crash now' }),
      },
    );
    await res.body?.cancel();
    const { fact } = await statusFact(host, 'job-agent', 'exits-with-3', 'exited');
    expect(fact).toEqual({ kind: 'exited', code: 3, signal: null });
    await waitForStatus(host, 'job-agent', 'exits-with-3', 'idle');
  });

  it('an agent killed with SIGKILL: exited by signal SIGKILL, and the line names the signal as one', async () => {
    const host = await start({ catalogFile: lifecycleCatalog });
    await activeSession(host, 'ready-agent', 'killed-by-signal');
    process.kill(await agentPid(host.dataDir, 'ready-agent', 'killed-by-signal'), 'SIGKILL');
    const { message, fact } = await statusFact(host, 'ready-agent', 'killed-by-signal', 'exited');
    expect(fact).toEqual({ kind: 'exited', code: null, signal: 'SIGKILL' });
    expect(message).toContain('signal SIGKILL');
  });

  it('a stop request: stopped by request', async () => {
    const host = await start({ catalogFile: lifecycleCatalog });
    await activeSession(host, 'ready-agent', 'stopped-by-request');
    const res = await call(host, 'POST', apiPaths.sessionStop('ready-agent', 'stopped-by-request'));
    expect(res.status, res.text).toBeLessThan(300);
    const { message } = await statusFact(host, 'ready-agent', 'stopped-by-request', 'stopped_by_request');
    expect(message).toMatch(/stopped by request/);
  });

  it('an idle timeout: idle timeout after the configured seconds', async () => {
    const host = await start({ catalogFile: lifecycleCatalog, idleTimeoutSeconds: 1 });
    await activeSession(host, 'ready-agent', 'idles-out');
    await waitForStatus(host, 'ready-agent', 'idles-out', 'idle');
    const { message, fact } = await statusFact(host, 'ready-agent', 'idles-out', 'idle_timeout');
    expect(fact).toEqual({ kind: 'idle_timeout', seconds: 1 });
    expect(message).toContain('idle timeout after 1 s');
  });
});
