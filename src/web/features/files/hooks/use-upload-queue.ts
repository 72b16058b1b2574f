import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useOwnerKey } from '../../../lib/hooks/use-owner-key';
import { fileQueries } from '../api/file-queries';
import { createSessionUploadQueue } from '../api/session-uploads';
import type { UploadSnapshot } from '../model/upload-items';
import type { UploadQueue } from '../model/upload-queue';

/** After uploads the listing refreshes at most this often, so a batch of many small files refetches a few times, not once per file. */
const REFRESH_MS = 700;

/**
 * The upload queue of one session's file browser. Unmounting cancels what is still running: nothing
 * goes on sending for a page that is gone. Read its state with `useUploads` where it is drawn.
 */
export function useUploadQueue(agent: string, sessionId: string): UploadQueue {
  const client = useQueryClient();
  // Subscribed so that a key saved in Settings in another tab reaches this one before a retry.
  useOwnerKey();
  const [queue] = useState(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer = undefined;
      void client.invalidateQueries({ queryKey: fileQueries.lists(agent, sessionId) });
    };
    return createSessionUploadQueue(agent, sessionId, {
      onUploaded: () => {
        timer ??= setTimeout(refresh, REFRESH_MS);
      },
    });
  });
  useEffect(() => () => queue.dispose(), [queue]);
  return queue;
}

/**
 * The queue's state, or the part of it `select` picks: the component re-renders when that changes.
 * Progress changes it many times a second, so only what draws progress should read all of it.
 */
export function useUploads<T = UploadSnapshot>(
  queue: UploadQueue,
  select: (state: UploadSnapshot) => T = (state) => state as T,
): T {
  return useSyncExternalStore(queue.subscribe, () => select(queue.getSnapshot()));
}
