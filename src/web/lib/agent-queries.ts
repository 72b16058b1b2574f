import { queryOptions } from '@tanstack/react-query';
import { apiPaths, type Agent, type AgentVersion, type List } from '@contract';
import { apiRequest, type RequestOptions } from './api-client';

/** The host pages lists at 100 at most; a project with more agents than this is not one the console lists whole. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/**
 * Every item of a list endpoint, following `last_id` while `has_more` says there is more. Agents and
 * versions are few, and the console shows and filters them all on one page, so it reads them whole.
 */
async function fetchAllPages<T>(
  path: string,
  options: Pick<RequestOptions, 'signal' | 'settings'> = {},
): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await apiRequest<List<T>>(path, { ...options, query: { limit: PAGE_SIZE, after } });
    items.push(...list.data);
    if (!list.has_more || !list.last_id || list.last_id === after) break;
    after = list.last_id;
  }
  return items;
}

/**
 * The agent reads of every feature, once: the agents pages, the create-session dialog and the
 * playground read the same cache entries. Keys go from general to specific, so invalidating `all()`
 * refreshes every agent view at once.
 */
export const agentQueries = {
  all: () => ['agents'] as const,
  lists: () => [...agentQueries.all(), 'list'] as const,
  list: () =>
    queryOptions({
      queryKey: [...agentQueries.lists(), {}] as const,
      queryFn: ({ signal }) => fetchAllPages<Agent>(apiPaths.agents(), { signal }),
    }),
  details: () => [...agentQueries.all(), 'detail'] as const,
  detail: (agentName: string) =>
    queryOptions({
      queryKey: [...agentQueries.details(), agentName] as const,
      queryFn: ({ signal }) => apiRequest<Agent>(apiPaths.agent(agentName), { signal }),
    }),
  versions: (agentName: string) =>
    queryOptions({
      queryKey: [...agentQueries.details(), agentName, 'versions'] as const,
      queryFn: ({ signal }) => fetchAllPages<AgentVersion>(apiPaths.versions(agentName), { signal }),
    }),
};
