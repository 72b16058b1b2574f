/**
 * invoke-overhead: requests per second of a small invocation through the host (resolve the session,
 * touch its activity, forward to the agent process, stream the answer back) over the same requests
 * sent straight to the agent process's port. Both sides hit the same process in alternating rounds.
 */
import { apiPaths } from '../src/contract';
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
    const viaHost = [host.url(apiPaths.invocations(AGENT), { agent_session_id: SESSION })];
    const direct = [`http://127.0.0.1:${agentProcess.port}/invocations`];

    await host.client.load(viaHost, CONCURRENCY, ROUND_MS, post);
    await host.client.load(direct, CONCURRENCY, ROUND_MS, post);
    const through: number[] = [];
    const straight: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['host', 'direct'] as const) : (['direct', 'host'] as const);
      for (const side of order) {
        const result = await host.client.load(
          side === 'host' ? viaHost : direct,
          CONCURRENCY,
          ROUND_MS,
          post,
        );
        (side === 'host' ? through : straight).push(result.rps);
      }
    }
    const hostRps = median(through);
    const directRps = median(straight);
    return {
      name: 'invoke-overhead',
      ratio: hostRps / directRps,
      target: { op: '>=', value: 0.5 },
      raw: [
        `POST ${apiPaths.invocations(AGENT)}?agent_session_id=${SESSION} with ${post.body}, ${CONCURRENCY} keep-alive requests in flight, ${ROUNDS} rounds of ${ROUND_MS} ms per side, alternating`,
        `through the host req/s: median=${hostRps.toFixed(0)} rounds=[${figures(through, 0)}]`,
        `straight to the agent req/s: median=${directRps.toFixed(0)} rounds=[${figures(straight, 0)}]`,
        'the agent is a separate process; the host and the load client share this one (client in a worker thread)',
      ],
    };
  },
};
