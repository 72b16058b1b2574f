import { useCallback, useMemo, useState } from 'react';
import type { LogView } from '../lib/log-view';
import type { ViewCounts } from './use-log-view';

export type MatchDirection = 'next' | 'previous';

interface MatchNavigationInput {
  view: LogView;
  counts: ViewCounts;
  /** The line at the top of the screen: the first move starts there rather than at the top of the log. */
  topSeq: () => number;
  /** Brings a line into sight. */
  goToLine: (seq: number) => void;
}

/**
 * The current search match and moving between matches. The current one is remembered by seq, so it
 * survives old lines leaving the buffer; a new view (another filter) starts without one.
 */
export function useMatchNavigation({ view, counts, topSeq, goToLine }: MatchNavigationInput) {
  const [current, setCurrent] = useState<{ view: LogView; seq: number } | undefined>(undefined);
  const currentSeq = current?.view === view ? current.seq : undefined;

  /** 1-based position of the current match, when it is still a match. */
  const matchPosition = useMemo(() => {
    if (currentSeq === undefined) return undefined;
    const i = view.matchIndexAtOrAfter(currentSeq);
    return view.matchAt(i) === currentSeq ? i + 1 : undefined;
    // `counts` is the signal that the view changed in place.
  }, [view, currentSeq, counts]); // eslint-disable-line react-hooks/exhaustive-deps

  const moveMatch = useCallback(
    (direction: MatchDirection) => {
      const count = view.matchCount;
      if (count === 0) return;
      let index: number;
      if (currentSeq === undefined) {
        // Start from what is on screen rather than from the top of 100,000 lines.
        index = view.matchIndexAtOrAfter(topSeq());
        if (direction === 'previous') index -= 1;
      } else {
        const at = view.matchIndexAtOrAfter(currentSeq);
        index = direction === 'next' ? (view.matchAt(at) === currentSeq ? at + 1 : at) : at - 1;
      }
      index = ((index % count) + count) % count;
      const seq = view.matchAt(index);
      if (seq === undefined) return;
      setCurrent({ view, seq });
      goToLine(seq);
    },
    [view, currentSeq, topSeq, goToLine],
  );

  return { currentSeq, matchPosition, moveMatch };
}
