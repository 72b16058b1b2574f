import { useQuery } from '@tanstack/react-query';
import { sessionQueries, type SessionListParams } from '../api/session-queries';

/** One page of an agent's sessions. */
export function useSessionList(agent: string, params: SessionListParams) {
  return useQuery({
    ...sessionQueries.list(agent, params),
    // Keeps the rows of the page being left on screen until the next one arrives, but never shows
    // another agent's rows under this agent's name.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === agent ? previous : undefined,
  });
}
