import { describe, expect, it } from 'vitest';
import { ansiColorCss, parseAnsi, stripAnsi } from '../../src/web/features/logs/lib/ansi';
import { findJson } from '../../src/web/features/logs/lib/json-message';
import { readCompareParams } from '../../src/web/features/logs/lib/session-ref';
import { readOptions, writeOptions } from '../../src/web/features/logs/lib/console-options';

describe('ANSI', () => {
  it('turns SGR codes into styled segments and leaves plain text alone', () => {
    expect(parseAnsi('plain')).toEqual([{ text: 'plain', style: undefined }]);
    expect(parseAnsi('a \u001b[1;31mred\u001b[0m b')).toEqual([
      { text: 'a ', style: undefined },
      { text: 'red', style: { bold: true, fg: 1 } },
      { text: ' b', style: undefined },
    ]);
  });

  it('reads 256 colours and true colour in both notations', () => {
    expect(parseAnsi('\u001b[38;5;208mx')[0]!.style).toEqual({ fg: 208 });
    expect(parseAnsi('\u001b[48;2;10;20;30mx')[0]!.style).toEqual({ bg: '#0a141e' });
    expect(parseAnsi('\u001b[38:2::255:0:0mx')[0]!.style).toEqual({ fg: '#ff0000' });
  });

  it('drops every other escape sequence, so nothing but text and colour survives', () => {
    const text = 'a\u001b[2Jb\u001b]0;title\u0007c\u001b]8;;http://x\u001b\\d\u001b(Be\u001b';
    expect(stripAnsi(text)).toBe('abcde');
    expect(
      parseAnsi(text)
        .map((s) => s.text)
        .join(''),
    ).toBe('abcde');
  });

  it('makes only #rrggbb colours', () => {
    expect(ansiColorCss(1)).toMatch(/^#[0-9a-f]{6}$/);
    expect(ansiColorCss(200)).toMatch(/^#[0-9a-f]{6}$/);
    expect(ansiColorCss(250)).toMatch(/^#[0-9a-f]{6}$/);
    expect(ansiColorCss('red;background:url(x)')).toBe('inherit');
  });
});

describe('JSON in a message', () => {
  it('finds a whole JSON message or one at the end of a line', () => {
    expect(findJson('{"a":1}')).toEqual({ prefix: '', value: { a: 1 } });
    expect(findJson('done: {"ms": 12, "x": {"y": 2}}')).toEqual({
      prefix: 'done: ',
      value: { ms: 12, x: { y: 2 } },
    });
    expect(findJson('log-agent: {"json": "stays a string"} and more')).toBeNull();
    expect(findJson('no json')).toBeNull();
  });
});

describe('compare targets and URL options', () => {
  it('reads agent names in a compare URL by the contract rule', () => {
    const { sessions, problems } = readCompareParams([
      'notes.v2/ses_00000001',
      `${'a'.repeat(64)}/ses_00000002`,
    ]);
    expect(sessions).toEqual([]);
    expect(problems).toHaveLength(2);
  });

  it('keeps at most four distinct sessions from the URL', () => {
    const values = [
      'a/ses_00000001',
      'a/ses_00000001',
      'a/ses_00000002',
      'bad',
      'a/ses_00000003',
      'a/ses_00000004',
      'a/ses_00000005',
    ];
    const { sessions, problems } = readCompareParams(values);
    expect(sessions.map((s) => s.sessionId)).toEqual([
      'ses_00000001',
      'ses_00000002',
      'ses_00000003',
      'ses_00000004',
    ]);
    expect(problems).toHaveLength(2);
  });

  it('writes options to the URL and reads them back, leaving other parameters alone', () => {
    const params = new URLSearchParams(
      's=a/b&hide=stdout&q=err&re=1&only=1&time=utc&wrap=1&buffer=5000&lines=9-3',
    );
    const o = readOptions(params);
    expect(o).toMatchObject({
      streams: { stdout: false, stderr: true, status: true },
      query: 'err',
      regex: true,
      onlyMatching: true,
      time: 'utc',
      wrap: true,
      bufferLines: 5000,
      lines: { from: 3, to: 9 },
    });
    const back = writeOptions(new URLSearchParams('s=a/b&other=1'), o);
    expect(readOptions(back)).toEqual(o);
    expect(back.get('other')).toBe('1');
    expect(writeOptions(new URLSearchParams(), readOptions(new URLSearchParams())).toString()).toBe('');
  });
});
