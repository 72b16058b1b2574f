import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, type ErrorBody } from '@contract';
import { startHost, type TestHost } from '../helpers/host';
import { waitForStatus } from '../helpers/sessions';

const json = { 'content-type': 'application/json' };

/** The sample agents start node processes: on a busy machine that can take longer than the default wait. */
const START_WAIT_MS = 15_000;

function createSession(host: TestHost, agent: string, id: string) {
  return fetch(host.url(apiPaths.sessions(agent)), {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ agent_session_id: id }),
  });
}

function invoke(
  host: TestHost,
  agent: string,
  body: unknown,
  sessionId?: string,
  headers: HeadersInit = json,
) {
  return fetch(host.url(apiPaths.invocations(agent), { agent_session_id: sessionId }), {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('invocations and responses on the sample agents', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ maxInvokeBytes: 64 * 1024 });
  });
  afterAll(() => host.close());

  it('creates a session when none is named and says which', async () => {
    const res = await invoke(host, 'notes-agent', { message: 'first words' });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-agent-session-id');
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    expect(((await res.json()) as { reply: string }).reply).toMatch(/Noted|notes\/note-0001\.md/);
    const session = await waitForStatus(host, 'notes-agent', id!, 'active', START_WAIT_MS);
    expect(session.agent_session_id).toBe(id);
    // The agent kept a note in its home folder.
    const note = path.join(host.dataDir, 'sandboxes', 'notes-agent', id!, 'home', 'notes', 'note-0001.md');
    expect(fs.readFileSync(note, 'utf8')).toContain('first words');
  });

  it('routes to the named session, and a Responses reply carries its id', async () => {
    await createSession(host, 'notes-agent', 'responses-target');
    await waitForStatus(host, 'notes-agent', 'responses-target', 'active', START_WAIT_MS);
    const res = await fetch(host.url(apiPaths.responses('notes-agent')), {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ input: 'a question', agent_session_id: 'responses-target' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-agent-session-id')).toBe('responses-target');
    const body = (await res.json()) as { agent_session_id: string; output_text: string };
    expect(body.agent_session_id).toBe('responses-target');
    expect(body.output_text).toBeTruthy();
    const notes = path.join(host.dataDir, 'sandboxes', 'notes-agent', 'responses-target', 'home', 'notes');
    expect(fs.readdirSync(notes)).toContain('note-0001.md');
  });

  it('wakes an idle session: it becomes active again and its activity moves', async () => {
    await createSession(host, 'notes-agent', 'sleepy-session');
    await waitForStatus(host, 'notes-agent', 'sleepy-session', 'active', START_WAIT_MS);
    await fetch(host.url(apiPaths.sessionStop('notes-agent', 'sleepy-session')), { method: 'POST' });
    const idle = await waitForStatus(host, 'notes-agent', 'sleepy-session', 'idle', START_WAIT_MS);
    await new Promise((r) => setTimeout(r, 1100));
    const res = await invoke(host, 'notes-agent', { message: 'wake up' }, 'sleepy-session');
    expect(res.status).toBe(200);
    const awake = await waitForStatus(host, 'notes-agent', 'sleepy-session', 'active', START_WAIT_MS);
    expect(awake.last_accessed_at).toBeGreaterThan(idle.last_accessed_at);
    expect(awake.expires_at).toBeGreaterThan(idle.expires_at);
  });

  it('streams an SSE reply through as the agent writes it', async () => {
    const started = Date.now();
    const res = await fetch(host.url(apiPaths.invocations('job-agent')), {
      method: 'POST',
      headers: { ...json, accept: 'text/event-stream' },
      body: JSON.stringify({ input: 'quick report' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const arrivals: { at: number; text: string }[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      arrivals.push({ at: Date.now() - started, text: decoder.decode(value) });
    }
    const all = arrivals.map((a) => a.text).join('');
    expect(all).toContain('event: progress');
    expect(all).toContain('event: done');
    // Progress came in several pieces, not one buffered lump at the end.
    expect(arrivals.filter((a) => a.text.includes('event: progress')).length).toBeGreaterThan(1);
  });

  it('passes the agent’s own failure through, and its stack trace reaches stderr', async () => {
    const res = await invoke(host, 'job-agent', { input: 'please fail' });
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorBody).error.message).toContain('asked to fail');
    const id = res.headers.get('x-agent-session-id')!;
    const log = fs.readFileSync(path.join(host.dataDir, 'sandboxes', 'job-agent', id, 'log.jsonl'), 'utf8');
    const stderr = log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { stream: string; message: string })
      .filter((l) => l.stream === 'stderr');
    expect(stderr.some((l) => l.message.includes('JobError') || l.message.includes('at '))).toBe(true);
  });

  it('answers 502 when the agent process crashes mid-request, and the host keeps serving', async () => {
    const res = await invoke(host, 'job-agent', { input: 'crash now' });
    expect(res.status).toBe(502);
    expect(((await res.json()) as ErrorBody).error.code).toBe('agent_error');
    const again = await invoke(host, 'notes-agent', { message: 'still here?' });
    expect(again.status).toBe(200);
  });

  it('refuses what is not allowed', async () => {
    // A protocol the endpoint does not turn on.
    const off = await fetch(host.url(apiPaths.responses('job-agent')), {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(off.status).toBe(404);
    expect(((await off.json()) as ErrorBody).error.message).toContain('responses');
    // A body that is not JSON where JSON is needed.
    const bad = await invoke(host, 'notes-agent', '{"message":');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.code).toBe('invalid_request');
    const notObject = await fetch(host.url(apiPaths.responses('notes-agent')), {
      method: 'POST',
      headers: json,
      body: '[1,2]',
    });
    expect(notObject.status).toBe(400);
    // Over the size limit.
    const big = await invoke(host, 'notes-agent', { message: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorBody).error.code).toBe('payload_too_large');
    // Unknown session, unknown agent, malformed id.
    expect((await invoke(host, 'notes-agent', {}, 'no-such-session-here')).status).toBe(404);
    expect((await invoke(host, 'no-such-agent', {})).status).toBe(404);
    expect((await invoke(host, 'notes-agent', {}, 'bad id!')).status).toBe(400);
  });

  it('answers 502 when the session is deleted mid-request', async () => {
    await createSession(host, 'job-agent', 'deleted-midway');
    await waitForStatus(host, 'job-agent', 'deleted-midway', 'active', START_WAIT_MS);
    const pending = invoke(host, 'job-agent', { input: 'long job' }, 'deleted-midway');
    // Deleted once the agent is working on the request, not before it has it.
    const log = path.join(host.dataDir, 'sandboxes', 'job-agent', 'deleted-midway', 'log.jsonl');
    await expect
      .poll(() => fs.readFileSync(log, 'utf8'), { timeout: START_WAIT_MS })
      .toContain('started with input');
    await fetch(host.url(apiPaths.session('job-agent', 'deleted-midway')), { method: 'DELETE' });
    const res = await pending;
    expect(res.status).toBe(502);
    expect(((await res.json()) as ErrorBody).error.code).toBe('agent_error');
  });
});

describe('a request that runs past the timeout', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ invokeTimeoutSeconds: 0.5 });
  });
  afterAll(() => host.close());

  it('is ended with a clear 504', async () => {
    // The sample job takes four half-second steps.
    const res = await invoke(host, 'job-agent', { input: 'a slow report' });
    expect(res.status).toBe(504);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('timeout');
    expect(body.error.message).toContain('0.5 s');
  });
});

describe('a session that cannot take traffic yet', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile: path.resolve('tests/fixtures/catalog-lifecycle.json') });
  });
  afterAll(() => host.close());

  it('is a 424 while it is starting', async () => {
    const patch = await fetch(host.url(apiPaths.agent('waits-for-go-agent')), {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ agent_endpoint: { protocol_configuration: { invocations: {} } } }),
    });
    expect(patch.status).toBe(200);
    expect((await createSession(host, 'waits-for-go-agent', 'still-starting')).status).toBe(201);
    const res = await invoke(host, 'waits-for-go-agent', {}, 'still-starting');
    expect(res.status).toBe(424);
    expect(((await res.json()) as ErrorBody).error.code).toBe('session_not_ready');
  });
});
