import path from 'node:path';
import { parseArgs } from 'node:util';
import { consoleServer } from './console';
import { gateway } from './gateway';
import { buildHost, type HostServer } from './host/app';
import { hostOptions } from './host/config';
import { createAccess } from './server/access';
import { ensureSpaBuilt } from './spa-build';

const usage = `Usage: npm start -- [options]
  --port <n>            port to listen on (default 4280)
  --host <name>         address to bind (default 127.0.0.1)
  --data <dir>          data folder: database, sandboxes, logs (default ./.data)
  --agents <file>       agent catalog (default: the bundled sample agents)
  --token <secret>      require "Authorization: Bearer <secret>" on every API call
  --idle-timeout <s>    end a session's process after this many idle seconds (overrides every version)
  --heartbeat <s>       seconds of log silence before a status line says so (default 60)
  --stream-max-age <s>  end each log stream this many seconds after it opened, as Foundry does;
                        clients reconnect (default 1800)
  --stream-idle-timeout <s>
                        end a log stream after this many seconds without a log line, heartbeats
                        not counted, as Foundry does (default 120)
  --expiry <s>          seconds without activity before a session expires (default 30 days)
  --history-days <n>    days the console keeps recorded log lines and session history (default 14)
  --history-max-mb <n>  most megabytes of recorded history; the oldest lines go first (default 1024)
  --allow-local-connections
                        accept https://127.0.0.1:<port>/... and https://localhost:<port>/... as
                        connection endpoints (a Foundry stand-in on this machine)
  --log-level <level>   what the server logs to stdout, one JSON line an entry: fatal, error, warn,
                        info or debug (info adds every request; default warn; answers of 500
                        or more are logged at error, one line each with their request id)
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
      'stream-max-age': { type: 'string' },
      'stream-idle-timeout': { type: 'string' },
      expiry: { type: 'string' },
      'history-days': { type: 'string' },
      'history-max-mb': { type: 'string' },
      'allow-local-connections': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'warn' },
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

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a whole number of at least 1, not '${value}'.`);
  return n;
}
const historyDays = wholeNumber('history-days', args['history-days']);
const historyMaxMb = wholeNumber('history-max-mb', args['history-max-mb']);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'];
const logLevel = args['log-level'];
if (!LOG_LEVELS.includes(logLevel))
  fail(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not '${logLevel}'.`);

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
  ...(args['stream-max-age'] && { streamMaxAgeSeconds: seconds('stream-max-age', args['stream-max-age']) }),
  ...(args['stream-idle-timeout'] && {
    streamIdleTimeoutSeconds: seconds('stream-idle-timeout', args['stream-idle-timeout']),
  }),
  ...(args['idle-timeout'] && { idleTimeoutSeconds: seconds('idle-timeout', args['idle-timeout']) }),
  ...(args.expiry && { expirySeconds: seconds('expiry', args.expiry) }),
});

let app: HostServer;
try {
  // The gateway to Foundry projects: same server, same Host-header check and access (a browser signed
  // in to one is signed in to both); tokens from DefaultAzureCredential, trusting the system's
  // certificate store.
  const access = createAccess(options.token);
  const foundryGateway = gateway({
    dataDir: options.dataDir,
    localEndpoint: `/api/projects/${project}`,
    access,
    allowLocalConnections: args['allow-local-connections'],
  });
  app = await buildHost(options, {
    logger: { level: logLevel },
    access,
    plugins: [
      foundryGateway,
      // The console's own part: the audit trail of every changing call through this server, and its API.
      consoleServer({
        dataDir: options.dataDir,
        localEndpoint: `/api/projects/${project}`,
        access,
        ...(options.token && { token: options.token }),
        history: { ...(historyDays && { days: historyDays }), ...(historyMaxMb && { maxMb: historyMaxMb }) },
      }),
    ],
    ...(uiDir && { uiDir }),
  });
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
