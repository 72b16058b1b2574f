// Runs a small multi-step job over a few seconds, logging progress and writing HOME/jobs/<id>.json.
// An input that contains "fail" fails on purpose with a stack trace on stderr; one that contains
// "crash" ends the whole process mid-job, so the console's error views have something real to show.
import fs from 'node:fs';
import path from 'node:path';
import { log, logError, readJson, sendJson, serve } from './serve.mjs';

const home = process.env.HOME ?? process.cwd();
const STEPS = ['fetch input', 'analyse', 'summarise', 'write output'];
const stepMs = Number(process.env.JOB_STEP_MS ?? 500);

class JobError extends Error {}

function validateInput(input) {
  if (/fail/i.test(input)) throw new JobError(`cannot process input ${JSON.stringify(input)}: asked to fail`);
}

async function runJob(input, onProgress) {
  const id = `job-${Date.now().toString(36)}`;
  log(`${id}: started with input ${JSON.stringify(input)}`);
  for (const [i, step] of STEPS.entries()) {
    await new Promise((r) => setTimeout(r, stepMs));
    if (step === 'analyse') validateInput(input);
    if (step === 'summarise' && /crash/i.test(input)) {
      logError(`${id}: crashing on purpose while summarising`);
      process.exit(3);
    }
    log(`${id}: step ${i + 1}/${STEPS.length} ${step}`);
    onProgress?.({ step: i + 1, of: STEPS.length, name: step });
  }
  const out = path.join(home, 'jobs', `${id}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ id, input, finished_at: new Date().toISOString() }, null, 2));
  log(`${id}: wrote jobs/${id}.json`);
  return { id, output: `jobs/${id}.json` };
}

serve('job-agent', {
  'POST /invocations': async (req, res) => {
    const body = await readJson(req);
    const input = String(body.input ?? body.message ?? '');
    if (!(req.headers.accept ?? '').includes('text/event-stream')) {
      try {
        sendJson(res, 200, await runJob(input));
      } catch (err) {
        logError(err.stack);
        sendJson(res, 500, { error: { code: 'job_failed', message: err.message } });
      }
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    try {
      send('done', await runJob(input, (p) => send('progress', p)));
    } catch (err) {
      logError(err.stack);
      send('error', { code: 'job_failed', message: err.message });
    }
    res.end();
  },
});
