import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, type ErrorBody } from '@contract';
import { startHost, type TestHost } from '../helpers/host';
import { waitForStatus } from '../helpers/sessions';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-lifecycle.json', import.meta.url));
const AGENT = 'ready-agent';

/** An id of exactly `length` characters that the contract's pattern allows. */
const idOf = (length: number) => `len${length}-`.padEnd(length, 'x');

describe('session ids at the lengths the contract allows', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost({ catalogFile });
  });
  afterAll(() => host.close());

  // 100 was the router's limit for a path segment; with `:stop` or `:logstream` it bit earlier.
  it.each([8, 90, 92, 100, 101, 127, 128])(
    'reaches a %i-character id on every session route',
    async (length) => {
      const id = idOf(length);
      const url = (apiPath: string, query?: Record<string, string>) => host.url(apiPath, query);
      const created = await fetch(url(apiPaths.sessions(AGENT)), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          agent_session_id: id,
          version_indicator: { type: 'version_ref', agent_version: '1' },
        }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      await waitForStatus(host, AGENT, id, 'active');

      const expectStatus = async (what: string, res: Response, status: number) => {
        expect(res.status, `${what}: ${await res.text()}`).toBe(status);
      };
      await expectStatus('get', await fetch(url(apiPaths.session(AGENT, id))), 200);
      await expectStatus(
        'upload',
        await fetch(url(apiPaths.fileContent(AGENT, id), { path: 'a.txt' }), {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body: 'hello',
        }),
        201,
      );
      await expectStatus('list files', await fetch(url(apiPaths.files(AGENT, id), { path: '.' })), 200);
      await expectStatus(
        'download',
        await fetch(url(apiPaths.fileContent(AGENT, id), { path: 'a.txt' })),
        200,
      );
      await expectStatus(
        'delete file',
        await fetch(url(apiPaths.files(AGENT, id), { path: 'a.txt' }), { method: 'DELETE' }),
        204,
      );
      const invoked = await fetch(url(apiPaths.invocations(AGENT), { agent_session_id: id }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      // The fixture agent answers every call but its readiness probe with 404 and `{}`: that this reply
      // is the agent's, not the host's "no route", shows the call reached the session.
      expect(invoked.status).toBe(404);
      expect(await invoked.text()).toBe('{}');
      const stream = new AbortController();
      const logs = await fetch(url(apiPaths.logStream(AGENT, '1', id)), {
        headers: { accept: 'text/event-stream' },
        signal: stream.signal,
      });
      expect(logs.status, 'log stream').toBe(200);
      stream.abort();
      await expectStatus('stop', await fetch(url(apiPaths.sessionStop(AGENT, id)), { method: 'POST' }), 204);
      await expectStatus('delete', await fetch(url(apiPaths.session(AGENT, id)), { method: 'DELETE' }), 204);
      await expectStatus('get after delete', await fetch(url(apiPaths.session(AGENT, id))), 404);
    },
  );

  it('refuses a 129-character id at create with a 400 that names the field', async () => {
    const res = await fetch(host.url(apiPaths.sessions(AGENT)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_session_id: idOf(129) }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.param).toBe('agent_session_id');
  });
});
