// @vitest-environment jsdom
import { act, cleanup, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isTypingTarget, useHotkey } from '../../src/web/lib/hooks/use-hotkey';
import { useNow } from '../../src/web/lib/hooks/use-now';

const START = Date.UTC(2026, 2, 10, 9, 0, 0);

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('ticks every interval', () => {
    const { result } = renderHook(() => useNow(1000));
    expect(result.current).toBe(START);
    act(() => vi.advanceTimersByTime(3000));
    expect(result.current).toBe(START + 3000);
  });

  it('stands still while disabled, and reads the clock again when enabled', () => {
    const { result, rerender } = renderHook(({ enabled }) => useNow(100, { enabled }), {
      initialProps: { enabled: false },
    });
    act(() => vi.advanceTimersByTime(5000));
    expect(result.current).toBe(START);
    rerender({ enabled: true });
    expect(result.current).toBe(START + 5000);
    act(() => vi.advanceTimersByTime(100));
    expect(result.current).toBe(START + 5100);
  });

  it('stops once `until` has passed, and starts again for a later one', () => {
    const { result, rerender } = renderHook(({ until }) => useNow(1000, { until }), {
      initialProps: { until: START + 2000 },
    });
    // A second at a time, rendering in between, as a browser would.
    for (let i = 0; i < 10; i++) act(() => vi.advanceTimersByTime(1000));
    expect(result.current).toBe(START + 2000);
    expect(vi.getTimerCount()).toBe(0);
    rerender({ until: START + 60_000 });
    expect(result.current).toBe(START + 10_000);
    expect(vi.getTimerCount()).toBe(1);
  });
});

describe('useHotkey', () => {
  afterEach(cleanup);

  it('hands every keydown to the latest handler, only while enabled and mounted', () => {
    const seen: string[] = [];
    const { rerender, unmount } = renderHook(
      ({ tag, enabled }) => useHotkey((e) => seen.push(`${tag}:${e.key}`), { enabled }),
      { initialProps: { tag: 'first', enabled: true } },
    );
    fireEvent.keyDown(document.body, { key: 'f' });
    rerender({ tag: 'second', enabled: true });
    fireEvent.keyDown(document.body, { key: 'n' });
    rerender({ tag: 'third', enabled: false });
    fireEvent.keyDown(document.body, { key: 'x' });
    rerender({ tag: 'fourth', enabled: true });
    unmount();
    fireEvent.keyDown(document.body, { key: 'y' });
    expect(seen).toEqual(['first:f', 'second:n']);
  });

  it('tells typing from shortcuts', () => {
    const input = document.createElement('input');
    const button = document.createElement('button');
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(button)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
