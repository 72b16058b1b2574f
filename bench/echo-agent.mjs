// The smallest useful agent: answers each invocation with what it was sent, and logs nothing per
// request, so invoke-overhead measures the host's routing rather than the agent's work.
import { readJson, sendJson, serve } from '../src/host/sample-agents/serve.mjs';

serve('echo-agent', {
  'POST /invocations': async (req, res) => sendJson(res, 200, { echo: await readJson(req) }),
});
