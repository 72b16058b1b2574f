import { describe, expect, it } from 'vitest';
import { EventIdFilter } from '../../src/web/features/logs/lib/dedupe';
import { exportText } from '../../src/web/features/logs/lib/export';
import { parseFrame, type SseFrame } from '../../src/web/features/logs/lib/frame';
import { LogStore } from '../../src/web/features/logs/lib/log-store';

describe('EventIdFilter', () => {
  it('drops a numeric id at or below the highest seen and remembers where to resume', () => {
    const f = new EventIdFilter();
    expect([1, 2, 3].map((id) => f.accept(id))).toEqual([true, true, true]);
    expect(f.accept(2)).toBe(false);
    expect(f.accept(3)).toBe(false);
    expect(f.accept(4)).toBe(true);
    expect(f.lastId).toBe('4');
    expect(f.repeats).toBe(2);
  });

  it('never drops a frame without an id (connection notices)', () => {
    const f = new EventIdFilter();
    f.accept(10);
    expect(f.accept(undefined)).toBe(true);
    expect(f.accept(undefined)).toBe(true);
    expect(f.lastId).toBe('10');
  });

  it('matches ids of another shape exactly', () => {
    const f = new EventIdFilter();
    expect(f.accept('a')).toBe(true);
    expect(f.accept('b')).toBe(true);
    expect(f.accept('a')).toBe(false);
    expect(f.lastId).toBe('b');
  });

  it('forgets everything when the server says its log started again', () => {
    const f = new EventIdFilter();
    f.accept(90);
    f.reset();
    expect(f.lastId).toBeUndefined();
    expect(f.accept(1)).toBe(true);
  });
});

/** A store that flushes only when told, so a test sees exactly what each step did. */
function store() {
  let now = 1_000_000;
  const s = new LogStore({ schedule: () => () => {}, now: () => now });
  return { s, tick: (ms: number) => (now += ms) };
}
/** One frame as the stream worker hands it over: parsed, in a batch. */
const feed = (s: LogStore, frame: SseFrame) => s.ingest([parseFrame(frame)!]);
const data = (message: string, stream = 'stdout') =>
  JSON.stringify({ timestamp: '2026-01-01T00:00:00.000Z', stream, message });

