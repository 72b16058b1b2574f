import { describe, expect, it } from 'vitest';
import { LineQueue } from '../../src/console/recorder/queue';
import { SseParser, type SseFrame } from '../../src/console/recorder/sse';

// The recorder's plain parts, without a server: its event-stream parser and its bounded queue.

function parse(chunks: string[]): SseFrame[] {
  const frames: SseFrame[] = [];
  const parser = new SseParser((f) => frames.push(f));
  const encoder = new TextEncoder();
  for (const chunk of chunks) parser.push(encoder.encode(chunk));
  return frames;
}

describe("the recorder's event-stream parser", () => {
  it('reads frames split anywhere, with CR LF or LF, and says which frames had an id', () => {
    const text =
      'id: 1\nevent: log\ndata: {"a":1}\n\n' +
      ': a comment\r\nevent: log\r\ndata: notice\r\n\r\n' +
      'id: 2\ndata: two\ndata: lines\n\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { id: '1', event: 'log', data: '{"a":1}' },
      { event: 'log', data: 'notice' },
      { id: '2', event: 'message', data: 'two\nlines' },
    ]);
    // Byte by byte, a CR LF split between chunks included, gives the same frames.
    expect(parse([...text])).toEqual(whole);
  });

  it('keeps a character split between chunks whole', () => {
    const bytes = new TextEncoder().encode('data: café ✓\n\n');
    const frames: SseFrame[] = [];
    const parser = new SseParser((f) => frames.push(f));
    for (const b of bytes) parser.push(Uint8Array.of(b));
    expect(frames).toEqual([{ event: 'message', data: 'café ✓' }]);
  });
});

describe("the recorder's queue", () => {
  const line = (n: number) => ({ atMs: n, stream: 'stdout', message: `line ${n}` });

  it('drops beyond a recording its share and counts it, leaving room for the others', () => {
    const queue = new LineQueue({ perSession: 3, total: 5 });
    for (let i = 0; i < 10; i++) queue.push(1, line(i));
    expect(queue.push(2, line(100))).toBe(true);
    expect(queue.full(1)).toBe(true);
    expect(queue.full(2)).toBe(false);
    const taken = queue.take(100);
    expect(taken.get(1)).toMatchObject({ dropped: 7, droppedFromMs: 3, droppedToMs: 9 });
    expect(taken.get(1)!.lines.map((l) => l.message)).toEqual(['line 0', 'line 1', 'line 2']);
    expect(taken.get(2)!.lines).toHaveLength(1);
    expect(queue.length).toBe(0);
  });

  it('hands lines out evenly, so a flood does not hold back another recording', () => {
    const queue = new LineQueue({ perSession: 1000, total: 2000 });
    for (let i = 0; i < 1000; i++) queue.push(1, line(i));
    for (let i = 0; i < 10; i++) queue.push(2, line(i));
    const first = queue.take(100);
    expect(first.get(2)!.lines).toHaveLength(10);
    expect(first.get(1)!.lines).toHaveLength(90);
    expect(queue.length).toBe(910);
    // What is left comes next, in order.
    expect(queue.take(1)!.get(1)!.lines[0]!.message).toBe('line 90');
  });
});
