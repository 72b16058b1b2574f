import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { LogStore } from '../lib/log-store';
import { runLogStream, type LogStreamControl } from './log-stream';

export interface LogStreamHandle {
  store: LogStore;
  /** Bumps on every batch and connection change: read the store during render after it. */
  version: number;
  retryNow: () => void;
}

/**
 * Owns one session's log stream for as long as the calling component is mounted: the store outlives
 * re-renders, the request ends (its AbortController aborts) on unmount. Give the component a `key` of
 * the agent and session, so another session gets a fresh store rather than a mixed one.
 */
export function useLogStream(agent: string, sessionId: string, bufferLines: number): LogStreamHandle {
  const [store] = useState(() => new LogStore({ bufferLines }));
  const control = useRef<LogStreamControl | undefined>(undefined);

  useEffect(() => {
    const abort = new AbortController();
    control.current = runLogStream({ agent, sessionId }, store, abort.signal);
    return () => {
      abort.abort();
      control.current = undefined;
    };
  }, [agent, sessionId, store]);

  useEffect(() => {
    store.resize(bufferLines);
  }, [store, bufferLines]);

  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  const retryNow = useCallback(() => control.current?.retryNow(), []);
  return { store, version, retryNow };
}
