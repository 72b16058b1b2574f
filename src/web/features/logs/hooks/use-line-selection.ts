import { useCallback, useState } from 'react';
import type { LogEntry } from '../lib/frame';
import type { LogStore } from '../lib/log-store';
import type { LogView } from '../lib/log-view';

interface Selection {
  anchor: number;
  focus: number;
}

/**
 * The lines a reader selected by their line numbers: a click selects one (or unselects it), a
 * shift+click extends from the first. Held by seq, so a selection outlives filters that hide part of it.
 */
export function useLineSelection(view: LogView, store: LogStore) {
  const [selection, setSelection] = useState<Selection | undefined>(undefined);
  const from = selection ? Math.min(selection.anchor, selection.focus) : undefined;
  const to = selection ? Math.max(selection.anchor, selection.focus) : undefined;

  const select = useCallback(
    (seq: number, extend: boolean) =>
      setSelection((sel) => {
        if (extend && sel) return { anchor: sel.anchor, focus: seq };
        if (sel && sel.anchor === seq && sel.focus === seq) return undefined;
        return { anchor: seq, focus: seq };
      }),
    [],
  );
  const selectRange = useCallback((fromSeq: number, toSeq: number) => {
    setSelection({ anchor: fromSeq, focus: toSeq });
  }, []);
  const clear = useCallback(() => setSelection(undefined), []);

  const isSelected = (seq: number) => from !== undefined && to !== undefined && seq >= from && seq <= to;

  /** The selected lines that are shown now, oldest first. */
  const entries = useCallback((): LogEntry[] => {
    if (from === undefined || to === undefined) return [];
    const out: LogEntry[] = [];
    for (let i = view.indexAtOrAfter(from); i < view.length; i++) {
      const seq = view.rowAt(i)!;
      if (seq > to) break;
      const e = store.buffer.at(seq);
      if (e) out.push(e);
    }
    return out;
  }, [from, to, view, store]);

  return { active: selection !== undefined, isSelected, select, selectRange, clear, entries };
}
