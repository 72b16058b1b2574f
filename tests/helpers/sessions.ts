import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { apiPaths, type AgentSession, type SessionStatus } from '@contract';
import { call, type TestHost } from './host';

/** Runs `probe` every 50 ms until it gives a value; fails saying `what` after `timeoutMs`. */
export function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

/** The session once it has `wanted` status; the failure says what it was last seen as. */
export async function waitForStatus(
  host: TestHost,
  agent: string,
  id: string,
  wanted: SessionStatus,
  timeoutMs = 10_000,
): Promise<AgentSession> {
  let last: AgentSession | undefined;
  try {
    return await waitFor(
      `${id} to be ${wanted}`,
      async () => {
        last = (await call<AgentSession>(host, 'GET', apiPaths.session(agent, id))).body;
        return last.status === wanted ? last : undefined;
      },
      timeoutMs,
    );
  } catch {
    throw new Error(`session ${id} did not become ${wanted}; last seen ${JSON.stringify(last)}`);
  }
}

/** A session's HOME in a host's data folder. */
export const sessionHome = (dataDir: string, agent: string, id: string) =>
  path.join(dataDir, 'sandboxes', agent, id, 'home');

/** The pid the fixture agents write into HOME as they start, once it is there. */
export const agentPid = (dataDir: string, agent: string, id: string): Promise<number> =>
  waitFor(`the pid of ${id}`, () => {
    const file = path.join(sessionHome(dataDir, agent, id), 'pid');
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    return text ? Number(text) : undefined;
  });

/** Whether a process with this pid is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}
