import { useCallback, useEffect, useState } from 'react';
import { formatRange, writeOptions, type ConsoleOptions, type LineRange } from '../lib/console-options';
import type { LogEntry } from '../lib/frame';
import type { LogStore } from '../lib/log-store';

export type RangeStatus =
  | { kind: 'waiting' }
  | { kind: 'missing'; range: LineRange; oldest: number | undefined }
  | { kind: 'shown'; fromSeq: number; toSeq: number }
  | { kind: 'partial'; fromSeq: number; toSeq: number; range: LineRange; firstHeld: number };

/** Where the lines a link names are in the buffer, if they are there (yet, or still). */
export function locateRange(store: LogStore, range: LineRange): RangeStatus {
  let fromSeq: number | undefined;
  let toSeq: number | undefined;
  let firstHeldId: number | undefined;
  let newestId: number | undefined;
  let oldest: number | undefined;
  for (const e of store.buffer.range()) {
    if (typeof e.id !== 'number') continue;
    oldest ??= e.id;
    newestId = e.id;
    if (e.id >= range.from && e.id <= range.to) {
      fromSeq ??= e.seq;
      firstHeldId ??= e.id;
      toSeq = e.seq;
    }
  }
  if (fromSeq !== undefined && toSeq !== undefined && firstHeldId !== undefined) {
    if (firstHeldId > range.from) return { kind: 'partial', fromSeq, toSeq, range, firstHeld: firstHeldId };
    return { kind: 'shown', fromSeq, toSeq };
  }
  // Lines after the range have arrived, so the range itself is gone.
  if (newestId !== undefined && newestId > range.to) return { kind: 'missing', range, oldest };
  return { kind: 'waiting' };
}

interface RangeLinkInput {
  store: LogStore;
  version: number;
  options: ConsoleOptions;
  update: (patch: Partial<ConsoleOptions>) => void;
  /** Range links belong to a single console's URL; in a side-by-side view they are off. */
  linkable: boolean;
  /** Called once the linked lines are held: select and show them. Keep it stable. */
  onFound: (fromSeq: number, toSeq: number) => void;
}

/**
 * Links to a range of lines (`?lines=from-to`, by the server's ids): opening one waits for those lines
 * to arrive, then hands them to `onFound` once; `status` says what became of the range while it is not
 * simply shown; `linkTo` makes such a link with the current filters.
 */
export function useRangeLink({ store, version, options, update, linkable, onFound }: RangeLinkInput) {
  const [state, setState] = useState<{ key: string; status: RangeStatus } | undefined>(undefined);
  const key = linkable && options.lines ? formatRange(options.lines) : undefined;

  useEffect(() => {
    if (!key || !options.lines) return;
    if (state?.key === key && state.status.kind !== 'waiting') return;
    const found = locateRange(store, options.lines);
    if (found.kind === 'waiting' && state?.key === key) return;
    // The lines arrive from outside React (the store's batches); what became of them is remembered
    // per link, so the lines are selected once and a later trim does not move the reader.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState({ key, status: found });
    if (found.kind === 'shown' || found.kind === 'partial') onFound(found.fromSeq, found.toSeq);
  }, [key, options.lines, store, version, state, onFound]);

  /** Takes the range out of the URL (the reader is done with it). */
  const forget = useCallback(() => {
    if (options.lines) update({ lines: undefined });
  }, [options.lines, update]);

  /** A link to `entries` with the current filters; undefined when none has a numeric id. */
  const linkTo = useCallback(
    (entries: readonly LogEntry[]): string | undefined => {
      const ids = entries.map((e) => e.id).filter((id): id is number => typeof id === 'number');
      if (!linkable || ids.length === 0) return undefined;
      const range: LineRange = { from: ids[0]!, to: ids[ids.length - 1]! };
      const params = writeOptions(new URLSearchParams(window.location.search), { ...options, lines: range });
      return `${window.location.origin}${window.location.pathname}?${params.toString()}`;
    },
    [linkable, options],
  );

  return { status: state?.key === key ? state?.status : undefined, forget, linkTo };
}
