import type { RefObject } from 'react';
import { isModalOpen, isTypingTarget, useHotkey } from '../../../lib/hooks/use-hotkey';
import type { MatchDirection } from './use-match-navigation';

/** Whether a key press is a plain one meant for the log, not for a field, a dialog or the browser. */
function isLogKey(e: KeyboardEvent): boolean {
  return !(
    e.defaultPrevented ||
    e.ctrlKey ||
    e.metaKey ||
    e.altKey ||
    isTypingTarget(e.target) ||
    isModalOpen()
  );
}

/**
 * A pane's keys: n / N move between matches, Escape clears the selection. With focus in one pane only
 * that pane answers; otherwise every pane on the page does. A pane in a group leaves n / N to the group
 * (no `moveMatch`), which picks the pane they are for (see `useMatchKeys`).
 */
export function usePaneKeyBindings(
  rootRef: RefObject<HTMLElement | null>,
  { moveMatch, clearSelection }: { moveMatch?: (d: MatchDirection) => void; clearSelection?: () => void },
) {
  useHotkey((e) => {
    if (!isLogKey(e)) return;
    const inPane = document.activeElement?.closest('[data-log-pane]');
    if (inPane && inPane !== rootRef.current) return;
    if ((e.key === 'n' || e.key === 'N') && moveMatch) {
      e.preventDefault();
      moveMatch(e.shiftKey ? 'previous' : 'next');
    } else if (e.key === 'Escape' && clearSelection) {
      clearSelection();
    }
  });
}

/** n / N for a group of panes, handled once for all of them: `moveMatch` decides which pane moves. */
export function useMatchKeys(moveMatch: (d: MatchDirection) => void) {
  useHotkey((e) => {
    if (!isLogKey(e) || (e.key !== 'n' && e.key !== 'N')) return;
    e.preventDefault();
    moveMatch(e.shiftKey ? 'previous' : 'next');
  });
}

/**
 * Ctrl/Cmd+F, or `f` outside a text field, focuses the search box (the header keeps `/` for opening a
 * session). The browser's own find cannot see lines that are not on screen; this search can.
 */
export function useFindShortcut(inputRef: RefObject<HTMLInputElement | null>) {
  useHotkey((e) => {
    if (e.defaultPrevented || e.altKey || isModalOpen()) return;
    const find = (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'f';
    const plainF = e.key === 'f' && !e.ctrlKey && !e.metaKey && !isTypingTarget(e.target);
    if (!find && !plainF) return;
    e.preventDefault();
    inputRef.current?.focus();
    inputRef.current?.select();
  });
}
