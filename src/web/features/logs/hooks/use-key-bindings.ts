import type { RefObject } from 'react';
import { isModalOpen, isTypingTarget, useHotkey } from '../../../lib/hooks/use-hotkey';
import type { MatchDirection } from './use-match-navigation';

/**
 * A pane's keys, outside text fields and dialogs: n / N move between matches, Escape clears the
 * selection. With focus in one pane only that pane answers; otherwise every pane on the page does.
 */
export function usePaneKeyBindings(
  rootRef: RefObject<HTMLElement | null>,
  { moveMatch, clearSelection }: { moveMatch: (d: MatchDirection) => void; clearSelection?: () => void },
) {
  useHotkey((e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
    const inPane = document.activeElement?.closest('[data-log-pane]');
    if (isModalOpen() || (inPane && inPane !== rootRef.current)) return;
    if (e.key === 'n' || e.key === 'N') {
      e.preventDefault();
      moveMatch(e.shiftKey ? 'previous' : 'next');
    } else if (e.key === 'Escape' && clearSelection) {
      clearSelection();
    }
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
