import { describe, expect, it } from 'vitest';
import {
  classifyStatus,
  gapCount,
  heartbeatSeconds,
  parseFrame,
  parseFrames,
} from '../../src/web/features/logs/lib/frame';

const frame = (data: string, id = '', event = 'log') => ({ id, event, data });

describe('parseFrame', () => {
  it('reads the contract JSON: time, stream, message, and a numeric id', () => {
    const e = parseFrame(
      frame('{"timestamp":"2026-03-10T09:33:17.121Z","stream":"stderr","message":"boom"}', '42'),
    );
    expect(e).toMatchObject({
      id: 42,
      kind: 'line',
      stream: 'stderr',
      time: '2026-03-10T09:33:17.121Z',
      message: 'boom',
      raw: false,
    });
  });

  it('shows data that is not JSON as raw text, whatever it looks like', () => {
    for (const data of ['plain text', '{not json', '[1,2,3]', '"a string"', '42', '{"no":"message"}']) {
      expect(parseFrame(frame(data))).toMatchObject({
        kind: 'line',
        stream: 'stdout',
        message: data,
        raw: true,
      });
    }
  });

  it('ignores unknown keys and keeps an unknown stream name for display', () => {
    const e = parseFrame(frame('{"message":"hi","stream":"system","extra":{"deep":true},"level":3}'));
    expect(e).toMatchObject({
      message: 'hi',
      stream: 'stdout',
      streamName: 'system',
      raw: false,
      time: undefined,
    });
  });

  it('dispatches nothing for a frame without data (a comment, a stray blank line)', () => {
    expect(parseFrame(frame(''))).toBeUndefined();
  });

  it('ignores unknown event types but accepts frames without one', () => {
    expect(parseFrame(frame('{"message":"x"}', '1', 'metrics'))).toBeUndefined();
    expect(parseFrame(frame('{"message":"x"}', '1', ''))).toMatchObject({ message: 'x' });
    expect(parseFrame(frame('{"message":"x"}', '1', 'message'))).toMatchObject({ message: 'x' });
  });

  it('keeps ids that are not whole numbers as text, and no id as undefined', () => {
    expect(parseFrame(frame('x', 'abc-1'))?.id).toBe('abc-1');
    expect(parseFrame(frame('x', ''))?.id).toBeUndefined();
    expect(parseFrame(frame('x', '12.5'))?.id).toBe('12.5');
    expect(parseFrame(frame('x', '-3'))?.id).toBe('-3');
    expect(parseFrame(frame('x', '7 '))?.id).toBe('7 ');
    expect(parseFrame(frame('x', '1'.repeat(16)))?.id).toBe('1'.repeat(16));
    expect(parseFrame(frame('x', '9'.repeat(15)))?.id).toBe(999_999_999_999_999);
    expect(parseFrame(frame('x', '007'))?.id).toBe(7);
  });

  it('marks status lines and says what they are about', () => {
    const e = parseFrame(frame('{"stream":"status","message":"No logs since last 60 seconds"}', '7'));
    expect(e).toMatchObject({ kind: 'status', stream: 'status', status: 'heartbeat' });
  });

  it('copes with a giant line', () => {
    const message = 'x'.repeat(1_200_000);
    const e = parseFrame(frame(JSON.stringify({ stream: 'stdout', message })));
    expect(e?.message.length).toBe(1_200_000);
  });
});

describe('status lines', () => {
  it.each([
    ['Successfully connected to container', 'connected'],
    ['No logs since last 60 seconds', 'heartbeat'],
    ['12 log lines (ids 3 to 14) were lost: the host no longer holds them.', 'lost'],
    ['1 log line (id 9) was lost: the host no longer holds them.', 'lost'],
    [
      '500 log lines (ids 10 to 509) were dropped for this connection because it read more slowly than the session wrote.',
      'dropped',
    ],
    ['The session was deleted or has expired; its log stream has ended.', 'ended'],
    ['The host is shutting down; reconnect later.', 'shutdown'],
    [
      "Last-Event-ID 90 is past this session's newest log line (id 3); the log has started again, so every line held follows.",
      'restarted',
    ],
    ['Agent process is ready (port 4000).', 'other'],
  ])('%s -> %s', (message, kind) => {
    expect(classifyStatus(message)).toBe(kind);
  });

  it('reads the counts of a gap and the heartbeat interval', () => {
    expect(gapCount('12 log lines (ids 3 to 14) were lost: …')).toEqual({ count: 12, from: 3, to: 14 });
    expect(gapCount('1 log line (id 9) was lost: …')).toEqual({ count: 1, from: 9, to: 9 });
    expect(gapCount('something else')).toBeUndefined();
    expect(heartbeatSeconds('No logs since last 15 seconds')).toBe(15);
  });
});

describe('parseFrames', () => {
  it('reads a flat batch of id, event and data in order, leaving out what is not a log line', () => {
    const lines = [
      frame('{"timestamp":"2026-03-10T09:33:17.121Z","stream":"stderr","message":"boom"}', '42'),
      frame('not json', 'abc'),
      frame('{"message":"an event of another type"}', '43', 'metrics'),
      frame('{"stream":"status","message":"No logs since last 60 seconds"}'),
    ];
    const flat = structuredClone(lines.flatMap((f) => [f.id, f.event, f.data]));
    expect(parseFrames(flat)).toEqual([0, 1, 3].map((i) => parseFrame(lines[i]!)));
    expect(parseFrames([])).toEqual([]);
  });
});
