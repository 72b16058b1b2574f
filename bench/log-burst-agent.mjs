// Writes a burst of numbered stdout lines when invoked, for the logs-* benchmarks. Nothing is written
// until the invocation, so a console can connect and settle first and the clock starts with the burst.
// POST /invocations {"count": n, "batch": b, "pauseMs": p} writes `burst 1` … `burst n`, b lines per
// write (default 1,000), pausing p ms between writes (default 0: as fast as the pipe takes them), and
// answers once the last line is handed to the pipe.
import { setTimeout as sleep } from 'node:timers/promises';
import { readJson, sendJson, serve } from '../src/host/sample-agents/serve.mjs';

/** Resolves once stdout has taken the text: a pipe the host reads slowly holds the burst back. */
const write = (text) => new Promise((resolve) => process.stdout.write(text, resolve));

serve('log-burst-agent', {
  'POST /invocations': async (req, res) => {
    const { count = 100_000, batch = 1000, pauseMs = 0 } = await readJson(req);
    const started = performance.now();
    for (let first = 1; first <= count; first += batch) {
      let text = '';
      for (let i = first; i < Math.min(first + batch, count + 1); i++) text += `burst ${i}\n`;
      await write(text);
      if (pauseMs > 0) await sleep(pauseMs);
    }
    sendJson(res, 200, { written: count, ms: performance.now() - started });
  },
});
