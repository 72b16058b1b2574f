import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'public', 'src/web', 'src/contract'];

/** The newest modification time among the files the SPA is built from. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  SOURCES.forEach((s) => visit(path.join(root, s)));
  return newest;
}

/** Builds the console into dist/ when it is missing or older than its sources; returns dist/. */
export async function ensureSpaBuilt(log: (line: string) => void = console.log): Promise<string> {
  const dist = path.join(root, 'dist');
  const builtAt = fs.statSync(path.join(dist, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt > newestSource()) return dist;
  log(builtAt ? 'The console changed since it was built; building it again…' : 'Building the console…');
  const { build } = await import('vite');
  await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  return dist;
}
