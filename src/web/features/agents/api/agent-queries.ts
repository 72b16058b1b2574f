import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { apiPaths, type Agent, type AgentPatch, type AgentVersion, type List } from '../../../../contract';
import { apiRequest, type RequestOptions } from '../../../lib/api-client';

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

/** Keys go from general to specific, so invalidating `all()` refreshes every agent view at once. */
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

export interface PatchAgentVariables {
  agentName: string;
  patch: AgentPatch;
}

export interface SetAgentStateVariables {
  agentName: string;
  state: 'enabled' | 'disabled';
}

/**
 * Mutations keyed per action, so a view can find its own pending call with useMutationState.
 * Each invalidates every agent query: the list shows state and card text, the detail shows the rest.
 */
export const agentMutations = {
  patch: () =>
    mutationOptions({
      mutationKey: [...agentQueries.all(), 'patch'] as const,
      mutationFn: ({ agentName, patch }: PatchAgentVariables) =>
        apiRequest<Agent>(apiPaths.agent(agentName), {
          method: 'PATCH',
          body: patch,
          contentType: 'application/merge-patch+json',
        }),
      onSuccess: (_agent, _vars, _result, { client }) =>
        client.invalidateQueries({ queryKey: agentQueries.all() }),
    }),
  setState: () =>
    mutationOptions({
      mutationKey: [...agentQueries.all(), 'set-state'] as const,
      mutationFn: ({ agentName, state }: SetAgentStateVariables) =>
        apiRequest<void>(apiPaths.agentAction(agentName, state === 'enabled' ? 'enable' : 'disable'), {
          method: 'POST',
        }),
      onSettled: (_data, _error, _vars, _result, { client }) =>
        client.invalidateQueries({ queryKey: agentQueries.all() }),
    }),
};
