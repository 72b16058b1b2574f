// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { readOptions, type ConsoleOptions } from '../../src/web/features/logs/lib/console-options';
import type { LogStore } from '../../src/web/features/logs/lib/log-store';
import { locateRange, useRangeLink } from '../../src/web/features/logs/hooks/use-range-link';
import { addTo, logLine, storeOf } from './log-lines';

/** What a console shows with nothing in its URL. */
const DEFAULTS = readOptions(new URLSearchParams());

/** A store holding lines with these ids (undefined: a line without one). */
const storeWith = (...ids: (number | undefined)[]) => storeOf(numbered(ids));
const add = (store: LogStore, ...ids: (number | undefined)[]) => addTo(store, numbered(ids));
const numbered = (ids: (number | undefined)[]) => ids.map((id) => logLine(`line ${id}`, { id }));

describe('locateRange', () => {
  it('waits while the lines of the link have not arrived', () => {
    expect(locateRange(storeWith(), { from: 5, to: 7 })).toEqual({ kind: 'waiting' });
    expect(locateRange(storeWith(1, 2, 3), { from: 5, to: 7 })).toEqual({ kind: 'waiting' });
  });

  it('finds the lines by their ids, skipping lines without one', () => {
    const store = storeWith(4, undefined, 5, 6, 7, 8);
    // seqs: 4 -> 1, (none) -> 2, 5 -> 3, 6 -> 4, 7 -> 5, 8 -> 6
    expect(locateRange(store, { from: 5, to: 7 })).toEqual({ kind: 'shown', fromSeq: 3, toSeq: 5 });
  });

  it('says which part is gone when the oldest lines of the range left the buffer', () => {
    const store = storeWith(6, 7, 8);
    expect(locateRange(store, { from: 5, to: 7 })).toEqual({
      kind: 'partial',
      fromSeq: 1,
      toSeq: 2,
      range: { from: 5, to: 7 },
      firstHeld: 6,
    });
  });

  it('calls the range missing once newer lines arrived without it', () => {
    expect(locateRange(storeWith(9, 10), { from: 5, to: 7 })).toEqual({
      kind: 'missing',
      range: { from: 5, to: 7 },
      oldest: 9,
    });
  });
});

describe('useRangeLink', () => {
  const withLines = (lines: ConsoleOptions['lines']): ConsoleOptions => ({ ...DEFAULTS, lines });

  it('waits for the linked lines, then hands them over once', () => {
    const store = storeWith(1, 2);
    const onFound = vi.fn();
    const { result, rerender } = renderHook(
      ({ version }) =>
        useRangeLink({
          store,
          version,
          options: withLines({ from: 3, to: 4 }),
          update: () => {},
          linkable: true,
          onFound,
        }),
      { initialProps: { version: store.version } },
    );
    expect(result.current.status).toEqual({ kind: 'waiting' });
    expect(onFound).not.toHaveBeenCalled();

    act(() => add(store, 3, 4, 5));
    rerender({ version: store.version });
    expect(result.current.status).toEqual({ kind: 'shown', fromSeq: 3, toSeq: 4 });
    expect(onFound).toHaveBeenCalledExactlyOnceWith(3, 4);

    // More lines do not select the range again (the reader may have moved on).
    act(() => add(store, 6));
    rerender({ version: store.version });
    expect(onFound).toHaveBeenCalledTimes(1);
  });

  it('does nothing in a view that is not linkable', () => {
    const onFound = vi.fn();
    const { result } = renderHook(() =>
      useRangeLink({
        store: storeWith(3, 4),
        version: 1,
        options: withLines({ from: 3, to: 4 }),
        update: () => {},
        linkable: false,
        onFound,
      }),
    );
    expect(result.current.status).toBeUndefined();
    expect(onFound).not.toHaveBeenCalled();
    expect(result.current.linkTo([])).toBeUndefined();
  });

  it('forgets the range by taking it out of the URL', () => {
    const update = vi.fn();
    const { result } = renderHook(() =>
      useRangeLink({
        store: storeWith(),
        version: 0,
        options: withLines({ from: 3, to: 4 }),
        update,
        linkable: true,
        onFound: () => {},
      }),
    );
    result.current.forget();
    expect(update).toHaveBeenCalledExactlyOnceWith({ lines: undefined });
  });

  it('links to the numbered lines given, from the first id to the last, with the filters', () => {
    window.history.replaceState(null, '', '/agents/a/sessions/s/logs?q=boom&other=1');
    const store = storeWith(10, undefined, 12);
    const { result } = renderHook(() =>
      useRangeLink({
        store,
        version: store.version,
        options: { ...DEFAULTS, query: 'boom' },
        update: () => {},
        linkable: true,
        onFound: () => {},
      }),
    );
    const entries = [...store.buffer.range()];
    const link = new URL(result.current.linkTo(entries)!);
    expect(link.pathname).toBe('/agents/a/sessions/s/logs');
    expect(link.searchParams.get('lines')).toBe('10-12');
    expect(link.searchParams.get('q')).toBe('boom');
    expect(link.searchParams.get('other')).toBe('1');
    expect(result.current.linkTo(entries.filter((e) => e.id === undefined))).toBeUndefined();
  });
});
