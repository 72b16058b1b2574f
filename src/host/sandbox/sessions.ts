import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import {
  statusLine,
  type AgentSession,
  type CreateSessionBody,
  type HostedDefinition,
  type List,
  type PageQuery,
} from '@contract';
import type { HostOptions } from '../config';
import { badRequest, conflict, forbidden, notFound, notReady } from '../errors';
import type { LogHub } from '../logs/hub';
import type { AgentsRepo } from '../store/agents-repo';
import { hashOwnerKey, toSession, type SessionRow, type SessionsRepo } from '../store/sessions-repo';
import type { SandboxLayout } from './layout';
import { SessionProcesses } from './processes';
import type { AgentProcess } from './runner';

const DEFAULT_IDLE_TIMEOUT_SECONDS = 900;
const now = () => Math.floor(Date.now() / 1000);

/**
 * The lifecycle of sessions: rows in SQLite, a folder per session, and while active one agent process
 * (run by SessionProcesses, which reports back here).
 * creating -> active (readiness answered) -> idle (stop or idle timeout; files kept) -> active (resume) ...;
 * failed when the process dies while starting; expired after the expiry period without activity.
 */
export class SessionManager {
  private readonly processes: SessionProcesses;
  private sweeper?: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly options: HostOptions,
    private readonly repo: SessionsRepo,
    private readonly agents: AgentsRepo,
    private readonly layout: SandboxLayout,
    private readonly logs: LogHub,
    private readonly log: FastifyBaseLogger,
  ) {
    this.processes = new SessionProcesses(options, layout, {
      line: (agent, id, stream, line) => this.logs.append(agent, id, stream, line),
      ready: (agent, id, port) => {
        this.repo.update(agent, id, { status: 'active' });
        this.logs.append(agent, id, 'status', statusLine.ready(port));
      },
      startFailed: (agent, id, err) => this.fail(agent, id, err.message),
      exited: (agent, id, code, signal) => this.exited(agent, id, code, signal),
      idleSeconds: (agent, id) => this.idleSeconds(agent, id),
      idle: (agent, id, seconds) => {
        void this.halt(agent, id, statusLine.idleTimeout(seconds)).catch((err: Error) =>
          this.log.error({ err }, 'idle stop failed'),
        );
      },
    });
  }

  /** After a restart (clean or not): nothing runs, so what was running is idle; half-done work is finished. */
  recover(): void {
    const t = now();
    for (const row of this.repo.withStatus(['creating', 'active', 'updating'])) {
      this.processes.endOrphan(row.agent_name, row.session_id);
      this.repo.update(row.agent_name, row.session_id, { status: 'idle', stopped_at: t });
      this.logs.append(row.agent_name, row.session_id, 'status', statusLine.hostRestarted());
    }
    for (const row of this.repo.withStatus(['deleting']))
      this.removeEverything(row.agent_name, row.session_id);
    for (const row of this.repo.withStatus(['idle', 'failed'])) {
      this.processes.endOrphan(row.agent_name, row.session_id);
    }
    // Uploads that were in flight when the host died never became files. Only folders are agents and
    // sessions: a stray file (a desktop's .DS_Store, say) must not stop the host from starting.
    const folders = (dir: string) =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    if (fs.existsSync(this.layout.root)) {
      for (const agent of folders(this.layout.root)) {
        for (const id of folders(path.join(this.layout.root, agent))) {
          fs.rmSync(this.layout.tmp(agent, id), { recursive: true, force: true });
        }
      }
    }
  }

  startSweeper(): void {
    this.sweep();
    this.sweeper = setInterval(() => this.sweep(), this.options.sweepIntervalMs);
    this.sweeper.unref();
  }

  /** A page of the agent's sessions as the JSON the API sends, from the page cache when it can. */
  listJson(agent: string, query: PageQuery): Buffer {
    const key = JSON.stringify([query.limit, query.order, query.after, query.before]);
    return this.repo.pageCache.get(agent, key, () => {
      this.requireAgent(agent);
      const list = this.repo.list(agent, query);
      return Buffer.from(
        JSON.stringify({ ...list, data: list.data.map(toSession) } satisfies List<AgentSession>),
      );
    });
  }

  /** The session, or a 404. */
  get(agent: string, id: string): SessionRow {
    this.requireAgent(agent);
    const row = this.repo.get(agent, id);
    if (!row) throw notFound(`Session '${id}' of agent '${agent}' does not exist.`);
    return row;
  }

  /** The session, when its sandbox folder is still there (not expired, not being deleted). */
  requireSandbox(agent: string, id: string): SessionRow {
    const row = this.get(agent, id);
    if (row.status === 'expired' || row.status === 'deleting' || row.status === 'deleted') {
      throw notFound(`Session '${id}' is ${row.status}; its sandbox is gone.`);
    }
    return row;
  }

  /** A session with an owner may only be changed by a caller that presents the owner's key. */
  assertOwner(row: SessionRow, key: string | string[] | undefined): void {
    if (row.owner_key_hash === null) return;
    const given = Array.isArray(key) ? key[0] : key;
    if (given === undefined || given === '' || hashOwnerKey(given) !== row.owner_key_hash) {
      throw forbidden(
        `Session '${row.session_id}' has an owner; send its isolation key in the x-session-isolation-key header.`,
      );
    }
  }

  /** Records activity: pushes expiry out and restarts the idle countdown. */
  touch(agent: string, id: string): void {
    const t = now();
    // Times are whole seconds: a second touch within the same second would write nothing new.
    if (this.repo.get(agent, id)?.last_accessed_at !== t) {
      this.repo.update(agent, id, { last_accessed_at: t, expires_at: t + this.options.expirySeconds });
    }
    this.processes.touch(agent, id);
  }

  async create(agent: string, body: CreateSessionBody, ownerKey: string | undefined): Promise<SessionRow> {
    const found = this.requireAgent(agent);
    if (found.state === 'disabled') throw conflict(`Agent '${agent}' is disabled and takes no new sessions.`);
    const version = body.version_indicator?.agent_version ?? this.pickVersion(agent);
    if (!this.agents.version(agent, version)) {
      throw badRequest(`Agent '${agent}' has no version '${version}'.`, 'version_indicator.agent_version');
    }
    const id = body.agent_session_id ?? newSessionId();
    const taken = () => conflict(`Session '${id}' already exists for agent '${agent}'.`, 'agent_session_id');
    // Checked before the folder is made, so a taken id (an expired session's, say) gets no folder back;
    // the insert below still settles a race between two creates.
    if (this.repo.get(agent, id)) throw taken();
    const t = now();
    const row: Omit<SessionRow, 'seq'> = {
      agent_name: agent,
      session_id: id,
      agent_version: version,
      status: 'creating',
      created_at: t,
      last_accessed_at: t,
      expires_at: t + this.options.expirySeconds,
      stopped_at: null,
      owner_key_hash: ownerKey ? hashOwnerKey(ownerKey) : null,
    };
    fs.mkdirSync(this.layout.home(agent, id), { recursive: true });
    if (!this.repo.insert(row)) throw taken();
    await this.launch(agent, id);
    return this.get(agent, id);
  }

  /** Ends the agent process; the session becomes idle with its files kept. Stopping an idle session is fine. */
  async stop(agent: string, id: string, ownerKey: string | string[] | undefined): Promise<void> {
    const row = this.requireSandbox(agent, id);
    this.assertOwner(row, ownerKey);
    await this.halt(agent, id, statusLine.stoppedByRequest());
  }

  /** Ends the process and removes the session and its files. Absent sessions are fine (204). */
  async delete(agent: string, id: string, ownerKey: string | string[] | undefined): Promise<void> {
    this.requireAgent(agent);
    const row = this.repo.get(agent, id);
    if (!row) return;
    this.assertOwner(row, ownerKey);
    this.repo.update(agent, id, { status: 'deleting' });
    await this.processes.stop(agent, id);
    this.removeEverything(agent, id);
  }

  /**
   * Makes sure the session's process runs and is ready, starting an idle (or failed) one again. Used by
   * invocations. A session still starting is a 424, unless the caller started it and will wait.
   */
  async resume(
    agent: string,
    id: string,
    options: { waitWhileStarting?: boolean } = {},
  ): Promise<AgentProcess> {
    const row = this.requireSandbox(agent, id);
    let run = this.processes.get(agent, id);
    if (run && !run.process.running) throw notReady(`Session '${id}' is stopping; try again in a moment.`);
    if (row.status === 'creating' && !options.waitWhileStarting) {
      throw notReady(`Session '${id}' is still starting; try again once it is active.`);
    }
    if (!run) {
      this.logs.append(
        agent,
        id,
        'status',
        row.status === 'failed' ? statusLine.retrying() : statusLine.resuming(),
      );
      await this.launch(agent, id);
      run = this.processes.get(agent, id);
    }
    if (!run) throw notReady(`Session '${id}' could not be started; see its logs.`);
    try {
      await run.ready;
    } catch (err) {
      throw notReady(`Session '${id}' could not be started: ${(err as Error).message}`);
    }
    this.touch(agent, id);
    return run.process;
  }

  /** Ends every process (SIGTERM, then SIGKILL after the grace period); sessions become idle. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.all(
      this.processes.sessions().map(([agent, id]) => this.halt(agent, id, statusLine.stoppedByHost())),
    );
  }

  private requireAgent(agent: string) {
    const found = this.agents.get(agent);
    if (!found) throw notFound(`Agent '${agent}' does not exist.`);
    return found;
  }

  /** The endpoint's version selector decides (weighted by traffic), else the latest version. */
  private pickVersion(agent: string): string {
    const found = this.requireAgent(agent);
    const rules = (found.agent_endpoint?.version_selector?.version_selection_rules ?? []).filter(
      (r) => r.traffic_percentage > 0,
    );
    let roll = Math.random() * rules.reduce((sum, r) => sum + r.traffic_percentage, 0);
    for (const rule of rules) {
      roll -= rule.traffic_percentage;
      if (roll < 0) return rule.agent_version;
    }
    return found.versions.latest.version;
  }

  /** Starts the agent process; its readiness, in the background, makes the session active. */
  private async launch(agent: string, id: string): Promise<void> {
    const row = this.get(agent, id);
    const version = this.agents.version(agent, row.agent_version);
    const definition = version?.definition as HostedDefinition | undefined;
    const entry = definition?.code_configuration?.entry_point;
    fs.mkdirSync(this.layout.home(agent, id), { recursive: true });
    this.repo.update(agent, id, { status: 'creating', stopped_at: null });
    if (!definition || definition.kind !== 'hosted' || !entry) {
      this.fail(agent, id, 'this version has no code_configuration.entry_point the local host can run');
      return;
    }
    this.logs.append(agent, id, 'status', statusLine.starting(row.agent_version));
    try {
      await this.processes.start(agent, id, {
        version: row.agent_version,
        entryPoint: entry,
        ...(definition.environment_variables && { environment: definition.environment_variables }),
      });
    } catch (err) {
      this.fail(agent, id, `the agent process could not be started: ${(err as Error).message}`);
    }
  }

  /** `reason` continues "The session failed to start: ", in lower case. */
  private fail(agent: string, id: string, reason: string): void {
    this.repo.update(agent, id, { status: 'failed', stopped_at: now() });
    this.logs.append(agent, id, 'status', statusLine.startFailed(reason));
  }

  /** A ready process ended by itself: the session is idle. */
  private exited(agent: string, id: string, code: number | null, signal: NodeJS.Signals | null): void {
    const row = this.repo.get(agent, id);
    if (row?.status === 'active' || row?.status === 'updating') {
      this.repo.update(agent, id, { status: 'idle', stopped_at: now() });
      this.logs.append(agent, id, 'status', statusLine.exited(code, signal));
    }
  }

  private idleSeconds(agent: string, id: string): number {
    const row = this.repo.get(agent, id);
    const version = row && this.agents.version(agent, row.agent_version);
    const configured =
      version?.definition.kind === 'hosted'
        ? (version.definition as HostedDefinition).session_configuration?.idle_timeout_seconds
        : undefined;
    return this.options.idleTimeoutSeconds ?? configured ?? DEFAULT_IDLE_TIMEOUT_SECONDS;
  }

  /**
   * Stops the process if there is one and marks the session idle (a failed one stays failed); `line`, a
   * status line saying why, is logged when there was a process to stop.
   */
  private async halt(agent: string, id: string, line: string): Promise<void> {
    const wasRunning = await this.processes.stop(agent, id);
    const row = this.repo.get(agent, id);
    if (!row) return;
    if (row.status === 'creating' || row.status === 'active' || row.status === 'updating') {
      this.repo.update(agent, id, { status: 'idle', stopped_at: now() });
    }
    if (wasRunning) this.logs.append(agent, id, 'status', line);
  }

  private removeEverything(agent: string, id: string): void {
    this.logs.close(agent, id);
    fs.rmSync(this.layout.sessionDir(agent, id), { recursive: true, force: true });
    this.repo.remove(agent, id);
  }

  private sweep(): void {
    if (this.closing) return;
    for (const row of this.repo.expiredBy(now())) {
      void this.expire(row).catch((err: Error) => this.log.error({ err }, 'expiry failed'));
    }
  }

  private async expire(row: SessionRow): Promise<void> {
    await this.processes.stop(row.agent_name, row.session_id);
    this.logs.close(row.agent_name, row.session_id);
    fs.rmSync(this.layout.sessionDir(row.agent_name, row.session_id), { recursive: true, force: true });
    this.repo.update(row.agent_name, row.session_id, {
      status: 'expired',
      stopped_at: row.stopped_at ?? now(),
    });
  }
}

function newSessionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(20);
  let id = 'ses_';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
