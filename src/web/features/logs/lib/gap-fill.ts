import type { LogBuffer } from './log-buffer';

/**
 * Where to look in the recording for the lines of a gap: after the last line with an id before the
 * marker, up to the first line with an id after it. `wait` while no line has followed the marker yet;
 * `none` when there is nothing to ask (no line before it, or the ids on both sides are adjacent: the
 * stream's replay already covered the gap).
 */
export type GapBounds = { afterId: string; beforeId: string } | 'wait' | 'none';

/** How far from the marker to look for a line with an id: notices without ids sit between. */
const SCAN_LIMIT = 200;

export function gapBounds(buffer: LogBuffer, gapSeq: number): GapBounds {
  let before: number | string | undefined;
  for (let seq = gapSeq - 1; seq >= Math.max(buffer.firstSeq, gapSeq - SCAN_LIMIT); seq--) {
    const e = buffer.at(seq);
    if (e?.kind === 'gap') break;
    if (e?.id !== undefined) {
      before = e.id;
      break;
    }
  }
  let after: number | string | undefined;
  let seq = gapSeq + 1;
  for (; seq <= Math.min(buffer.lastSeq, gapSeq + SCAN_LIMIT); seq++) {
    const e = buffer.at(seq);
    if (e?.id !== undefined) {
      after = e.id;
      break;
    }
  }
  if (after === undefined) return seq > gapSeq + SCAN_LIMIT ? 'none' : 'wait';
  if (before === undefined) return 'none';
  // Numeric ids (the local host) say exactly whether anything is missing; others (Foundry) cannot.
  if (typeof before === 'number' && typeof after === 'number' && after <= before + 1) return 'none';
  return { afterId: String(before), beforeId: String(after) };
}
