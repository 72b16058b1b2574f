import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { devHostArgs } from '../../scripts/dev-host';
import { freePort } from '../../src/host/sandbox/runner';
import { tempDir } from '../helpers/host';

// `npm run dev` must run the host as `npm start` does, with gc() exposed, or an upload's memory grows
// by tens of MB there and nowhere else. `tsx watch` starts the host as a child of its own, so what
// counts is that child's command line, read from /proc (Linux).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let stop: (() => Promise<void>) | undefined;

afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const children = (pid: number): number[] =>
  fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
const commandLine = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

it.runIf(process.platform === 'linux')(
  'runs the host with --expose-gc, as npm start does',
  async () => {
    const dataDir = tempDir('ash-dev-host-');
    const port = await freePort();
    // Own process group, so the watcher and the host it started end together.
    const watcher = spawn(process.execPath, devHostArgs(['--port', String(port), '--data', dataDir]), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise((resolve) => watcher.once('exit', resolve));
    stop = async () => {
      process.kill(-watcher.pid!, 'SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const read = (d: Buffer) => {
        out += d.toString();
        if (out.includes('Project endpoint:')) resolve();
      };
      watcher.stdout.on('data', read);
      watcher.stderr.on('data', read);
      void exited.then(() => reject(new Error(`The host ended before it started:\n${out}`)));
    });

    const hosts = children(watcher.pid!).map(commandLine);
    expect(hosts).toHaveLength(1);
    const host = hosts[0]!;
    expect(host).toContain('src/cli.ts');
    expect(host.slice(0, host.indexOf('src/cli.ts'))).toContain('--expose-gc');
  },
  90_000,
);