describe('LogStore: resume without repeats', () => {
  it('drops a replay of lines it already holds and resumes from the last id', () => {
    const { s } = store();
    for (const id of [1, 2, 3]) feed(s, { id: String(id), event: 'log', data: data(`line ${id}`) });
    s.flush();
    expect(s.ids.lastId).toBe('3');
    // After a reconnect the server replays from Last-Event-ID; an overlapping replay changes nothing.
    for (const id of [2, 3, 4]) feed(s, { id: String(id), event: 'log', data: data(`line ${id}`) });
    s.flush();
    expect([...s.buffer.range()].map((e) => e.message)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
  });

  it('puts a gap marker with start and end time between the lines before and after a reconnect', () => {
    const { s, tick } = store();
    s.opened();
    feed(s, { id: '1', event: 'log', data: data('before') });
    s.lost('The connection dropped.');
    tick(5000);
    s.opened();
    feed(s, { id: '', event: 'log', data: data('Successfully connected to container', 'status') });
    feed(s, {
      id: '',
      event: 'log',
      data: data('3 log lines (ids 2 to 4) were lost: the host no longer holds them.', 'status'),
    });
    feed(s, { id: '5', event: 'log', data: data('after') });
    s.flush();
    const entries = [...s.buffer.range()];
    expect(entries.map((e) => e.kind)).toEqual(['line', 'gap', 'status', 'line']);
    const gap = entries[1]!.gap!;
    expect(gap.to - gap.from!).toBe(5000);
    expect(gap.lost).toBe(3);
    expect(gap.reason).toBe('The connection dropped.');
  });

  it('dates a reconnect gap when the stream was lost, so lines replayed from the outage follow it in time', () => {
    const { s, tick } = store();
    s.opened();
    const at = (ms: number) => new Date(ms).toISOString();
    const t0 = 1_000_000;
    feed(s, {
      id: '1',
      event: 'log',
      data: JSON.stringify({ timestamp: at(t0), stream: 'stdout', message: 'before' }),
    });
    s.lost('The connection dropped.');
    tick(5000);
    s.opened();
    // The host replays what the session wrote while the console was away, then says it is connected.
    feed(s, {
      id: '2',
      event: 'log',
      data: JSON.stringify({ timestamp: at(t0 + 2000), stream: 'stdout', message: 'during' }),
    });
    feed(s, {
      id: '',
      event: 'log',
      data: JSON.stringify({
        timestamp: at(t0 + 5000),
        stream: 'status',
        message: 'Successfully connected to container',
      }),
    });
    s.flush();
    const entries = [...s.buffer.range()];
    expect(entries.map((e) => e.kind)).toEqual(['line', 'gap', 'line', 'status']);
    const times = entries.map((e) => Date.parse(e.time!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const downloaded = exportText(entries, 'jsonl')
      .trim()
      .split('\n')
      .map((line) => Date.parse((JSON.parse(line) as { timestamp: string }).timestamp));
    expect(downloaded).toEqual([...downloaded].sort((a, b) => a - b));
  });

  it('turns a mid-stream "dropped" notice into its own gap marker', () => {
    const { s } = store();
    s.opened();
    feed(s, { id: '1', event: 'log', data: data('a') });
    feed(s, {
      id: '',
      event: 'log',
      data: data(
        '500 log lines (ids 2 to 501) were dropped for this connection because it read more slowly than the session wrote.',
        'status',
      ),
    });
    feed(s, { id: '502', event: 'log', data: data('b') });
    s.flush();
    const entries = [...s.buffer.range()];
    expect(entries.map((e) => e.kind)).toEqual(['line', 'gap', 'line']);
    expect(entries[1]!.gap).toMatchObject({ dropped: 500, lost: 0, from: undefined });
  });

  it('accepts ids from 1 again when the server says the log started again', () => {
    const { s } = store();
    feed(s, { id: '90', event: 'log', data: data('old') });
    feed(s, {
      id: '',
      event: 'log',
      data: data(
        "Last-Event-ID 90 is past this session's newest log line (id 2); the log has started again, so every line held follows.",
        'status',
      ),
    });
    feed(s, { id: '1', event: 'log', data: data('new 1') });
    s.flush();
    expect([...s.buffer.range()].map((e) => e.message).at(-1)).toBe('new 1');
  });

  it('learns the heartbeat interval and is quiet until the next output line', () => {
    const { s } = store();
    feed(s, { id: '1', event: 'log', data: data('No logs since last 15 seconds', 'status') });
    expect(s.heartbeatSeconds).toBe(15);
    expect(s.quietSince).toBeDefined();
    feed(s, { id: '2', event: 'log', data: data('work') });
    expect(s.quietSince).toBeUndefined();
  });

  it('dates the last output from the newest line of a batch, or its arrival when it has no time', () => {
    const { s } = store();
    const line = (id: number, timestamp?: string) =>
      parseFrame({ id: String(id), event: 'log', data: JSON.stringify({ timestamp, message: `l${id}` }) })!;
    s.ingest([line(1, '2026-01-01T00:00:01.000Z'), line(2, '2026-01-01T00:00:02.000Z')]);
    expect(s.lastLineAt).toBe(Date.parse('2026-01-01T00:00:02.000Z'));
    s.ingest([line(3, '2026-01-01T00:00:03.000Z'), line(4)]);
    expect(s.lastLineAt).toBe(1_000_000);
    // A batch of status lines only leaves it alone.
    feed(s, { id: '5', event: 'log', data: data('No logs since last 15 seconds', 'status') });
    expect(s.lastLineAt).toBe(1_000_000);
  });
});
