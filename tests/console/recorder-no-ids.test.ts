import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPath, statusLine, type AgentSession } from '@contract';
import { fixedToken, startTlsStub } from '../gateway/helpers';
import { gapsOf, linesOf, recordingConsole, send, type RecordingConsole } from './recorder-helpers';

// A Foundry-shaped source whose log stream numbers nothing and replays nothing, as Foundry's may:
// the recorder keeps every line it was sent, leaves the stream's own notices out, and says where it
// could not know what was written (between one connection and the next).

const WAIT = { timeout: 20_000, interval: 50 };
const SESSION = 'session-without-ids';
const PROJECT = '/api/projects/p';

describe('the recorder on a stream without ids', () => {
  let stub: Awaited<ReturnType<typeof startTlsStub>>;
  let server: RecordingConsole;
  let connections = 0;

  beforeAll(async () => {
    stub = await startTlsStub((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith(`${PROJECT}/agents/talker/endpoint/sessions/${SESSION}?`)) {
        const session: AgentSession = {
          agent_session_id: SESSION,
          version_indicator: { type: 'version_ref', agent_version: '1' },
          status: 'active',
          created_at: Math.floor(Date.now() / 1000),
          last_accessed_at: Math.floor(Date.now() / 1000),
          expires_at: Math.floor(Date.now() / 1000) + 3600,
        };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(session));
        return;
      }
      if (url.startsWith(`${PROJECT}/agents/talker/versions/1/sessions/${SESSION}:logstream`)) {
        const n = ++connections;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const frame = (stream: string, message: string) =>
          `event: log\ndata: ${JSON.stringify({ timestamp: new Date().toISOString(), stream, message })}\n\n`;
        // Two connections' worth of lines, then an open stream that says nothing more.
        res.write(frame('status', statusLine.connected()));
        if (n <= 2) {
          for (let i = 0; i < 3; i++) res.write(frame('stdout', `conn${n} ${i}`));
          res.end();
        }
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"not_found","message":"no"}}');
    });
    server = await recordingConsole({
      connections: [{ name: 'nofoundry', endpoint: `${stub.origin}${PROJECT}` }],
      credential: fixedToken('t'),
      extraCa: [stub.ca],
    });
  });
  afterAll(async () => {
    await server?.close();
    await stub?.close();
  });

  it('keeps every line, not the notices, and a gap between connections', async () => {
    const pinned = await send(`${server.origin}${historyPath('nofoundry', 'talker', SESSION)}/pin`, 'PUT');
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);
    await expect
      .poll(() => linesOf(server.db, SESSION, 'nofoundry').map((l) => l.message), WAIT)
      .toEqual(['conn1 0', 'conn1 1', 'conn1 2', 'conn2 0', 'conn2 1', 'conn2 2']);
    expect(linesOf(server.db, SESSION, 'nofoundry').every((l) => l.event_id === null)).toBe(true);
    // Reopened after each close; each reopening that brought lines marks what it could not replay.
    await expect.poll(() => connections, WAIT).toBeGreaterThanOrEqual(3);
    expect(gapsOf(server.db, SESSION, 'nofoundry').map((g) => g.reason)).toEqual(['not_replayed']);
  });
});
