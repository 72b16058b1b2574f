import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/host/sandbox/runner';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * How long a host may take to print its endpoint: a start loads Fastify, Vite and @azure/identity
 * through tsx, 10 s and more on a busy two-core machine. Only a bound for a host that hangs.
 */
const START_TIMEOUT_MS = 60_000;

export interface SpawnedHost {
  child: ChildProcess;
  /** `http://127.0.0.1:{port}` */
  origin: string;
  endpoint: string;
  output: () => string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The host as its own process, the way `npm start` runs it (API only, `--expose-gc`), so a test can kill
 * it for real and code under jsdom can reach it over HTTP without running it in jsdom's realm.
 * One process: tsx is loaded as an import hook rather than through its CLI, which would add a parent.
 */
export async function spawnHost(dataDir: string, extraArgs: string[] = []): Promise<SpawnedHost> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      'src/cli.ts',
      '--no-ui',
      '--port',
      String(port),
      '--data',
      dataDir,
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The host did not start in ${START_TIMEOUT_MS / 1000} s:\n${out}`));
    }, START_TIMEOUT_MS);
    const read = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Project endpoint:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`The host ended (${how}) before it started:\n${out}`));
    });
  });
  await started;
  const origin = `http://127.0.0.1:${port}`;
  return { child, origin, endpoint: `${origin}/api/projects/local`, output: () => out, exited };
}
