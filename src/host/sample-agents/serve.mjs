// The plumbing every sample agent shares: a small HTTP server on PORT with /readiness, JSON bodies,
// and a clean exit on SIGTERM or when the host goes away (stdin closes).
import http from 'node:http';

export function log(message) {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

export function logError(message) {
  process.stderr.write(`${new Date().toISOString()} ${message}\n`);
}

export async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  return JSON.parse(text);
}

export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** routes: { 'POST /invocations': async (req, res) => ... } */
export function serve(name, routes) {
  const server = http.createServer(async (req, res) => {
    const route = routes[`${req.method} ${req.url?.split('?')[0]}`];
    if (req.method === 'GET' && req.url === '/readiness') return sendJson(res, 200, { status: 'ready' });
    if (!route)
      return sendJson(res, 404, { error: { code: 'not_found', message: `${req.method} ${req.url}` } });
    try {
      await route(req, res);
    } catch (err) {
      logError(err instanceof Error ? (err.stack ?? err.message) : String(err));
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'agent_error', message: String(err?.message ?? err) } });
      else res.end();
    }
  });
  const port = Number(process.env.PORT ?? 8088);
  server.listen(port, '127.0.0.1', () => {
    log(
      `${name} ${process.env.FOUNDRY_AGENT_VERSION ?? ''} listening on port ${port} for session ${process.env.FOUNDRY_AGENT_SESSION_ID ?? '-'}`,
    );
  });
  const shutdown = (why) => {
    log(`${why}; shutting down`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', () => shutdown('received SIGTERM'));
  process.stdin.on('end', () => shutdown('the host went away'));
  process.stdin.resume();
}
