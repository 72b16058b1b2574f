// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, ISOLATION_KEY_HEADER, type AgentSession } from '@contract';
import {
  sessionMutations,
  sessionQueries,
  type CreateSessionInput,
} from '../../src/web/features/sessions/api/session-queries';
import { ApiError } from '../../src/web/lib/api-client';
import { saveSettings } from '../../src/web/lib/settings';
import { webHost } from '../helpers/web-host';

/** The default catalog's agent: a real process per session. */
const AGENT = 'notes-agent';

const host = webHost();

beforeAll(() => {
  saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: 'k1' });
});

function setup() {
  const client = new QueryClient({
    defaultOptions: {
      // 'all': a hook result read only for isSuccess would otherwise not re-render when its data changes.
      queries: { retry: false, notifyOnChangeProps: 'all' },
      mutations: { retry: false },
    },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { client, wrapper };
}

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** A session made straight through the API, so each test owns its own. */
async function createDirect(id: string, ownerKey?: string): Promise<AgentSession> {
  const res = await fetch(host.url(apiPaths.sessions(AGENT)), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(ownerKey && { [ISOLATION_KEY_HEADER]: ownerKey }) },
    body: JSON.stringify({ agent_session_id: id }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as AgentSession;
}

async function deleteDirect(id: string, ownerKey = 'k1'): Promise<void> {
  await fetch(host.url(apiPaths.session(AGENT, id)), {
    method: 'DELETE',
    headers: { [ISOLATION_KEY_HEADER]: ownerKey },
  });
}

async function create(input: CreateSessionInput) {
  const { wrapper } = setup();
  const { result } = renderHook(() => useMutation(sessionMutations.create(AGENT)), { wrapper });
  let session: AgentSession | undefined;
  let error: unknown;
  await act(async () => {
    try {
      session = await result.current.mutateAsync(input);
    } catch (err) {
      error = err;
    }
  });
  return { session, error };
}

describe('session queries against a real host', () => {
  it('lists a page with limit and order, and the next page after its last id', async () => {
    const ids = [unique('list-a'), unique('list-b'), unique('list-c')];
    for (const id of ids) await createDirect(id);
    try {
      const { wrapper } = setup();
      // Newest first: the three just made lead the list, last one made first.
      const first = renderHook(() => useQuery(sessionQueries.list(AGENT, { limit: 2, order: 'desc' })), {
        wrapper,
      });
      await waitFor(() => expect(first.result.current.isSuccess).toBe(true));
      const page = first.result.current.data!;
      expect(page.data.map((s) => s.agent_session_id)).toEqual([ids[2], ids[1]]);
      expect(page.has_more).toBe(true);
      expect(page.last_id).toBe(ids[1]);

      const next = renderHook(
        () => useQuery(sessionQueries.list(AGENT, { limit: 2, order: 'desc', after: page.last_id })),
        { wrapper },
      );
      await waitFor(() => expect(next.result.current.isSuccess).toBe(true));
      expect(next.result.current.data!.data[0]?.agent_session_id).toBe(ids[0]);

      // `before` the first id of that page gives back the page ahead of it.
      const back = renderHook(
        () => useQuery(sessionQueries.list(AGENT, { limit: 2, order: 'desc', before: ids[0] })),
        { wrapper },
      );
      await waitFor(() => expect(back.result.current.isSuccess).toBe(true));
      expect(back.result.current.data!.data.map((s) => s.agent_session_id)).toEqual([ids[2], ids[1]]);
    } finally {
      for (const id of ids) await deleteDirect(id);
    }
  });

  it('reads one session, and a missing one is a 404 ApiError', async () => {
    const id = unique('detail');
    await createDirect(id);
    try {
      const { wrapper } = setup();
      const { result } = renderHook(() => useQuery(sessionQueries.detail(AGENT, id)), { wrapper });
      await waitFor(() => expect(result.current.isSuccess).toBe(true));
      expect(result.current.data).toMatchObject({
        agent_session_id: id,
        version_indicator: { type: 'version_ref' },
      });
      expect(['creating', 'active']).toContain(result.current.data!.status);

      const missingId = unique('missing');
      const missing = renderHook(() => useQuery(sessionQueries.detail(AGENT, missingId)), { wrapper });
      await waitFor(() => expect(missing.result.current.isError).toBe(true), { timeout: 10_000 });
      const error = missing.result.current.error as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(404);
      expect(error.code).toBe('not_found');
      expect(error.requestId).toBeTruthy();
    } finally {
      await deleteDirect(id);
    }
  });

  it('creates with a chosen id, version and owner key, and refreshes the lists it is in', async () => {
    const id = unique('created');
    const { client, wrapper } = setup();
    const list = renderHook(() => useQuery(sessionQueries.list(AGENT, { limit: 100, order: 'desc' })), {
      wrapper,
    });
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true));
    const mutation = renderHook(() => useMutation(sessionMutations.create(AGENT)), { wrapper });
    try {
      let session: AgentSession | undefined;
      await act(async () => {
        session = await mutation.result.current.mutateAsync({
          sessionId: id,
          version: '1',
          ownerKey: 'owner-x',
        });
      });
      expect(session).toMatchObject({ agent_session_id: id, version_indicator: { agent_version: '1' } });
      // The create invalidated the agent's lists, so the mounted list fetches again and shows it.
      await waitFor(() =>
        expect(list.result.current.data?.data.some((s) => s.agent_session_id === id)).toBe(true),
      );
      expect(
        client.getQueryState(sessionQueries.list(AGENT, { limit: 100, order: 'desc' }).queryKey)?.status,
      ).toBe('success');

      // The owner is the key typed into the create, not the one in settings (k1).
      const stopAsSettings = renderHook(() => useMutation(sessionMutations.stop(AGENT)), { wrapper });
      let error: unknown;
      await act(async () => {
        try {
          await stopAsSettings.result.current.mutateAsync({ sessionId: id });
        } catch (err) {
          error = err;
        }
      });
      expect((error as ApiError).status).toBe(403);
    } finally {
      await deleteDirect(id, 'owner-x');
    }
  });

  it('stops a session, which then settles as idle', async () => {
    const id = unique('stop');
    const { error } = await create({ sessionId: id, ownerKey: 'k1' });
    expect(error).toBeUndefined();
    try {
      const { wrapper } = setup();
      const detail = renderHook(() => useQuery(sessionQueries.detail(AGENT, id)), { wrapper });
      await waitFor(() => expect(detail.result.current.data?.status).toBe('active'), { timeout: 15_000 });

      const stop = renderHook(() => useMutation(sessionMutations.stop(AGENT)), { wrapper });
      await act(async () => {
        await stop.result.current.mutateAsync({ sessionId: id });
      });
      // The stop invalidates the detail; poll until the server says idle.
      await waitFor(
        async () => {
          await detail.result.current.refetch();
          expect(detail.result.current.data?.status).toBe('idle');
        },
        { timeout: 15_000, interval: 300 },
      );
      expect(detail.result.current.data?.stopped_at).toBeTypeOf('number');
    } finally {
      await deleteDirect(id);
    }
  });

  it('deletes a session, after which it is gone', async () => {
    const id = unique('delete');
    await createDirect(id, 'k1');
    const { wrapper } = setup();
    const remove = renderHook(() => useMutation(sessionMutations.delete(AGENT)), { wrapper });
    await act(async () => {
      await remove.result.current.mutateAsync({ sessionId: id });
    });
    const detail = renderHook(() => useQuery(sessionQueries.detail(AGENT, id)), { wrapper });
    await waitFor(() => expect(detail.result.current.isError).toBe(true));
    expect((detail.result.current.error as ApiError).status).toBe(404);
  });

  it('refuses a stop and a delete with the wrong owner key as a 403 ApiError with code and request id', async () => {
    const id = unique('owned');
    await createDirect(id, 'someone-else');
    try {
      const { wrapper } = setup();
      for (const options of [sessionMutations.stop(AGENT), sessionMutations.delete(AGENT)]) {
        const { result } = renderHook(() => useMutation(options), { wrapper });
        let error: unknown;
        await act(async () => {
          try {
            await result.current.mutateAsync({ sessionId: id });
          } catch (err) {
            error = err;
          }
        });
        expect(error).toBeInstanceOf(ApiError);
        const apiError = error as ApiError;
        expect(apiError.status).toBe(403);
        expect(apiError.code).toBe('session_not_accessible');
        expect(apiError.message).toContain(id);
        expect(apiError.requestId).toMatch(/\S+/);
        await waitFor(() => expect(result.current.isError).toBe(true));
      }
    } finally {
      await deleteDirect(id, 'someone-else');
    }
  });

  it('refuses a duplicate id as a 409 ApiError naming the field', async () => {
    const id = unique('dup');
    await createDirect(id);
    try {
      const { error } = await create({ sessionId: id, ownerKey: 'k1' });
      expect(error).toBeInstanceOf(ApiError);
      const apiError = error as ApiError;
      expect(apiError.status).toBe(409);
      expect(apiError.code).toBe('conflict');
      expect(apiError.param).toBe('agent_session_id');
      expect(apiError.requestId).toBeTruthy();
    } finally {
      await deleteDirect(id);
    }
  });

  it('refuses an unknown version as a 400 ApiError', async () => {
    const { error } = await create({ sessionId: unique('badver'), version: '999', ownerKey: '' });
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).code).toBe('invalid_request');
  });
});
