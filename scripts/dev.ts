/**
 * `npm run dev`: the local host on port 4281 (API only, restarted when its code changes) and Vite on
 * port 4280 (the console with hot reload, forwarding /api and /gateway to the host), in one terminal.
 * Arguments after `--` go to the host, e.g. `npm run dev -- --agents my-agents.json`.
 * Ctrl-C, SIGTERM, or either one exiting ends both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { styleText } from 'node:util';
import { devHostArgs } from './dev-host';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const viteCli = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

/** How long a child may take to finish after SIGTERM before it is killed. */
const GRACE_MS = 10_000;

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (color: 'cyan' | 'magenta' | 'gray', text: string) =>
  useColor ? styleText(color, text) : text;

interface Task {
  name: string;
  color: 'cyan' | 'magenta';
  args: string[];
}

const tasks: Task[] = [
  {
    name: 'host',
    color: 'cyan',
    args: devHostArgs(process.argv.slice(2)),
  },
  // Port and proxy come from vite.config.ts.
  { name: 'web ', color: 'magenta', args: [viteCli] },
];

function say(message: string): void {
  console.log(`${paint('gray', '[dev] ')} ${message}`);
}

function prefixLines(stream: Readable, prefix: string, out: NodeJS.WriteStream): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
    out.write(`${prefix} ${line}\n`),
  );
}

const running = new Set<ChildProcess>();
let exitCode: number | undefined;

function stopAll(code: number): void {
  if (exitCode !== undefined) return;
  exitCode = code;
  for (const child of running) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of running) child.kill('SIGKILL');
  }, GRACE_MS).unref();
}

for (const task of tasks) {
  const child = spawn(process.execPath, task.args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a terminal's Ctrl-C reaches only this script, which then sends each child one
    // SIGTERM. A second signal would make `tsx watch` kill the host before it has stopped its agents.
    detached: true,
    // Piped output is not a terminal; keep the children's colours when ours are on.
    env: useColor ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  });
  running.add(child);
  const prefix = paint(task.color, `[${task.name}]`);
  prefixLines(child.stdout, prefix, process.stdout);
  prefixLines(child.stderr, prefix, process.stderr);
  child.on('exit', (code, signal) => {
    running.delete(child);
    if (exitCode === undefined)
      say(`${task.name.trim()} exited (${signal ?? `code ${code}`}); stopping the other.`);
    stopAll(code ?? 1);
    if (running.size === 0) process.exit(exitCode);
  });
}

process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));
