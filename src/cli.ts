import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildHost, type HostServer } from './host/app';
import { hostOptions } from './host/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const usage = `Usage: npm start -- [options]
  --port <n>            port to listen on (default 4280)
  --host <name>         address to bind (default 127.0.0.1)
  --data <dir>          data folder: database, sandboxes, logs (default ./.data)
  --agents <file>       agent catalog (default: the bundled sample agents)
  --token <secret>      require "Authorization: Bearer <secret>" on every API call
  --idle-timeout <s>    end a session's process after this many idle seconds (overrides every version)
  --heartbeat <s>       seconds of log silence before a status line says so (default 60)
  --expiry <s>          seconds without activity before a session expires (default 30 days)
  --no-ui               serve only the API (npm run dev serves the console through Vite)
  --help                show this`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function seconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number of seconds, not '${value}'.`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '4280' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.data' },
      agents: { type: 'string' },
      token: { type: 'string' },
      'idle-timeout': { type: 'string' },
      heartbeat: { type: 'string' },
      expiry: { type: 'string' },
      'no-ui': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  fail((err as Error).message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be a port number, not '${args.port}'.`);

/** The newest modification time among the files the SPA is built from. */
function newestSource(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  entries.forEach((e) => visit(path.join(root, e)));
  return newest;
}

async function ensureSpaBuilt(): Promise<string> {
  const dist = path.join(root, 'dist');
  const builtAt = fs.statSync(path.join(dist, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ['index.html', 'vite.config.ts', 'package.json', 'public', 'src/web', 'src/contract'];
  if (builtAt > newestSource(sources)) return dist;
  console.log(
    builtAt ? 'The console changed since it was built; building it again…' : 'Building the console…',
  );
  const { build } = await import('vite');
  await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  return dist;
}

const uiDir = args['no-ui'] ? undefined : await ensureSpaBuilt();
const bindHost = args.host;
const urlHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
const project = 'local';
const options = hostOptions({
  dataDir: path.resolve(args.data),
  ...(args.agents && { catalogFile: path.resolve(args.agents) }),
  ...(args.token && { token: args.token }),
  allowedHosts: [urlHost],
  project,
  heartbeatSeconds: seconds('heartbeat', args.heartbeat) ?? 60,
  ...(args['idle-timeout'] && { idleTimeoutSeconds: seconds('idle-timeout', args['idle-timeout']) }),
  ...(args.expiry && { expirySeconds: seconds('expiry', args.expiry) }),
});

let app: HostServer;
try {
  app = await buildHost(options, { logger: false, ...(uiDir && { uiDir }) });
} catch (err) {
  console.error(`The host could not start: ${(err as Error).message}`);
  process.exit(1);
}
try {
  await app.listen({ port, host: bindHost });
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  console.error(
    e.code === 'EADDRINUSE'
      ? `Port ${port} is in use; pick another with --port.`
      : `Cannot listen: ${e.message}`,
  );
  await app.close();
  process.exit(1);
}
const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
const origin = `http://${urlHost}:${actualPort}`;
options.projectEndpoint = `${origin}/api/projects/${project}`;
console.log(uiDir ? `Agent Sessions Console: ${origin}/` : `Agent host (API only): ${origin}/`);
console.log(`Project endpoint: ${options.projectEndpoint}`);
console.log(`Data folder: ${options.dataDir}`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping agent processes and closing…`);
  try {
    await app.close();
    process.exit(0);
  } catch (err) {
    console.error(`Shutdown failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
