import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/host/sandbox/runner';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SpawnedHost {
  child: ChildProcess;
  endpoint: string;
  output: () => string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The host as its own process, the way `npm start` runs it (API only), so a test can kill it for real.
 * One process: tsx is loaded as an import hook rather than through its CLI, which would add a parent.
 */
export async function spawnHost(dataDir: string, extraArgs: string[] = []): Promise<SpawnedHost> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', '--no-ui', '--port', String(port), '--data', dataDir, ...extraArgs],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const deadline = Date.now() + 20_000;
  while (!out.includes('Project endpoint:')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The host did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    endpoint: `http://127.0.0.1:${port}/api/projects/local`,
    output: () => out,
    exited,
  };
}
