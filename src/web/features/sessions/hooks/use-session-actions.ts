import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { sessionMutations } from '../api/session-queries';

export type SessionAction = 'stop' | 'delete';

interface Asking {
  action: SessionAction;
  sessionId: string;
}

/**
 * Stop and delete behind a confirmation, for one session (its page) or any of an agent's (the list):
 * which session the open dialog asks about, the two mutations, the failure to show in that dialog,
 * and a failure that landed after its dialog was closed, so a view can show it instead of losing it.
 */
export function useSessionActions(agent: string, options: { onDeleted?: (sessionId: string) => void } = {}) {
  const stop = useMutation(sessionMutations.stop(agent));
  const remove = useMutation(sessionMutations.delete(agent));
  const [asking, setAsking] = useState<Asking | null>(null);
  const mutationFor = (action: SessionAction) => (action === 'stop' ? stop : remove);
  const active = asking && mutationFor(asking.action);

  return {
    asking,
    stop,
    remove,
    ask: (action: SessionAction, sessionId: string) => {
      mutationFor(action).reset();
      setAsking({ action, sessionId });
    },
    confirm: () => {
      if (!asking) return;
      const { action, sessionId } = asking;
      mutationFor(action).mutate(
        { sessionId },
        {
          onSuccess: () => {
            setAsking(null);
            if (action === 'delete') options.onDeleted?.(sessionId);
          },
        },
      );
    },
    close: () => {
      // An error already read in the dialog need not come back beside the list.
      if (active && !active.isPending) active.reset();
      setAsking(null);
    },
    dialogError:
      active?.isError && active.variables?.sessionId === asking?.sessionId ? active.error : undefined,
    strayFailure: [stop, remove].find(
      (mutation) => mutation.isError && mutation.variables?.sessionId !== asking?.sessionId,
    ),
  };
}

export type SessionActions = ReturnType<typeof useSessionActions>;
