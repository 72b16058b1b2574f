import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { apiPaths, type AgentSession, type List, type SessionStatus } from '@contract';
import { apiRequest } from '../../../lib/api-client';

export type SessionOrder = 'asc' | 'desc';

/** One page of an agent's sessions. `after` and `before` are session ids; give at most one. */
export interface SessionListParams {
  limit: number;
  order: SessionOrder;
  after?: string;
  before?: string;
}

/** Statuses the server moves out of by itself; a view showing one polls until it settles. */
const TRANSIENT_STATUSES: readonly SessionStatus[] = ['creating', 'deleting', 'updating'];
export const isTransient = (status: SessionStatus) => TRANSIENT_STATUSES.includes(status);

/** Fast enough to see `creating` turn `active` (a second or two), slow enough not to hammer a real project. */
export const TRANSIENT_POLL_MS = 2_000;

/**
 * Keys go from general to specific: ['sessions', agent] covers every list and detail of one agent,
 * so a mutation invalidates exactly what it can have changed.
 */
export const sessionQueries = {
  all: () => ['sessions'] as const,
  agent: (agent: string) => [...sessionQueries.all(), agent] as const,
  lists: (agent: string) => [...sessionQueries.agent(agent), 'list'] as const,
  list: (agent: string, params: SessionListParams) =>
    queryOptions({
      queryKey: [...sessionQueries.lists(agent), params] as const,
      queryFn: ({ signal }) =>
        apiRequest<List<AgentSession>>(apiPaths.sessions(agent), {
          query: { limit: params.limit, order: params.order, after: params.after, before: params.before },
          signal,
        }),
      refetchInterval: (query) =>
        query.state.data?.data.some((s) => isTransient(s.status)) ? TRANSIENT_POLL_MS : false,
    }),
  details: (agent: string) => [...sessionQueries.agent(agent), 'detail'] as const,
  detail: (agent: string, sessionId: string) =>
    queryOptions({
      queryKey: [...sessionQueries.details(agent), sessionId] as const,
      queryFn: ({ signal }) => apiRequest<AgentSession>(apiPaths.session(agent, sessionId), { signal }),
      refetchInterval: (query) =>
        query.state.data && isTransient(query.state.data.status) ? TRANSIENT_POLL_MS : false,
    }),
};

/**
 * Mutation keys carry the agent, and the session id travels in the variables, so any view (a table
 * row, the session page) can find "is this session being stopped right now" with useMutationState.
 */
export const sessionMutationKeys = {
  all: () => ['sessions'] as const,
  agent: (agent: string) => [...sessionMutationKeys.all(), agent] as const,
  create: (agent: string) => [...sessionMutationKeys.agent(agent), 'create'] as const,
  stop: (agent: string) => [...sessionMutationKeys.agent(agent), 'stop'] as const,
  delete: (agent: string) => [...sessionMutationKeys.agent(agent), 'delete'] as const,
};

export interface CreateSessionInput {
  /** Omitted: the endpoint's version selector (or the latest version) decides. */
  version?: string;
  /** Omitted: the server makes one up. */
  sessionId?: string;
  /** Recorded as the session's owner; empty makes a session anyone may change. */
  ownerKey: string;
}

export interface SessionRef {
  sessionId: string;
}

export const sessionMutations = {
  create: (agent: string) =>
    mutationOptions({
      mutationKey: sessionMutationKeys.create(agent),
      mutationFn: (input: CreateSessionInput) =>
        apiRequest<AgentSession>(apiPaths.sessions(agent), {
          method: 'POST',
          body: {
            ...(input.version && {
              version_indicator: { type: 'version_ref', agent_version: input.version },
            }),
            ...(input.sessionId && { agent_session_id: input.sessionId }),
          },
          // Explicit, not from settings: the person may have typed a different owner into the dialog.
          ownerKey: input.ownerKey,
        }),
      onSuccess: (_session, _input, _result, { client }) =>
        client.invalidateQueries({ queryKey: sessionQueries.lists(agent) }),
    }),
  stop: (agent: string) =>
    mutationOptions({
      mutationKey: sessionMutationKeys.stop(agent),
      mutationFn: ({ sessionId }: SessionRef) =>
        apiRequest<void>(apiPaths.sessionStop(agent, sessionId), { method: 'POST', asOwner: true }),
      // Settled, not success: a 403 or 404 also means what is on screen may be out of date.
      onSettled: (_data, _error, _ref, _result, { client }) =>
        client.invalidateQueries({ queryKey: sessionQueries.agent(agent) }),
    }),
  delete: (agent: string) =>
    mutationOptions({
      mutationKey: sessionMutationKeys.delete(agent),
      mutationFn: ({ sessionId }: SessionRef) =>
        apiRequest<void>(apiPaths.session(agent, sessionId), { method: 'DELETE', asOwner: true }),
      // Only the lists: the deleted session's own page is left to navigate away before it can refetch a 404.
      onSettled: (_data, _error, _ref, _result, { client }) =>
        client.invalidateQueries({ queryKey: sessionQueries.lists(agent) }),
    }),
};
