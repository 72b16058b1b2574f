import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { AgentSession, CreateSessionBody, HostedDefinition, List, PageQuery } from '../../contract';
import type { HostOptions } from '../config';
import { badRequest, conflict, forbidden, notFound, notReady } from '../errors';
import type { LogHub } from '../logs/hub';
import type { AgentsRepo } from '../store/agents-repo';
import { hashOwnerKey, toSession, type SessionRow, type SessionsRepo } from '../store/sessions-repo';
import type { SandboxLayout } from './layout';
import { AgentProcess, killOrphan } from './runner';

const DEFAULT_IDLE_TIMEOUT_SECONDS = 900;
const now = () => Math.floor(Date.now() / 1000);

interface Running {
  process: AgentProcess;
  idleTimer?: NodeJS.Timeout;
  /** Settles when the process is ready (or failed to be). */
  ready: Promise<void>;
}

/**
 * The lifecycle of sessions: rows in SQLite, a folder per session, and while active one agent process.
 * creating -> active (readiness answered) -> idle (stop or idle timeout; files kept) -> active (resume) ...;
 * failed when the process dies while starting; expired after the expiry period without activity.
 */
export class SessionManager {
  private readonly running = new Map<string, Running>();
  private sweeper?: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly options: HostOptions,
    private readonly repo: SessionsRepo,
    private readonly agents: AgentsRepo,
    private readonly layout: SandboxLayout,
    private readonly logs: LogHub,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** After a restart (clean or not): nothing runs, so what was running is idle; half-done work is finished. */
  recover(): void {
    const t = now();
    for (const row of this.repo.withStatus(['creating', 'active', 'updating'])) {
      killOrphan(this.pidFile(row.agent_name, row.session_id), row.session_id);
      this.repo.update(row.agent_name, row.session_id, { status: 'idle', stopped_at: t });
      this.logs.append(row.agent_name, row.session_id, 'status', 'The host restarted; the session is idle.');
    }
    for (const row of this.repo.withStatus(['deleting']))
      this.removeEverything(row.agent_name, row.session_id);
    for (const row of this.repo.withStatus(['idle', 'failed'])) {
      killOrphan(this.pidFile(row.agent_name, row.session_id), row.session_id);
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
      return utf8Bytes(
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
    const run = this.running.get(key(agent, id));
    if (run) this.armIdleTimer(agent, id, run);
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
    await this.halt(agent, id, 'Session stopped.');
  }

  /** Ends the process and removes the session and its files. Absent sessions are fine (204). */
  async delete(agent: string, id: string, ownerKey: string | string[] | undefined): Promise<void> {
    this.requireAgent(agent);
    const row = this.repo.get(agent, id);
    if (!row) return;
    this.assertOwner(row, ownerKey);
    this.repo.update(agent, id, { status: 'deleting' });
    await this.endProcess(agent, id);
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
    let run = this.running.get(key(agent, id));
    if (run && !run.process.running) throw notReady(`Session '${id}' is stopping; try again in a moment.`);
    if (row.status === 'creating' && !options.waitWhileStarting) {
      throw notReady(`Session '${id}' is still starting; try again once it is active.`);
    }
    if (!run) {
      this.logs.append(
        agent,
        id,
        'status',
        row.status === 'failed' ? 'Retrying the failed session.' : 'Resuming.',
      );
      await this.launch(agent, id);
      run = this.running.get(key(agent, id));
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
      [...this.running.keys()].map((k) => {
        const [agent, id] = splitKey(k);
        return this.halt(agent, id, 'The host is shutting down.');
      }),
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

  private pidFile(agent: string, id: string): string {
    return path.join(this.layout.sessionDir(agent, id), 'agent.pid');
  }

  /** Starts the agent process and, in the background, waits for its readiness to make the session active. */
  private async launch(agent: string, id: string): Promise<void> {
    const row = this.get(agent, id);
    const version = this.agents.version(agent, row.agent_version);
    const definition = version?.definition as HostedDefinition | undefined;
    const entry = definition?.code_configuration?.entry_point;
    const home = this.layout.home(agent, id);
    fs.mkdirSync(home, { recursive: true });
    this.repo.update(agent, id, { status: 'creating', stopped_at: null });
    if (!definition || definition.kind !== 'hosted' || !entry) {
      this.fail(agent, id, 'This version has no code_configuration.entry_point the local host can run.');
      return;
    }
    this.logs.append(agent, id, 'status', `Starting agent process for version ${row.agent_version}.`);
    const catalogDir = path.dirname(path.resolve(this.options.catalogFile));
    const argv = entry.map((arg, i) =>
      i === 0 && arg === 'node'
        ? process.execPath
        : /^\.\.?\//.test(arg)
          ? path.resolve(catalogDir, arg)
          : arg,
    );
    let process_: AgentProcess;
    try {
      process_ = await AgentProcess.start({
        argv,
        cwd: home,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          ...(definition.environment_variables ?? {}),
          HOME: home,
          FOUNDRY_AGENT_NAME: agent,
          FOUNDRY_AGENT_VERSION: row.agent_version,
          FOUNDRY_AGENT_SESSION_ID: id,
          FOUNDRY_PROJECT_ENDPOINT: this.options.projectEndpoint ?? '',
        },
        pidFile: this.pidFile(agent, id),
        onLine: (stream, line) => this.logs.append(agent, id, stream, line),
        onExit: (code, signal) => this.exited(agent, id, code, signal),
      });
    } catch (err) {
      this.fail(agent, id, `The agent process could not be started: ${(err as Error).message}`);
      return;
    }
    const run: Running = {
      process: process_,
      ready: process_.waitReady(this.options.startupTimeoutSeconds * 1000).then(
        () => {
          if (this.running.get(key(agent, id)) !== run) return;
          this.repo.update(agent, id, { status: 'active' });
          this.logs.append(agent, id, 'status', `Agent process is ready (port ${process_.port}).`);
          this.armIdleTimer(agent, id, run);
        },
        async (err: Error) => {
          if (this.running.get(key(agent, id)) !== run) throw err;
          this.running.delete(key(agent, id));
          await process_.stop(this.options.killGraceMs);
          this.fail(agent, id, `The agent process failed to start: ${err.message}`);
          throw err;
        },
      ),
    };
    run.ready.catch(() => {});
    this.running.set(key(agent, id), run);
  }

  private fail(agent: string, id: string, message: string): void {
    this.repo.update(agent, id, { status: 'failed', stopped_at: now() });
    this.logs.append(agent, id, 'status', message);
  }

  private exited(agent: string, id: string, code: number | null, signal: NodeJS.Signals | null): void {
    const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
    const run = this.running.get(key(agent, id));
    const row = this.repo.get(agent, id);
    if (!run || run.process.running || !row) return;
    if (row.status === 'creating') return; // the readiness wait reports this one as failed
    this.running.delete(key(agent, id));
    if (run.idleTimer) clearTimeout(run.idleTimer);
    if (row.status === 'active' || row.status === 'updating') {
      this.repo.update(agent, id, { status: 'idle', stopped_at: now() });
      this.logs.append(agent, id, 'status', `The agent process ${how}; the session is idle.`);
    }
  }

  private armIdleTimer(agent: string, id: string, run: Running): void {
    if (run.idleTimer) clearTimeout(run.idleTimer);
    const row = this.repo.get(agent, id);
    const version = row && this.agents.version(agent, row.agent_version);
    const configured =
      version?.definition.kind === 'hosted'
        ? (version.definition as HostedDefinition).session_configuration?.idle_timeout_seconds
        : undefined;
    const seconds = this.options.idleTimeoutSeconds ?? configured ?? DEFAULT_IDLE_TIMEOUT_SECONDS;
    run.idleTimer = setTimeout(() => {
      void this.halt(agent, id, `No activity for ${seconds} s; the session is idle.`).catch((err: Error) =>
        this.log.error({ err }, 'idle stop failed'),
      );
    }, seconds * 1000);
    run.idleTimer.unref();
  }

  /** Stops the process if there is one and marks the session idle (a failed one stays failed). */
  private async halt(agent: string, id: string, reason: string): Promise<void> {
    const wasRunning = await this.endProcess(agent, id);
    const row = this.repo.get(agent, id);
    if (!row) return;
    if (row.status === 'creating' || row.status === 'active' || row.status === 'updating') {
      this.repo.update(agent, id, { status: 'idle', stopped_at: now() });
    }
    if (wasRunning) this.logs.append(agent, id, 'status', reason);
  }

  private async endProcess(agent: string, id: string): Promise<boolean> {
    const run = this.running.get(key(agent, id));
    if (!run) return false;
    this.running.delete(key(agent, id));
    if (run.idleTimer) clearTimeout(run.idleTimer);
    await run.process.stop(this.options.killGraceMs);
    return true;
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
    await this.endProcess(row.agent_name, row.session_id);
    this.logs.close(row.agent_name, row.session_id);
    fs.rmSync(this.layout.sessionDir(row.agent_name, row.session_id), { recursive: true, force: true });
    this.repo.update(row.agent_name, row.session_id, {
      status: 'expired',
      stopped_at: row.stopped_at ?? now(),
    });
  }
}

const key = (agent: string, id: string) => `${agent}/${id}`;
const splitKey = (k: string) => k.split('/') as [string, string];

function newSessionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(20);
  let id = 'ses_';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

/**
 * `text` as UTF-8 in a buffer of its own, over an ArrayBuffer of this realm: Fastify sends a payload
 * as raw bytes only when its `.buffer` is an `instanceof ArrayBuffer`, which a pooled Node buffer is
 * not where ArrayBuffer is another realm's (the web tests run the host under jsdom).
 */
function utf8Bytes(text: string): Buffer {
  const bytes = Buffer.from(new ArrayBuffer(Buffer.byteLength(text)));
  bytes.write(text);
  return bytes;
}
