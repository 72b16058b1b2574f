import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { LogStream } from '@contract';

/** Longest stdout/stderr line passed on whole; longer ones are cut and say so. */
const MAX_LINE_CHARS = 4 * 1024 * 1024;

export interface AgentProcessSpec {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** Where the pid is written, so a host restarted after a crash can end what the old host left running. */
  pidFile: string;
  onLine: (stream: Exclude<LogStream, 'status'>, line: string) => void;
  onExit: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One agent process: its own process group, stdout and stderr as lines, a readiness probe, a graceful stop. */
export class AgentProcess {
  private exited = false;
  private markExited!: () => void;
  private readonly exitPromise = new Promise<void>((resolve) => (this.markExited = resolve));

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly pidFile: string,
  ) {}

  static async start(spec: AgentProcessSpec): Promise<AgentProcess> {
    const port = await freePort();
    const [command, ...args] = spec.argv;
    const child = spawn(command!, args, {
      cwd: spec.cwd,
      env: { ...spec.env, PORT: String(port) },
      // A group of its own, so stopping it also ends whatever it started.
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const proc = new AgentProcess(child, port, spec.pidFile);
    if (child.pid !== undefined) fs.writeFileSync(spec.pidFile, String(child.pid));
    pipeLines(child.stdout!, (line) => spec.onLine('stdout', line));
    pipeLines(child.stderr!, (line) => spec.onLine('stderr', line));
    // stdin stays open and unused: agents may treat its end as the host going away.
    child.stdin!.on('error', () => {});
    const ended = (code: number | null, signal: NodeJS.Signals | null) => {
      if (proc.exited) return;
      proc.exited = true;
      fs.rmSync(spec.pidFile, { force: true });
      proc.markExited();
      spec.onExit(code, signal);
    };
    child.once('error', (err) => {
      spec.onLine('stderr', `failed to start agent process: ${err.message}`);
      // A program that cannot be started (missing, not executable) reports 'error' and never 'exit';
      // without this, waiting for its exit would hang stop, the startup failure and host shutdown.
      if (child.pid === undefined) ended(null, null);
    });
    child.once('exit', ended);
    return proc;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Polls `GET /readiness` until it answers 200; rejects when the process exits or time runs out. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error('the agent process exited before it was ready');
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/readiness`, {
          signal: AbortSignal.timeout(1000),
        });
        await res.body?.cancel();
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the agent process did not answer its readiness probe within ${timeoutMs / 1000} s`);
  }

  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process has exited. */
  async stop(graceMs: number): Promise<void> {
    if (this.exited) return;
    killGroup(this.child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.child.pid, 'SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
    // Whatever the agent started and left behind goes too.
    killGroup(this.child.pid, 'SIGKILL');
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Ends a process a previous host left running, if the pid file still names a live process of that session.
 * The session id in its environment guards against a reused pid.
 */
export function killOrphan(pidFile: string, sessionId: string): void {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8'));
  } catch {
    return;
  }
  try {
    const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    if (environ.split('\0').includes(`FOUNDRY_AGENT_SESSION_ID=${sessionId}`)) killGroup(pid, 'SIGKILL');
  } catch {
    // not running, or no /proc here
  }
  fs.rmSync(pidFile, { force: true });
}

function pipeLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', start)) !== -1) {
      onLine(clip((partial + chunk.slice(start, nl)).replace(/\r$/, '')));
      partial = '';
      start = nl + 1;
    }
    partial += chunk.slice(start);
    if (partial.length > MAX_LINE_CHARS) {
      onLine(clip(partial));
      partial = '';
    }
  });
  stream.on('end', () => {
    if (partial) onLine(clip(partial));
  });
}

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS
    ? `${line.slice(0, MAX_LINE_CHARS)} … [line cut at ${MAX_LINE_CHARS} characters]`
    : line;
}
