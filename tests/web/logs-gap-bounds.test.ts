import { describe, expect, it } from 'vitest';
import type { ParsedFrame } from '../../src/web/features/logs/lib/frame';
import { gapBounds } from '../../src/web/features/logs/lib/gap-fill';
import { addTo, logLine, storeOf } from './log-lines';

const withId = (id: number | string | undefined): ParsedFrame => ({ ...logLine(`line ${id}`), id });

/** A store with lines of ids `before`, a gap marker (stream lost and back), then `after`; and the marker's seq. */
function withGap(before: (number | string | undefined)[], after: (number | string | undefined)[]) {
  const store = storeOf(before.map(withId));
  store.opened();
  store.lost('The connection dropped.');
  store.opened();
  const gapSeq = store.buffer.lastSeq;
  addTo(store, after.map(withId));
  return { store, gapSeq, bounds: gapBounds(store.buffer, gapSeq) };
}

describe('where a gap is looked up in the recording', () => {
  it('asks between the last id before the marker and the first id after it', () => {
    const { store, gapSeq, bounds } = withGap([3, 4, undefined], [undefined, 9, 10]);
    expect(store.buffer.at(gapSeq)?.kind).toBe('gap');
    expect(store.unfilledGaps).toEqual([gapSeq]);
    expect(bounds).toEqual({ afterId: '4', beforeId: '9' });
  });

  it('waits while no line with an id has followed the marker', () => {
    expect(withGap([3], []).bounds).toBe('wait');
  });

  it('asks nothing when the ids on both sides are adjacent (the replay covered it)', () => {
    expect(withGap([3, 4], [5]).bounds).toBe('none');
  });

  it('asks nothing when no line came before the marker', () => {
    expect(withGap([], [7]).bounds).toBe('none');
  });

  it('asks with ids that are not numbers, which cannot say whether anything is missing', () => {
    expect(withGap(['evt-a'], ['evt-b']).bounds).toEqual({ afterId: 'evt-a', beforeId: 'evt-b' });
  });

  it('forgets waiting markers and fills when the console is cleared', () => {
    const { store } = withGap([3], []);
    store.clear();
    expect(store.unfilledGaps).toEqual([]);
    expect(store.fills.size).toBe(0);
  });
});
