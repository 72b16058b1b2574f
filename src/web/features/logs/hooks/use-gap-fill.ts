import { useEffect, useRef } from 'react';
import { fetchRecordedLines, recordedEntry, type RecordingRef } from '../api/recorded-lines';
import { gapBounds } from '../lib/gap-fill';
import type { LogStore } from '../lib/log-store';

/** The most lines one gap is filled with; the Recorded view has the rest. */
const GAP_FILL_LIMIT = 1000;
/**
 * The recorder reconnects on its own after the same outage, and may store the lines a moment after
 * the console asks: one more look after this long, when the first found none.
 */
const SECOND_LOOK_MS = 2_000;

/**
 * Fills the gap markers of a live pane from the console's recording, when it has the lines the stream
 * missed. Runs per batch only while a marker waits (normally none), so the live path does no extra work.
 */
export function useGapFill(store: LogStore, version: number, ref: RecordingRef | undefined) {
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const connection = ref?.connection;
  const agent = ref?.agent;
  const sessionId = ref?.sessionId;
  useEffect(() => {
    if (connection === undefined || agent === undefined || sessionId === undefined) return;
    if (store.unfilledGaps.length === 0) return;
    const recording = { connection, agent, sessionId };
    abort.current ??= new AbortController();
    const signal = abort.current.signal;
    const waiting: number[] = [];
    for (const seq of store.unfilledGaps) {
      const bounds = gapBounds(store.buffer, seq);
      if (bounds === 'wait') waiting.push(seq);
      if (typeof bounds === 'object') void fillGap(store, recording, seq, bounds, signal);
    }
    store.unfilledGaps.splice(0, store.unfilledGaps.length, ...waiting);
  }, [store, version, connection, agent, sessionId]);
}

async function fillGap(
  store: LogStore,
  ref: RecordingRef,
  seq: number,
  bounds: { afterId: string; beforeId: string },
  signal: AbortSignal,
): Promise<void> {
  const ask = () =>
    fetchRecordedLines(
      ref,
      { after_id: bounds.afterId, before_id: bounds.beforeId, limit: GAP_FILL_LIMIT },
      signal,
    );
  try {
    let found = await ask();
    if (found.data.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, SECOND_LOOK_MS));
      if (signal.aborted) return;
      found = await ask();
    }
    if (found.data.length === 0 || signal.aborted) return;
    store.fillGap(seq, { lines: found.data.map(recordedEntry), more: found.has_more });
  } catch {
    // No recording of this session, or the console's server cannot answer: the gap stays as it was.
  }
}
