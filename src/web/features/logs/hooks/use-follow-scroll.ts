import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type UIEvent,
  type WheelEvent,
} from 'react';
import type { LogView } from '../lib/log-view';
import { ROW_HEIGHT } from '../components/log-row';
import type { ViewCounts } from './use-log-view';

/**
 * Follow mode and the virtual rows, one behaviour: while following, the pane sticks to the newest line
 * and draws it in the render that adds it; once the reader scrolls up, the line at the top of the
 * screen stays put while old lines leave the buffer. The virtualizer lives here because which rows it
 * draws depends on following, and following is what scrolls it.
 */
export function useFollowScroll({
  view,
  counts,
  wrap,
}: {
  view: LogView;
  counts: ViewCounts;
  wrap: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Whether the pane sticks to the newest line (until the reader scrolls up).
  const [following, setFollowing] = useState(true);

  const getItemKey = useCallback((i: number) => view.rowAt(i) ?? -1 - i, [view]);
  // The virtualizer picks rows from where the pane was scrolled at the last frame, and new lines
  // arrive below that. Following, the newest rows are drawn at once, as many as fit on screen, in
  // the same render that grows the list: the scroll to them then finds them there.
  const rangeExtractor = useCallback(
    (range: Range) => {
      if (!following) return defaultRangeExtractor(range);
      const last = range.count - 1;
      const first = Math.max(0, last - (range.endIndex - range.startIndex) - range.overscan);
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    },
    [following],
  );
  // No React Compiler in this build; the virtualizer's functions are only used inside the pane.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: counts.rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRow,
    getItemKey,
    rangeExtractor,
    overscan: 12,
    // Rows for a new scroll position render within the scroll event, before the frame paints: a frame
    // never shows the pane scrolled to rows not drawn yet. (Off, and without the range extractor, a
    // 100,000-line flood flickered through 7 blank frames of 40.)
    useFlushSync: true,
  });
  // Heights measured with wrapping on are wrong with it off, and the other way round.
  useEffect(() => virtualizer.measure(), [virtualizer, wrap]);
  const totalSize = virtualizer.getTotalSize();

  const [unseenAfter, setUnseenAfter] = useState(0);
  const anchor = useRef<{ seq: number; offset: number } | undefined>(undefined);
  const stopFollowing = useCallback(() => {
    setFollowing((was) => {
      if (was) setUnseenAfter(view.rowAt(view.length - 1) ?? 0);
      return false;
    });
  }, [view]);
  const jumpToLatest = useCallback(() => setFollowing(true), []);

  // The content height the pane last scrolled to the bottom of while following.
  const followedSize = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (following) {
      // Setting scrollTop makes the browser lay out the page there and then, inside this task; only
      // when the content grew (or following just began). The render that the scroll itself causes
      // (new rows for the new range) then leaves layout to the next frame.
      if (followedSize.current !== totalSize) {
        el.scrollTop = el.scrollHeight;
        followedSize.current = totalSize;
      }
      return;
    }
    followedSize.current = undefined;
    // Not following: keep the line at the top of the screen where it is while old lines leave the buffer.
    const a = anchor.current;
    if (!a) return;
    const index = view.indexAtOrAfter(a.seq);
    const item = virtualizer.measurementsCache[index];
    if (!item) return;
    const target = item.start + a.offset;
    if (Math.abs(el.scrollTop - target) > 1) el.scrollTop = target;
  }, [following, counts, totalSize, view, virtualizer]);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom && !following) setFollowing(true);
    else if (!atBottom && following) stopFollowing();
    const first = virtualizer.getVirtualItems().find((it) => it.end > el.scrollTop);
    const seq = first ? view.rowAt(first.index) : undefined;
    anchor.current = first && seq !== undefined ? { seq, offset: el.scrollTop - first.start } : undefined;
  };
  const onWheel = (e: WheelEvent) => {
    if (e.deltaY < 0) stopFollowing();
  };
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) stopFollowing();
    if (e.key === 'End') jumpToLatest();
  };

  /** Scrolls to the first shown line at or after `seq`; leaves follow mode when that scrolls at all. */
  const scrollToLine = useCallback(
    (seq: number, align: 'center' | 'start' = 'center') => {
      const index = view.indexAtOrAfter(seq);
      if (index >= view.length) return;
      const el = scrollRef.current;
      // Everything fits on screen: nothing to scroll, so no reason to stop following.
      if (el && el.scrollHeight > el.clientHeight) stopFollowing();
      virtualizer.scrollToIndex(index, { align });
    },
    [view, virtualizer, stopFollowing],
  );

  /** The line at the top of the screen (0 before any). */
  const topSeq = useCallback(() => {
    const top = virtualizer.getVirtualItems()[0];
    return (top && view.rowAt(top.index)) ?? 0;
  }, [view, virtualizer]);

  const unseen = following ? 0 : counts.rows - view.indexAtOrAfter(unseenAfter + 1);

  return {
    scrollRef,
    virtualizer,
    totalSize,
    following,
    unseen,
    stopFollowing,
    jumpToLatest,
    scrollToLine,
    topSeq,
    // For the scrolling region.
    onScroll,
    onWheel,
    onKeyDown,
  };
}

function estimateRow(): number {
  return ROW_HEIGHT;
}
