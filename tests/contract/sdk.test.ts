import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIProjectClient, isRestError, type RestError } from '@azure/ai-projects';
import type {
  AgentCard,
  AgentEndpointConfig,
  AgentSessionResource,
  ApiErrorResponse,
} from '@azure/ai-projects';
import { ISOLATION_KEY_HEADER, LOG_EVENT, type LogLine } from '@contract';
import { startHost, type TestHost } from '../helpers/host';
import { startTlsTerminator, type TlsTerminator } from '../helpers/tls';

// The official SDK against the local host, through TLS and with a real bearer token: if the SDK cannot
// tell the host from Foundry, neither can anything built on it. Every call goes through the SDK's public
// surface (project.agents.*); nothing here builds a URL by hand.

const TOKEN = 'test-token';
const AGENT = 'notes-agent';
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

type TokenCredential = ConstructorParameters<typeof AIProjectClient>[1];

/** What an app would get from @azure/identity, minus Entra: a fixed token that lasts an hour. */
const fixedToken = (token: string): TokenCredential => ({
  getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }),
});

let host: TestHost;
let tls: TlsTerminator;
let project: AIProjectClient;

function sdkClient(token: string): AIProjectClient {
  // Same project path as the host; only the scheme and port differ (the terminator sits in front).
  const endpoint = tls.origin + new URL(host.endpoint).pathname;
  return new AIProjectClient(endpoint, fixedToken(token), {
    // The SDK's own way to trust a certificate: it replaces the default CAs for this client only, so no
    // process-wide NODE_EXTRA_CA_CERTS or disabled verification is needed.
    tlsOptions: { ca: tls.ca },
    // A failing call should fail now, not after the SDK's exponential backoff.
    retryOptions: { maxRetries: 0 },
  });
}

beforeAll(async () => {
  host = await startHost({ token: TOKEN });
  tls = await startTlsTerminator(host.origin);
  project = sdkClient(TOKEN);
});

afterAll(async () => {
  await tls?.close();
  await host?.close();
});

/** A fresh caller-chosen session id (the contract allows 8..128 of [A-Za-z0-9_-]). */
const newSessionId = () => `sdk-${randomUUID()}`;

/** The SDK has no isolation-key option, so the header goes in the way every SDK call takes extra headers. */
const withKey = (key: string) => ({ requestOptions: { headers: { [ISOLATION_KEY_HEADER]: key } } });

/** The RestError an SDK call fails with; anything else (or success) fails the test. */
async function restError(call: Promise<unknown>): Promise<RestError> {
  try {
    await call;
  } catch (err) {
    if (isRestError(err)) return err;
    throw err;
  }
  throw new Error('Expected the SDK call to fail with a RestError.');
}

/** The error code the SDK parsed out of the host's JSON error body. */
const errorCode = (err: RestError) => (err.details as ApiErrorResponse | undefined)?.error.code;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function readAll(body: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  expect(body, 'the SDK returned no body stream').toBeDefined();
  const chunks: Buffer[] = [];
  for await (const chunk of body!) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function waitForStatus(
  id: string,
  status: AgentSessionResource['status'],
): Promise<AgentSessionResource> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const session = await project.agents.getSession(AGENT, id);
    if (session.status === status || Date.now() > deadline) return session;
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

/**
 * Server-sent events from the raw body the SDK hands back (it leaves parsing to the caller). Follows the
 * WHATWG rules the SDK's consumers rely on: CRLF or LF, `:` comments, one optional space after the colon,
 * multi-line data joined with LF, `message` when no event is named.
 */
async function* sseFrames(body: NodeJS.ReadableStream): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    buffer = buffer.replace(/\r\n|\r(?=[^\n]|$)/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: SseFrame = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'event') frame.event = value;
        else if (field === 'id') frame.id = value;
      }
      if (data.length === 0) continue;
      frame.data = data.join('\n');
      yield frame;
    }
  }
}

