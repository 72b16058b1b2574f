import { useCallback, useMemo, useState } from 'react';
import type { ConsoleOptions } from '../lib/console-options';
import type { LogStore } from '../lib/log-store';
import { LogView, type ViewFilter } from '../lib/log-view';
import type { Search } from '../lib/search';

export interface ViewCounts {
  /** Rows the view shows. */
  rows: number;
  matches: number;
  /** Lines the buffer holds, shown or not. */
  held: number;
}

/**
 * The lines a pane shows: a new view when the filter changes, else the same one brought up to date per
 * batch, and only up to where the reader paused.
 */
export function useLogView(store: LogStore, version: number, options: ConsoleOptions, search: Search) {
  const filter = useMemo<ViewFilter>(
    () => ({
      streams: {
        stdout: options.streams.stdout,
        stderr: options.streams.stderr,
        status: options.streams.status,
      },
      search,
      onlyMatching: options.onlyMatching && search.kind === 'ok',
    }),
    [options.streams.stdout, options.streams.stderr, options.streams.status, search, options.onlyMatching],
  );
  const view = useMemo(() => new LogView(filter), [filter]);
  const [pausedAt, setPausedAt] = useState<number | undefined>(undefined);
  // A new object per batch: effects that must run again when lines arrive depend on it.
  const counts = useMemo<ViewCounts>(() => {
    view.update(store.buffer, pausedAt ?? Number.MAX_SAFE_INTEGER);
    return { rows: view.length, matches: view.matchCount, held: store.buffer.length };
    // `version` is the signal that the buffer changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, store, pausedAt, version]);

  const togglePause = useCallback(() => {
    setPausedAt((p) => (p === undefined ? store.buffer.lastSeq : undefined));
  }, [store]);

  return { view, counts, pausedAt, togglePause };
}
