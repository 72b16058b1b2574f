import { mutationOptions } from '@tanstack/react-query';
import { apiPaths, type Agent, type AgentPatch } from '@contract';
import { agentQueries } from '../../../lib/agent-queries';
import { apiRequest } from '../../../lib/api-client';

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
