import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../src/web/features/logs/lib/log-buffer';
import { LogView } from '../../src/web/features/logs/lib/log-view';
import { compileSearch } from '../../src/web/features/logs/lib/search';
import { logLine } from './log-lines';

const ok = (query: string, matchCase = false, regex = false) => {
  const s = compileSearch(query, { matchCase, regex });
  if (s.kind !== 'ok') throw new Error(`expected a search, got ${s.kind}`);
  return s;
};

describe('compileSearch', () => {
  it('is plain, case-insensitive text by default, with regex characters taken literally', () => {
    const s = ok('a.b(');
    expect(s.test('xx A.B( yy')).toBe(true);
    expect(s.test('axb(')).toBe(false);
  });

  it('matches case when asked', () => {
    expect(ok('Error', true).test('error')).toBe(false);
    expect(ok('Error', true).test('Error')).toBe(true);
  });

  it('runs regular expressions when asked', () => {
    const s = ok('err(or)?|warn', false, true);
    expect(s.test('WARN: x')).toBe(true);
    expect(s.test('fine')).toBe(false);
  });

  it('reports an invalid expression instead of throwing', () => {
    const s = compileSearch('(unclosed', { matchCase: false, regex: true });
    expect(s.kind).toBe('error');
    if (s.kind === 'error') expect(s.message).toMatch(/^Not a valid regular expression/);
  });

  it('is nothing for an empty query', () => {
    expect(compileSearch('', { matchCase: false, regex: true }).kind).toBe('none');
  });

  it('finds every match for highlighting, skipping empty ones and stopping at a limit', () => {
    expect(ok('ab').ranges('ab xab ab')).toEqual([
      [0, 2],
      [4, 6],
      [7, 9],
    ]);
    expect(ok('x*', false, true).ranges('axxb')).toEqual([[1, 3]]);
    expect(ok('a').ranges('a'.repeat(2000)).length).toBe(500);
  });
});

const all = { stdout: true, stderr: true, status: true };

describe('LogView', () => {
  it('filters by stream and search, and counts matches', () => {
    const b = new LogBuffer(1000);
    b.push(logLine('start'));
    b.push(logLine('an error here', { stream: 'stderr' }));
    b.push(logLine('connected', { stream: 'status' }));
    b.push(logLine('\u001b[31mERROR\u001b[0m coloured'));
    const v = new LogView({ streams: { ...all, status: false }, search: ok('error'), onlyMatching: false });
    v.update(b);
    expect(v.length).toBe(3);
    expect(v.matchCount).toBe(2);
    const only = new LogView({ streams: all, search: ok('error'), onlyMatching: true });
    only.update(b);
    expect(only.length).toBe(2);
  });

  it('looks only at new lines on each update and forgets lines that left the buffer', () => {
    const b = new LogBuffer(100);
    let tested = 0;
    const search = ok('keep');
    const counting = { ...search, test: (t: string) => (tested++, search.test(t)) };
    const v = new LogView({ streams: all, search: counting, onlyMatching: true });
    for (let i = 0; i < 60; i++) b.push(logLine(i % 2 ? `keep ${i}` : `drop ${i}`));
    v.update(b);
    expect(tested).toBe(60);
    for (let i = 60; i < 120; i++) b.push(logLine(i % 2 ? `keep ${i}` : `drop ${i}`));
    v.update(b);
    expect(tested).toBe(120);
    // 120 pushed into 100: the 20 oldest (10 of them kept lines) are gone.
    expect(v.length).toBe(50);
    expect(b.at(v.rowAt(0)!)?.message).toBe('keep 21');
  });

  it('stops at a paused point and finds rows by seq', () => {
    const b = new LogBuffer(100);
    for (let i = 0; i < 10; i++) b.push(logLine(`l${i}`));
    const v = new LogView({ streams: all, search: { kind: 'none' }, onlyMatching: false });
    v.update(b, 5);
    expect(v.length).toBe(5);
    v.update(b);
    expect(v.length).toBe(10);
    expect(v.indexOf(7)).toBe(6);
    expect(v.indexAtOrAfter(100)).toBe(10);
  });
});
