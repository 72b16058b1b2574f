// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook } from '@testing-library/react';
import { createElement, useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLineSelection } from '../../src/web/features/logs/hooks/use-line-selection';
import {
  useMatchNavigation,
  type MatchDirection,
} from '../../src/web/features/logs/hooks/use-match-navigation';
import {
  LogPaneGroup,
  useJoinPaneGroup,
  usePaneGroupMatch,
} from '../../src/web/features/logs/components/log-pane-context';
import type { ParsedFrame } from '../../src/web/features/logs/lib/frame';
import { LogView } from '../../src/web/features/logs/lib/log-view';
import { compileSearch } from '../../src/web/features/logs/lib/search';
import { logLine, storeOf } from './log-lines';

/** Lines 1..n in a store, and a view of them that searches for `query` and shows only `streams`. */
function viewOf(frames: ParsedFrame[], query = '', streams = { stdout: true, stderr: true, status: true }) {
  const store = storeOf(frames);
  const view = new LogView({
    streams,
    search: compileSearch(query, { matchCase: false, regex: false }),
    onlyMatching: false,
  });
  view.update(store.buffer);
  const counts = { rows: view.length, matches: view.matchCount, held: store.buffer.length };
  return { store, view, counts };
}

describe('useMatchNavigation', () => {
  // Matches ("hit") at seqs 2, 4 and 6.
  const frames = ['a', 'hit 1', 'b', 'hit 2', 'c', 'hit 3', 'd'].map((m) => logLine(m));

  function setup(top = 0) {
    const { view, counts } = viewOf(frames, 'hit');
    const goToLine = vi.fn();
    const { result } = renderHook(() => useMatchNavigation({ view, counts, topSeq: () => top, goToLine }));
    return { result, goToLine };
  }

  it('has no current match until the reader moves to one', () => {
    const { result } = setup();
    expect(result.current.currentSeq).toBeUndefined();
    expect(result.current.matchPosition).toBeUndefined();
  });

  it('starts from the line at the top of the screen, not from the top of the log', () => {
    const { result, goToLine } = setup(3);
    act(() => result.current.moveMatch('next'));
    expect(result.current.currentSeq).toBe(4);
    expect(result.current.matchPosition).toBe(2);
    expect(goToLine).toHaveBeenLastCalledWith(4);
  });

  it('moving back first goes to the match above the screen', () => {
    const { result } = setup(3);
    act(() => result.current.moveMatch('previous'));
    expect(result.current.currentSeq).toBe(2);
  });

  it('goes round from the last match to the first and back', () => {
    const { result } = setup(6);
    act(() => result.current.moveMatch('next'));
    expect(result.current.matchPosition).toBe(3);
    act(() => result.current.moveMatch('next'));
    expect(result.current.matchPosition).toBe(1);
    act(() => result.current.moveMatch('previous'));
    expect(result.current.matchPosition).toBe(3);
  });

  it('does nothing without matches', () => {
    const { view, counts } = viewOf(frames, 'nothing like it');
    const goToLine = vi.fn();
    const { result } = renderHook(() => useMatchNavigation({ view, counts, topSeq: () => 0, goToLine }));
    act(() => result.current.moveMatch('next'));
    expect(result.current.currentSeq).toBeUndefined();
    expect(goToLine).not.toHaveBeenCalled();
  });

  it('forgets the current match when the view changes (another filter)', () => {
    const first = viewOf(frames, 'hit');
    const second = viewOf(frames, 'hit');
    const { result, rerender } = renderHook(
      ({ v }) => useMatchNavigation({ view: v.view, counts: v.counts, topSeq: () => 0, goToLine: () => {} }),
      { initialProps: { v: first } },
    );
    act(() => result.current.moveMatch('next'));
    expect(result.current.currentSeq).toBe(2);
    rerender({ v: second });
    expect(result.current.currentSeq).toBeUndefined();
  });
});

