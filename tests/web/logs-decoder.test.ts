import { describe, expect, it } from 'vitest';
import { AsciiFirstDecoder } from '../../src/web/features/logs/lib/ascii-first-decoder';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('AsciiFirstDecoder', () => {
  const cases: [string, Uint8Array][] = [
    ['empty', bytes('')],
    ['a field name', bytes('event')],
    ['a JSON log line', bytes('{"stream":"stdout","message":"burst 1"}')],
    ['control characters and NUL', bytes([0, 9, 27, 127])],
    ['accents and emoji', bytes('café ✓ 🚀')],
    ['a UTF-8 byte order mark', bytes([0xef, 0xbb, 0xbf], 'data')],
    ['invalid UTF-8', bytes('ok', [0xff, 0xc3])],
    ['ASCII then one non-ASCII byte at the end', bytes('x'.repeat(100), [0xe9])],
    ['a long ASCII line', bytes('y'.repeat(100_000))],
    ['a long line with a non-ASCII character', bytes('z'.repeat(10_000), 'é')],
  ];

  it.each(cases)('decodes %s exactly as TextDecoder does', (_name, input) => {
    expect(new AsciiFirstDecoder().decode(input)).toBe(new TextDecoder().decode(input));
  });

  it('decodes a view into a larger buffer without reading past it', () => {
    const whole = bytes('id: 7\nevent: log\n');
    const view = whole.subarray(4, 5);
    expect(new AsciiFirstDecoder().decode(view)).toBe('7');
  });

  it('keeps a character split across streaming calls whole, and what follows it too', () => {
    const euro = bytes('€');
    const read = (d: TextDecoder) =>
      d.decode(euro.subarray(0, 1), { stream: true }) + d.decode(euro.subarray(1)) + d.decode(bytes('ab'));
    expect(read(new AsciiFirstDecoder())).toBe('€ab');
    expect(read(new TextDecoder())).toBe('€ab');
  });

  it('ends a character a stream left unfinished the way TextDecoder does, even before ASCII', () => {
    const read = (d: TextDecoder) =>
      d.decode(bytes('€').subarray(0, 2), { stream: true }) + d.decode(bytes('ab'));
    expect(read(new AsciiFirstDecoder())).toBe(read(new TextDecoder()));
    expect(read(new AsciiFirstDecoder())).toBe('\uFFFDab');
  });

  it('honours fatal for invalid input', () => {
    expect(() => new AsciiFirstDecoder('utf-8', { fatal: true }).decode(bytes([0xff]))).toThrow(TypeError);
    expect(new AsciiFirstDecoder('utf-8', { fatal: true }).decode(bytes('fine'))).toBe('fine');
  });
});
