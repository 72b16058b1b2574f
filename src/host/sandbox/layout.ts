import path from 'node:path';
import type { SandboxHome } from './paths';

/**
 * Where a session's things live on disk:
 *   {dataDir}/sandboxes/{agent}/{session}/home      the agent's HOME, what the files API shows
 *   {dataDir}/sandboxes/{agent}/{session}/tmp       uploads in flight, renamed into home when complete
 *   {dataDir}/sandboxes/{agent}/{session}/log.jsonl the session's recent log lines
 * Agent names and session ids are validated before they reach here, so they are safe path segments.
 */
export class SandboxLayout {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'sandboxes');
  }

  sessionDir(agent: string, id: string): string {
    return path.join(this.root, agent, id);
  }

  home(agent: string, id: string): string {
    return path.join(this.sessionDir(agent, id), 'home');
  }

  /** Home as the files API must find it: through the folders the host made, none of them a link. */
  sandboxHome(agent: string, id: string): SandboxHome {
    return { root: this.root, folders: [agent, id, 'home'] };
  }

  tmp(agent: string, id: string): string {
    return path.join(this.sessionDir(agent, id), 'tmp');
  }

  logFile(agent: string, id: string): string {
    return path.join(this.sessionDir(agent, id), 'log.jsonl');
  }
}
