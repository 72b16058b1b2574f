import { describe, expect, it } from 'vitest';
import { LogBuffer, MIN_BUFFER_LINES } from '../../src/web/features/logs/lib/log-buffer';
import { logLine } from './log-lines';

const messages = (b: LogBuffer) => [...b.range()].map((e) => e.message);

describe('LogBuffer', () => {
  it('numbers lines in order and finds them by seq', () => {
    const b = new LogBuffer(MIN_BUFFER_LINES);
    const a = b.push(logLine('a'));
    const c = b.push(logLine('c'));
    expect([a.seq, c.seq]).toEqual([1, 2]);
    expect(b.at(2)?.message).toBe('c');
    expect(b.at(3)).toBeUndefined();
    expect([b.firstSeq, b.lastSeq, b.length]).toEqual([1, 2, 2]);
  });

  it('drops the oldest lines when full and counts them', () => {
    const b = new LogBuffer(MIN_BUFFER_LINES);
    for (let i = 0; i < 250; i++) b.push(logLine(String(i)));
    expect(b.length).toBe(100);
    expect(b.dropped).toBe(150);
    expect(messages(b)[0]).toBe('150');
    expect(messages(b).at(-1)).toBe('249');
    expect(b.at(150)).toBeUndefined();
    expect(b.at(151)?.message).toBe('150');
  });

  it('keeps working across many wraps of the ring', () => {
    const b = new LogBuffer(MIN_BUFFER_LINES);
    for (let i = 0; i < 10_007; i++) b.push(logLine(String(i)));
    expect(messages(b)).toEqual(Array.from({ length: 100 }, (_, i) => String(9907 + i)));
  });

  it('is also bounded by characters, but always keeps the newest line', () => {
    const b = new LogBuffer(1000, 10);
    b.push(logLine('12345'));
    b.push(logLine('67890'));
    b.push(logLine('abc'));
    expect(messages(b)).toEqual(['67890', 'abc']);
    b.push(logLine('x'.repeat(50)));
    expect(messages(b)).toEqual(['x'.repeat(50)]);
    expect(b.dropped).toBe(3);
  });

  it('clears without reusing seqs, and resizes keeping the newest lines', () => {
    const b = new LogBuffer(200);
    for (let i = 0; i < 150; i++) b.push(logLine(String(i)));
    b.resize(100);
    expect(b.length).toBe(100);
    expect(messages(b)[0]).toBe('50');
    expect(b.dropped).toBe(50);
    b.clear();
    expect(b.length).toBe(0);
    expect(b.push(logLine('next')).seq).toBe(151);
    expect(b.dropped).toBe(50);
  });

  it('clamps a capacity out of range', () => {
    expect(new LogBuffer(1).limit).toBe(MIN_BUFFER_LINES);
    expect(new LogBuffer(Number.NaN).limit).toBe(100_000);
  });
});
