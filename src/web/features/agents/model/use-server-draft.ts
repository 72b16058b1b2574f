import { useState } from 'react';

/**
 * A form draft of a server value. While the person has not changed anything, the draft follows the
 * server (a refetch shows up); once they have, it is theirs and a refetch never overwrites it.
 * `reset` starts over from a value: the server's, or what a save returned.
 */
export function useServerDraft<T, D>(server: T, toDraft: (value: T) => D) {
  const serverJson = JSON.stringify(server ?? null);
  const [state, setState] = useState(() => ({ draft: toDraft(server), from: serverJson, dirty: false }));
  // Adjusting state while rendering (not in an effect) so the stale draft never paints.
  if (!state.dirty && state.from !== serverJson)
    setState({ draft: toDraft(server), from: serverJson, dirty: false });

  const update = (change: (draft: D) => D) =>
    setState((s) => ({ ...s, draft: change(s.draft), dirty: true }));
  const reset = (value: T) =>
    setState({ draft: toDraft(value), from: JSON.stringify(value ?? null), dirty: false });
  return { draft: state.draft, dirty: state.dirty, update, reset };
}
