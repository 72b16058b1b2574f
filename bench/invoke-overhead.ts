/**
 * invoke-overhead: requests per second of a small invocation through the host (resolve the session,
 * touch its activity, forward to the agent process, stream the answer back) over the same requests
 * sent straight to the agent process's port. Both sides hit the same process in alternating rounds.
 * For scale, a third side goes through the least a proxy can be (node:http in, undici out, on this
 * same thread): what forwarding itself costs here, with no routing, checks or bookkeeping.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { apiPaths } from '@contract';
import type { BenchHost } from './host';
import { figures, median, type Benchmark } from './report';

const AGENT = 'echo-agent';
const SESSION = 'bench-invoke-session';
const CONCURRENCY = 8;
const ROUND_MS = 1000;
const ROUNDS = 5;
const post = { contentType: 'application/json', body: JSON.stringify({ message: 'ping' }) };

export const invokeOverhead: Benchmark<BenchHost> = {
  name: 'invoke-overhead',
  run: async (host) => {
    const created = await fetch(host.url(apiPaths.sessions(AGENT)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_session_id: SESSION }),
    });
    if (created.status !== 201) throw new Error(`create session answered ${created.status}`);
    // Waits for readiness and gives the agent's port: the direct side's address.
    const agentProcess = await host.app.host.sessions.resume(AGENT, SESSION, { waitWhileStarting: true });
    const direct = `http://127.0.0.1:${agentProcess.port}/invocations`;
    const proxy = await startBareProxy(direct);
    const sides = {
      host: [host.url(apiPaths.invocations(AGENT), { agent_session_id: SESSION })],
      direct: [direct],
      proxy: [proxy.url],
    };
    type Side = keyof typeof sides;
    const rps: Record<Side, number[]> = { host: [], direct: [], proxy: [] };
    const names = Object.keys(sides) as Side[];
    try {
      for (const side of names) await host.client.load(sides[side], CONCURRENCY, ROUND_MS, post);
      for (let round = 0; round < ROUNDS; round++) {
        // Each side goes first in turn, so a slow drift on the machine favours none.
        for (let i = 0; i < names.length; i++) {
          const side = names[(i + round) % names.length]!;
          rps[side].push((await host.client.load(sides[side], CONCURRENCY, ROUND_MS, post)).rps);
        }
      }
    } finally {
      await proxy.close();
    }
    const hostRps = median(rps.host);
    const directRps = median(rps.direct);
    const proxyRps = median(rps.proxy);
    return {
      name: 'invoke-overhead',
      ratio: hostRps / directRps,
      target: { op: '>=', value: 0.5 },
      raw: [
        `POST ${apiPaths.invocations(AGENT)}?agent_session_id=${SESSION} with ${post.body}, ${CONCURRENCY} keep-alive requests in flight, ${ROUNDS} rounds of ${ROUND_MS} ms per side, rotating`,
        `through the host req/s: median=${hostRps.toFixed(0)} rounds=[${figures(rps.host, 0)}]`,
        `straight to the agent req/s: median=${directRps.toFixed(0)} rounds=[${figures(rps.direct, 0)}]`,
        `through a bare proxy req/s: median=${proxyRps.toFixed(0)} rounds=[${figures(rps.proxy, 0)}] (node:http in, undici out, nothing else): bare proxy over direct ${(proxyRps / directRps).toFixed(2)}, host over bare proxy ${(hostRps / proxyRps).toFixed(2)}`,
        'the agent is a separate process; the host, the bare proxy and the load client share this one (client in a worker thread)',
      ],
    };
  },
};

/**
 * The least a forwarding proxy can do: read the body, send it to `target` over keep-alive connections,
 * answer with what came back. No routing, validation, session lookup or error handling.
 */
async function startBareProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const { origin, pathname } = new URL(target);
  const upstream = new Agent();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      upstream
        .request({
          origin,
          path: pathname,
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          body: Buffer.concat(chunks),
        })
        .then(async (answer) => {
          const body = Buffer.from(await answer.body.arrayBuffer());
          res.writeHead(answer.statusCode, {
            'content-type': String(answer.headers['content-type']),
            'content-length': body.length,
          });
          res.end(body);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${pathname}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
