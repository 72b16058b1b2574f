import path from 'node:path';
import type { LogStream } from '@contract';
import type { HostOptions } from '../config';
import type { SandboxLayout } from './layout';
import { AgentProcess, killOrphan } from './runner';

/**
 * What the agent processes tell the session lifecycle (SessionManager), which keeps the records and
 * the status lines; this side never reads or writes a session's row.
 */
export interface ProcessEvents {
  line(agent: string, id: string, stream: Exclude<LogStream, 'status'>, line: string): void;
  /** The readiness probe answered: the session takes traffic. */
  ready(agent: string, id: string, port: number): void;
  /** The process never became ready (it exited, or the probe timed out); it has been stopped. */
  startFailed(agent: string, id: string, err: Error): void;
  /** A process that was ready ended by itself, not by `stop`: with an exit code, or by a signal. */
  exited(agent: string, id: string, code: number | null, signal: NodeJS.Signals | null): void;
  /** How long a ready process may go without activity, looked up each time the countdown starts. */
  idleSeconds(agent: string, id: string): number;
  /** That long has passed without activity. */
  idle(agent: string, id: string, seconds: number): void;
}

/** What to run for a session: the version's `code_configuration.entry_point` and its variables. */
export interface LaunchSpec {
  version: string;
  entryPoint: readonly string[];
  environment?: Readonly<Record<string, string>>;
}

/** A session's process, as the lifecycle may see it. */
export interface RunningProcess {
  readonly process: AgentProcess;
  /** Settles when the process is ready (or failed to be). */
  readonly ready: Promise<void>;
}

interface Running extends RunningProcess {
  /** Until the readiness wait settles, which then reports an exit itself. */
  starting: boolean;
  idleTimer?: NodeJS.Timeout;
}

/**
 * The agent processes of the sessions, at most one a session: spawning one with its environment,
 * waiting for its readiness, the idle countdown, stopping it, and noticing when it ends by itself.
 */
export class SessionProcesses {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly options: HostOptions,
    private readonly layout: SandboxLayout,
    private readonly events: ProcessEvents,
  ) {}

  get(agent: string, id: string): RunningProcess | undefined {
    return this.running.get(key(agent, id));
  }

  /** The sessions that have a process, as [agent, id]. */
  sessions(): [string, string][] {
    return [...this.running.keys()].map(splitKey);
  }

  /**
   * Spawns the session's process (throwing when it cannot be) and, in the background, waits for its
   * readiness: `ready` or `startFailed` follows.
   */
  async start(agent: string, id: string, spec: LaunchSpec): Promise<void> {
    const home = this.layout.home(agent, id);
    const catalogDir = path.dirname(path.resolve(this.options.catalogFile));
    const argv = spec.entryPoint.map((arg, i) =>
      i === 0 && arg === 'node'
        ? process.execPath
        : /^\.\.?\//.test(arg)
          ? path.resolve(catalogDir, arg)
          : arg,
    );
    const process_ = await AgentProcess.start({
      argv,
      cwd: home,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...(spec.environment ?? {}),
        HOME: home,
        FOUNDRY_AGENT_NAME: agent,
        FOUNDRY_AGENT_VERSION: spec.version,
        FOUNDRY_AGENT_SESSION_ID: id,
        // Read at each start: the host learns its own endpoint only once it listens.
        FOUNDRY_PROJECT_ENDPOINT: this.options.projectEndpoint ?? '',
      },
      pidFile: this.pidFile(agent, id),
      onLine: (stream, line) => this.events.line(agent, id, stream, line),
      onExit: (code, signal) => this.exited(agent, id, code, signal),
    });
    const run: Running = {
      process: process_,
      starting: true,
      ready: process_.waitReady(this.options.startupTimeoutSeconds * 1000).then(
        () => {
          run.starting = false;
          if (this.running.get(key(agent, id)) !== run) return;
          this.events.ready(agent, id, process_.port);
          this.armIdleTimer(agent, id, run);
        },
        async (err: Error) => {
          run.starting = false;
          if (this.running.get(key(agent, id)) !== run) throw err;
          this.running.delete(key(agent, id));
          await process_.stop(this.options.killGraceMs);
          this.events.startFailed(agent, id, err);
          throw err;
        },
      ),
    };
    run.ready.catch(() => {});
    this.running.set(key(agent, id), run);
  }

  /** Activity: the idle countdown starts again, when the session has a process. */
  touch(agent: string, id: string): void {
    const run = this.running.get(key(agent, id));
    if (run) this.armIdleTimer(agent, id, run);
  }

  /** Ends the session's process (SIGTERM, then SIGKILL after the grace period); false when it had none. */
  async stop(agent: string, id: string): Promise<boolean> {
    const run = this.running.get(key(agent, id));
    if (!run) return false;
    this.running.delete(key(agent, id));
    if (run.idleTimer) clearTimeout(run.idleTimer);
    await run.process.stop(this.options.killGraceMs);
    return true;
  }

  /** After a restart: ends what a previous host left running for this session, if anything. */
  endOrphan(agent: string, id: string): void {
    killOrphan(this.pidFile(agent, id), id);
  }

  private pidFile(agent: string, id: string): string {
    return path.join(this.layout.sessionDir(agent, id), 'agent.pid');
  }

  private exited(agent: string, id: string, code: number | null, signal: NodeJS.Signals | null): void {
    const run = this.running.get(key(agent, id));
    // Not this session's current process (that one was stopped, and maybe replaced), or one still
    // starting, whose readiness wait reports the failure.
    if (!run || run.process.running || run.starting) return;
    this.running.delete(key(agent, id));
    if (run.idleTimer) clearTimeout(run.idleTimer);
    this.events.exited(agent, id, code, signal);
  }

  private armIdleTimer(agent: string, id: string, run: Running): void {
    if (run.idleTimer) clearTimeout(run.idleTimer);
    const seconds = this.events.idleSeconds(agent, id);
    run.idleTimer = setTimeout(() => this.events.idle(agent, id, seconds), seconds * 1000);
    run.idleTimer.unref();
  }
}

const key = (agent: string, id: string) => `${agent}/${id}`;
const splitKey = (k: string) => k.split('/') as [string, string];
