import { useMutationState } from '@tanstack/react-query';
import { sessionMutationKeys, type SessionRef } from '../api/session-queries';

export type PendingAction = 'stop' | 'delete';

/**
 * Which of an agent's sessions are being stopped or deleted right now, wherever the action started
 * (a table row, the session page), so every view of that session can show it.
 */
export function usePendingSessionActions(agent: string): ReadonlyMap<string, PendingAction> {
  const pending = useMutationState({
    filters: { mutationKey: sessionMutationKeys.agent(agent), status: 'pending' },
    select: (mutation) => ({
      action: mutation.options.mutationKey?.[2],
      sessionId: (mutation.state.variables as Partial<SessionRef> | undefined)?.sessionId,
    }),
  });
  const byId = new Map<string, PendingAction>();
  for (const { action, sessionId } of pending) {
    if (sessionId && (action === 'stop' || action === 'delete')) byId.set(sessionId, action);
  }
  return byId;
}