describe('the local host, driven by the official Azure SDK (@azure/ai-projects)', () => {
  it('lists and reads agents and their versions', async () => {
    const agents = await collect(project.agents.list());
    expect(agents.map((a) => a.name)).toEqual(expect.arrayContaining(['notes-agent', 'job-agent']));

    const hosted = await collect(project.agents.list({ kind: 'hosted' }));
    expect(hosted.length).toBe(agents.length);

    const agent = await project.agents.get(AGENT);
    expect(agent).toMatchObject({ object: 'agent', name: AGENT, state: 'enabled' });
    expect(agent.versions.latest).toMatchObject({ object: 'agent.version', name: AGENT, version: '2' });
    expect(agent.versions.latest.definition).toMatchObject({ kind: 'hosted', cpu: '1', memory: '2Gi' });
    // Unix seconds become Dates in the SDK; milliseconds would land tens of thousands of years out.
    expect(Math.abs(agent.versions.latest.created_at.getTime() - Date.now())).toBeLessThan(THIRTY_DAYS_MS);

    // The only Foundry-Features value this SDK sends on these calls; the host must accept and ignore it.
    const versions = await collect(
      project.agents.listVersions(AGENT, { foundryFeatures: 'DraftAgents=V1Preview' }),
    );
    expect(versions.map((v) => v.version).sort()).toEqual(['1', '2']);

    const first = await project.agents.getVersion(AGENT, '1');
    expect(first).toMatchObject({
      version: '1',
      description: expect.any(String),
      metadata: { owner: 'console-team' },
    });
  });

  it('patches the agent endpoint (traffic split) and agent card, and reads them back', async () => {
    const before = await project.agents.get(AGENT);
    const agentEndpoint: AgentEndpointConfig = {
      version_selector: {
        version_selection_rules: [
          { type: 'FixedRatio', agent_version: '1', traffic_percentage: 50 },
          { type: 'FixedRatio', agent_version: '2', traffic_percentage: 50 },
        ],
      },
      // invocations_ws is a protocol this SDK knows; the host must keep it rather than drop it.
      protocol_configuration: { responses: {}, invocations: {}, invocations_ws: {} },
      authorization_schemes: [{ type: 'Entra' }],
    };
    const agentCard: AgentCard = {
      version: '1.1',
      description: 'Patched through the SDK.',
      skills: [{ id: 'take-note', name: 'Take a note', tags: ['notes'], examples: ['Remember the demo.'] }],
    };
    try {
      const patched = await project.agents.updateAgent(AGENT, { agentEndpoint, agentCard });
      expect(patched.agent_endpoint).toEqual(agentEndpoint);
      expect(patched.agent_card).toEqual(agentCard);

      const read = await project.agents.get(AGENT);
      expect(read.agent_endpoint).toEqual(agentEndpoint);
      expect(read.agent_card).toEqual(agentCard);

      // A merge patch of the card alone leaves the endpoint as it was.
      const cardOnly = await project.agents.patchAgentObject(AGENT, {
        agentCard: { ...agentCard, version: '1.2' },
      });
      expect(cardOnly.agent_card?.version).toBe('1.2');
      expect(cardOnly.agent_endpoint).toEqual(agentEndpoint);

      // Percentages that do not add up to 100 reach the SDK as a 400 with the host's reason.
      const bad = await restError(
        project.agents.updateAgent(AGENT, {
          agentEndpoint: {
            version_selector: {
              version_selection_rules: [{ type: 'FixedRatio', agent_version: '1', traffic_percentage: 90 }],
            },
          },
        }),
      );
      expect(bad.statusCode).toBe(400);
      expect(errorCode(bad)).toBe('invalid_request');
    } finally {
      await project.agents.updateAgent(AGENT, {
        ...(before.agent_endpoint && { agentEndpoint: before.agent_endpoint }),
        ...(before.agent_card && { agentCard: before.agent_card }),
      });
    }
  });

  it('disables and enables an agent; a disabled agent refuses new sessions', async () => {
    const agent = 'job-agent';
    await project.agents.disable(agent);
    try {
      expect((await project.agents.get(agent)).state).toBe('disabled');
      const refused = await restError(
        project.agents.createSession(
          agent,
          { type: 'version_ref', agent_version: '1' },
          { agentSessionId: newSessionId() },
        ),
      );
      expect(refused.statusCode).toBe(409);
      expect(errorCode(refused)).toBe('conflict');
      // The SDK documents both as idempotent.
      await project.agents.disable(agent);
    } finally {
      await project.agents.enable(agent);
      await project.agents.enable(agent);
    }
    expect((await project.agents.get(agent)).state).toBe('enabled');
  });

  it('takes a session through create, get, list, files, log stream, stop and delete', async () => {
    const id = newSessionId();
    const key = `owner-${randomUUID()}`;
    const owner = withKey(key);

    // Create, with a chosen id and an owner.
    const created = await project.agents.createSession(
      AGENT,
      { type: 'version_ref', agent_version: '1' },
      { agentSessionId: id, ...owner },
    );
    expect(created.agent_session_id).toBe(id);
    expect(created.version_indicator).toEqual({ type: 'version_ref', agent_version: '1' });
    expect(['creating', 'active']).toContain(created.status);
    expect(Math.abs(created.created_at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(created.expires_at.getTime() - created.last_accessed_at.getTime()).toBe(THIRTY_DAYS_MS);
    expect(created.stopped_at).toBeUndefined();

    // Get, until the agent process has answered its readiness probe.
    const active = await waitForStatus(id, 'active');
    expect(active).toMatchObject({ agent_session_id: id, status: 'active' });

    // List (the SDK pages by itself).
    const sessions = await collect(project.agents.listSessions(AGENT));
    expect(sessions.map((s) => s.agent_session_id)).toContain(id);

    // Upload: an odd size, so nothing lines up with a chunk boundary by luck.
    const bytes = randomBytes(256 * 1024 + 7);
    const written = await project.agents.uploadSessionFile(AGENT, id, 'inbox/data.bin', bytes, owner);
    expect(written).toEqual({ path: 'inbox/data.bin', bytes_written: bytes.length });

    // List files: home shows the new folder, the folder shows the file.
    const home = await collect(project.agents.listSessionFiles(AGENT, id));
    expect(home.find((e) => e.name === 'inbox')).toMatchObject({ is_directory: true });
    const inbox = await collect(project.agents.listSessionFiles(AGENT, id, { path: 'inbox' }));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ name: 'data.bin', size: bytes.length, is_directory: false });
    expect(Math.abs(inbox[0]!.modified_time.getTime() - Date.now())).toBeLessThan(60_000);

    // Download, byte for byte.
    const download = await project.agents.downloadSessionFile(AGENT, id, 'inbox/data.bin');
    expect((await readAll(download.readableStreamBody)).equals(bytes)).toBe(true);

    // Delete the file.
    await project.agents.deleteSessionFile(AGENT, id, 'inbox/data.bin', owner);
    expect(await collect(project.agents.listSessionFiles(AGENT, id, { path: 'inbox' }))).toEqual([]);

    // Log stream: a new subscriber gets recent lines replayed, so the agent's start-up line arrives.
    const stream = await project.agents.getSessionLogStream(AGENT, '1', id, {
      abortSignal: AbortSignal.timeout(10_000),
    });
    let startLine: LogLine | undefined;
    for await (const frame of sseFrames(stream.readableStreamBody!)) {
      expect(frame.event).toBe(LOG_EVENT);
      const line = JSON.parse(frame.data) as LogLine;
      expect(line).toMatchObject({ timestamp: expect.any(String), stream: expect.any(String) });
      if (line.stream === 'stdout' && line.message.includes('listening on port')) {
        // Stored lines carry an id, so a client can resume with Last-Event-ID.
        expect(frame.id).toMatch(/^\d+$/);
        startLine = line;
        break; // leaving the loop destroys the body, which closes the stream
      }
    }
    expect(startLine?.message).toContain(id);
    expect(Number.isNaN(Date.parse(startLine!.timestamp))).toBe(false);

    // Stop: the session goes idle and says when.
    await project.agents.stopSession(AGENT, id, owner);
    const stopped = await project.agents.getSession(AGENT, id);
    expect(stopped.status).toBe('idle');
    expect(stopped.stopped_at).toBeInstanceOf(Date);

    // Delete: gone, and deleting again is still a success.
    await project.agents.deleteSession(AGENT, id, owner);
    const gone = await restError(project.agents.getSession(AGENT, id));
    expect(gone.statusCode).toBe(404);
    expect(errorCode(gone)).toBe('not_found');
    await project.agents.deleteSession(AGENT, id, owner);
  });

  it('pages sessions and files with the cursor the SDK sends back', async () => {
    const ids = [newSessionId(), newSessionId()];
    try {
      for (const id of ids)
        await project.agents.createSession(
          AGENT,
          { type: 'version_ref', agent_version: '2' },
          { agentSessionId: id },
        );
      const pages = await collect(project.agents.listSessions(AGENT, { limit: 1 }).byPage());
      expect(pages.every((p) => p.length <= 1)).toBe(true);
      const listed = pages.flat().map((s) => s.agent_session_id);
      expect(listed).toEqual(expect.arrayContaining(ids));
      expect(new Set(listed).size).toBe(listed.length);

      const [id] = ids as [string];
      for (const name of ['a.txt', 'b.txt', 'c.txt']) {
        await project.agents.uploadSessionFile(AGENT, id, `paged/${name}`, Buffer.from(name));
      }
      const filePages = await collect(
        project.agents.listSessionFiles(AGENT, id, { path: 'paged', limit: 1 }).byPage(),
      );
      expect(filePages.map((p) => p.map((e) => e.name))).toEqual(
        expect.arrayContaining([['a.txt'], ['b.txt'], ['c.txt']]),
      );
      expect(filePages).toHaveLength(3);
    } finally {
      for (const id of ids) await project.agents.deleteSession(AGENT, id);
    }
  });

  it('deletes a folder only when asked to recurse', async () => {
    const id = newSessionId();
    await project.agents.createSession(
      AGENT,
      { type: 'version_ref', agent_version: '1' },
      { agentSessionId: id },
    );
    try {
      await project.agents.uploadSessionFile(AGENT, id, 'tree/leaf.txt', Buffer.from('leaf'));
      const refused = await restError(project.agents.deleteSessionFile(AGENT, id, 'tree'));
      expect(refused.statusCode).toBe(409);
      expect(errorCode(refused)).toBe('conflict');
      await project.agents.deleteSessionFile(AGENT, id, 'tree', { recursive: true });
      const home = await collect(project.agents.listSessionFiles(AGENT, id));
      expect(home.map((e) => e.name)).not.toContain('tree');
    } finally {
      await project.agents.deleteSession(AGENT, id);
    }
  });

  it('keeps an owned session to its owner: a missing or wrong isolation key is a 403', async () => {
    const id = newSessionId();
    const owner = withKey(`owner-${randomUUID()}`);
    const stranger = withKey('someone-else');
    await project.agents.createSession(
      AGENT,
      { type: 'version_ref', agent_version: '1' },
      { agentSessionId: id, ...owner },
    );
    try {
      for (const attempt of [
        project.agents.stopSession(AGENT, id),
        project.agents.stopSession(AGENT, id, stranger),
        project.agents.uploadSessionFile(AGENT, id, 'x.txt', Buffer.from('x'), stranger),
        project.agents.deleteSessionFile(AGENT, id, 'x.txt', stranger),
        project.agents.deleteSession(AGENT, id, stranger),
      ]) {
        const err = await restError(attempt);
        expect(err.statusCode).toBe(403);
        expect(errorCode(err)).toBe('session_not_accessible');
      }
      // Reads need no key, and the key is never echoed back.
      const read = await project.agents.getSession(AGENT, id);
      expect(JSON.stringify(read)).not.toContain('owner-');
    } finally {
      await project.agents.deleteSession(AGENT, id, owner);
    }
  });

  it('reports errors as RestErrors carrying the code, message and request id', async () => {
    const missing = await restError(project.agents.getSession(AGENT, 'no-such-session'));
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    expect(missing.message).toMatch(/no-such-session/);
    expect(missing.response?.headers.get('x-request-id')).toMatch(/\S/);

    const id = newSessionId();
    await project.agents.createSession(
      AGENT,
      { type: 'version_ref', agent_version: '1' },
      { agentSessionId: id },
    );
    try {
      const duplicate = await restError(
        project.agents.createSession(
          AGENT,
          { type: 'version_ref', agent_version: '1' },
          { agentSessionId: id },
        ),
      );
      expect(duplicate.statusCode).toBe(409);
      expect(errorCode(duplicate)).toBe('conflict');
    } finally {
      await project.agents.deleteSession(AGENT, id);
    }

    const unknownVersion = await restError(
      project.agents.createSession(
        AGENT,
        { type: 'version_ref', agent_version: '99' },
        { agentSessionId: newSessionId() },
      ),
    );
    expect(unknownVersion.statusCode).toBe(400);
    expect(errorCode(unknownVersion)).toBe('invalid_request');

    const noAgent = await restError(project.agents.get('no-such-agent'));
    expect(noAgent.statusCode).toBe(404);
  });

  it('needs the TLS terminator, and trusts only its certificate', async () => {
    // Why the terminator exists: the SDK will not send a bearer token over plain http.
    const plain = new AIProjectClient(host.endpoint, fixedToken(TOKEN), { retryOptions: { maxRetries: 0 } });
    await expect(plain.agents.get(AGENT)).rejects.toThrow(/non-TLS/);
    // And the certificate is really checked: without the SDK's tlsOptions the handshake fails.
    const untrusting = new AIProjectClient(tls.origin + new URL(host.endpoint).pathname, fixedToken(TOKEN), {
      retryOptions: { maxRetries: 0 },
    });
    const err = await restError(untrusting.agents.get(AGENT));
    expect(err.statusCode).toBeUndefined();
    expect(err.code).toMatch(/CERT/);
  });

  it('checks the bearer token: a wrong one is a 401 RestError', async () => {
    const intruder = sdkClient('wrong-token');
    const err = await restError(intruder.agents.get(AGENT));
    expect(err.statusCode).toBe(401);
    expect(errorCode(err)).toBe('unauthorized');
    const listed = await restError(collect(intruder.agents.listSessions(AGENT)));
    expect(listed.statusCode).toBe(401);
  });
});