describe('useLineSelection', () => {
  const frames = [logLine('one'), logLine('two', { stream: 'stderr' }), logLine('three'), logLine('four')];

  it('selects a line, unselects it on a second click, and extends with shift', () => {
    const { view, store } = viewOf(frames);
    const { result } = renderHook(() => useLineSelection(view, store));
    expect(result.current.active).toBe(false);

    act(() => result.current.select(2, false));
    expect(result.current.active).toBe(true);
    expect(result.current.entries().map((e) => e.message)).toEqual(['two']);

    act(() => result.current.select(2, false));
    expect(result.current.active).toBe(false);

    act(() => result.current.select(3, false));
    act(() => result.current.select(1, true));
    expect(result.current.entries().map((e) => e.message)).toEqual(['one', 'two', 'three']);
    expect([1, 2, 3, 4].map((seq) => result.current.isSelected(seq))).toEqual([true, true, true, false]);

    act(() => result.current.clear());
    expect(result.current.active).toBe(false);
    expect(result.current.entries()).toEqual([]);
  });

  it('hands over only the selected lines the filters show', () => {
    const { view, store } = viewOf(frames, '', { stdout: true, stderr: false, status: true });
    const { result } = renderHook(() => useLineSelection(view, store));
    act(() => result.current.selectRange(1, 4));
    expect(result.current.entries().map((e) => e.message)).toEqual(['one', 'three', 'four']);
  });
});

describe('LogPaneGroup', () => {
  // Each group listens for keys on the document while mounted: one left from another test would answer too.
  afterEach(cleanup);

  /** A pane, as far as the group knows one: a root with a control in it and a header that takes no focus. */
  function Pane({ move, name }: { move: (d: MatchDirection) => void; name: string }) {
    const root = useRef<HTMLDivElement>(null);
    useJoinPaneGroup(root, move);
    return createElement(
      'div',
      { ref: root },
      createElement('p', null, `header ${name}`),
      createElement('button', { type: 'button' }, `control ${name}`),
    );
  }
  /** The shared search box, as far as the group knows one. */
  let moveAll: (d: MatchDirection) => void = () => {};
  function SearchBox() {
    moveAll = usePaneGroupMatch();
    return null;
  }
  const tree = (panes: ((d: MatchDirection) => void)[]) =>
    createElement(
      LogPaneGroup,
      null,
      createElement(SearchBox),
      ...panes.map((move, i) => createElement(Pane, { key: i, move, name: String(i) })),
    );

  it('moves every pane in it, and no longer one that left', () => {
    const a = vi.fn();
    const b = vi.fn();
    const { rerender } = render(tree([a, b]));
    act(() => moveAll('next'));
    expect(a).toHaveBeenCalledExactlyOnceWith('next');
    expect(b).toHaveBeenCalledExactlyOnceWith('next');

    rerender(tree([a]));
    act(() => moveAll('previous'));
    expect(a).toHaveBeenLastCalledWith('previous');
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('moves a pane with its newest function', () => {
    const old = vi.fn();
    const newer = vi.fn();
    const { rerender } = render(tree([old]));
    rerender(tree([newer]));
    act(() => moveAll('next'));
    expect(old).not.toHaveBeenCalled();
    expect(newer).toHaveBeenCalledExactlyOnceWith('next');
  });

  it('sends n and N to the pane in focus, else the last one clicked, else every pane', () => {
    const a = vi.fn();
    const b = vi.fn();
    const view = render(tree([a, b]));
    const press = (key: string) => fireEvent.keyDown(document.body, { key, shiftKey: key === 'N' });

    press('n');
    expect(a).toHaveBeenCalledExactlyOnceWith('next');
    expect(b).toHaveBeenCalledExactlyOnceWith('next');

    fireEvent.pointerDown(view.getByText('header 1'));
    press('N');
    expect(b).toHaveBeenLastCalledWith('previous');
    expect(a).toHaveBeenCalledTimes(1);

    act(() => view.getByRole('button', { name: 'control 0' }).focus());
    press('n');
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledTimes(2);
  });

  it('outside a group, moving is harmless', () => {
    const { result } = renderHook(() => usePaneGroupMatch());
    expect(() => result.current('previous')).not.toThrow();
  });
});
