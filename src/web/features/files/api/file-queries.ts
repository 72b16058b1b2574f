import { infiniteQueryOptions, mutationOptions, queryOptions } from '@tanstack/react-query';
import { apiPaths, type FileList } from '@contract';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { fetchFileBytes } from './file-content';

/** The API's largest page; a big folder is fetched as a run of these, shown as they arrive. */
const PAGE_SIZE = 100;
/** Counting a folder before a delete stops here and says "more than". */
const COUNT_LIMIT = 10_000;

const listPage = (agent: string, sessionId: string, path: string, after?: string, signal?: AbortSignal) =>
  apiRequest<FileList>(apiPaths.files(agent, sessionId), {
    query: { path: path || '.', limit: PAGE_SIZE, after },
    signal,
  });

/**
 * Keys go from general to specific: ['files', agent, sessionId] covers everything of one session, so an
 * upload or delete invalidates exactly the session it touched.
 */
export const fileQueries = {
  all: () => ['files'] as const,
  session: (agent: string, sessionId: string) => [...fileQueries.all(), agent, sessionId] as const,
  lists: (agent: string, sessionId: string) => [...fileQueries.session(agent, sessionId), 'list'] as const,
  /** One folder, every page of it: the browser keeps asking for the next page until has_more is false. */
  list: (agent: string, sessionId: string, path: string) =>
    infiniteQueryOptions({
      queryKey: [...fileQueries.lists(agent, sessionId), { path }] as const,
      queryFn: ({ pageParam, signal }) => listPage(agent, sessionId, path, pageParam, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => (last.has_more ? last.last_id : undefined),
    }),
  /** How many entries a folder holds at its top level, for the delete dialog. */
  count: (agent: string, sessionId: string, path: string) =>
    queryOptions({
      queryKey: [...fileQueries.session(agent, sessionId), 'count', { path }] as const,
      queryFn: async ({ signal }) => {
        let count = 0;
        let after: string | undefined;
        for (;;) {
          const page = await listPage(agent, sessionId, path, after, signal);
          count += page.entries.length;
          if (!page.has_more || count >= COUNT_LIMIT) return { count, more: page.has_more };
          after = page.last_id;
        }
      },
      // Always counted afresh when the dialog opens: the agent may have written files meanwhile.
      staleTime: 0,
      gcTime: 0,
    }),
  /**
   * The bytes of one file for a preview. The size and time are in the key so a file replaced since
   * is fetched again rather than shown from the cache.
   */
  content: (agent: string, sessionId: string, file: { path: string; size: number; modified: number }) =>
    queryOptions({
      queryKey: [...fileQueries.session(agent, sessionId), 'content', file] as const,
      queryFn: ({ signal }) => fetchFileBytes(agent, sessionId, file.path, signal),
      staleTime: 30_000,
      gcTime: 30_000,
    }),
};

/** Every name in a folder and whether it is a folder; an absent folder is empty (an upload creates it). */
export async function listAllNames(
  agent: string,
  sessionId: string,
  path: string,
): Promise<Map<string, boolean>> {
  const names = new Map<string, boolean>();
  let after: string | undefined;
  try {
    for (;;) {
      const page = await listPage(agent, sessionId, path, after);
      for (const entry of page.entries) names.set(entry.name, entry.is_directory);
      if (!page.has_more || page.last_id === undefined) return names;
      after = page.last_id;
    }
  } catch (err) {
    // 404: not there yet. 400: in the way of a file; the upload itself then gets the server's 409.
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return names;
    throw err;
  }
}

export interface DeleteInput {
  path: string;
  recursive: boolean;
}

const fileMutationKeys = {
  all: () => ['files'] as const,
  delete: (agent: string, sessionId: string) =>
    [...fileMutationKeys.all(), agent, sessionId, 'delete'] as const,
};

export const fileMutations = {
  delete: (agent: string, sessionId: string) =>
    mutationOptions({
      mutationKey: fileMutationKeys.delete(agent, sessionId),
      mutationFn: ({ path, recursive }: DeleteInput) =>
        apiRequest<void>(apiPaths.files(agent, sessionId), {
          method: 'DELETE',
          query: { path, recursive: recursive || undefined },
          asOwner: true,
        }),
      // Settled, not success: a 404 or 409 also means the listing on screen is out of date.
      onSettled: (_data, _error, _input, _result, { client }) =>
        client.invalidateQueries({ queryKey: fileQueries.session(agent, sessionId) }),
    }),
};
