import { useEffect, useEffectEvent } from 'react';

/** Whether a key pressed here is typing: single-letter shortcuts leave fields alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Whether a modal dialog is open: the page behind it is inert, so its shortcuts are too. */
export function isModalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

interface UseHotkeyOptions {
  /** Listens only while true, e.g. while a popover is open. */
  enabled?: boolean;
}

/**
 * Calls `onKey` for every keydown on the page while mounted (and `enabled`). The handler may change
 * on every render without the listener being added again, and always sees the latest props and state.
 * Deciding which keys count, and calling preventDefault, is the handler's business.
 */
export function useHotkey(onKey: (event: KeyboardEvent) => void, { enabled = true }: UseHotkeyOptions = {}) {
  const handle = useEffectEvent(onKey);
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => handle(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled]);
}
