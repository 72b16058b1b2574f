import type { FastifyBaseLogger } from 'fastify';
import type { HostOptions } from './config';
import { loadCatalog } from './catalog';
import { LogHub } from './logs/hub';
import { SandboxLayout } from './sandbox/layout';
import { SessionManager } from './sandbox/sessions';
import { AgentsRepo } from './store/agents-repo';
import { openDb, type Db } from './store/db';
import { SessionsRepo } from './store/sessions-repo';

/** Everything the routes share: options, the database and its repositories, sandboxes, logs, sessions. */
export interface HostContext {
  options: HostOptions;
  db: Db;
  agents: AgentsRepo;
  layout: SandboxLayout;
  logs: LogHub;
  sessions: SessionManager;
  close: () => Promise<void>;
}

export async function createHostContext(options: HostOptions, log: FastifyBaseLogger): Promise<HostContext> {
  const catalog = loadCatalog(options.catalogFile);
  const db = openDb(options.dataDir);
  const agents = new AgentsRepo(db);
  agents.importCatalog(catalog, Math.floor(Date.now() / 1000));
  const layout = new SandboxLayout(options.dataDir);
  const logs = new LogHub({
    heartbeatSeconds: options.heartbeatSeconds,
    bufferLines: options.logBufferLines,
    bufferBytes: options.logBufferBytes,
    logFile: (agent, id) => layout.logFile(agent, id),
  });
  const sessions = new SessionManager(options, new SessionsRepo(db), agents, layout, logs, log);
  sessions.recover();
  sessions.startSweeper();
  return {
    options,
    db,
    agents,
    layout,
    logs,
    sessions,
    close: async () => {
      await sessions.close();
      await logs.shutdown();
      db.close();
    },
  };
}
