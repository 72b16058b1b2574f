import { describe, expect, it } from 'vitest';
import { parseStatusLine, statusLine, type StatusFact } from '@contract';

describe('every status line the host writes reads back as the facts it was built from', () => {
  it.each<[string, string, StatusFact]>([
    ['starting', statusLine.starting('2026-03-01'), { kind: 'starting', version: '2026-03-01' }],
    ['ready', statusLine.ready(41234), { kind: 'ready', port: 41234 }],
    ['resuming', statusLine.resuming(), { kind: 'resuming' }],
    ['retrying', statusLine.retrying(), { kind: 'retrying' }],
    ['exit code 0', statusLine.exited(0, null), { kind: 'exited', code: 0, signal: null }],
    ['exit code 3', statusLine.exited(3, null), { kind: 'exited', code: 3, signal: null }],
    ['exit code -1', statusLine.exited(-1, null), { kind: 'exited', code: -1, signal: null }],
    ['exit code unknown', statusLine.exited(null, null), { kind: 'exited', code: null, signal: null }],
    ['SIGKILL', statusLine.exited(null, 'SIGKILL'), { kind: 'exited', code: null, signal: 'SIGKILL' }],
    ['SIGTERM', statusLine.exited(null, 'SIGTERM'), { kind: 'exited', code: null, signal: 'SIGTERM' }],
    ['idle timeout', statusLine.idleTimeout(900), { kind: 'idle_timeout', seconds: 900 }],
    ['idle timeout of 1 s', statusLine.idleTimeout(1), { kind: 'idle_timeout', seconds: 1 }],
    ['stop request', statusLine.stoppedByRequest(), { kind: 'stopped_by_request' }],
    ['host stopping', statusLine.stoppedByHost(), { kind: 'stopped_by_host' }],
    [
      'start failed',
      statusLine.startFailed('the agent process exited before it was ready'),
      { kind: 'start_failed', reason: 'the agent process exited before it was ready' },
    ],
    [
      "start failed, a reason's own final full stop not doubled",
      statusLine.startFailed('no entry point. None at all.'),
      { kind: 'start_failed', reason: 'no entry point. None at all' },
    ],
    ['host restarted', statusLine.hostRestarted(), { kind: 'host_restarted' }],
    ['connected', statusLine.connected(), { kind: 'connected' }],
    ['heartbeat', statusLine.heartbeat(60), { kind: 'heartbeat', seconds: 60 }],
    [
      'one line lost',
      statusLine.gap('lost', 9, 9),
      { kind: 'gap', reason: 'lost', count: 1, from: 9, to: 9 },
    ],
    [
      'lines lost',
      statusLine.gap('lost', 3, 14),
      { kind: 'gap', reason: 'lost', count: 12, from: 3, to: 14 },
    ],
    [
      'one line dropped',
      statusLine.gap('dropped', 10, 10),
      { kind: 'gap', reason: 'dropped', count: 1, from: 10, to: 10 },
    ],
    [
      'lines dropped',
      statusLine.gap('dropped', 10, 509),
      { kind: 'gap', reason: 'dropped', count: 500, from: 10, to: 509 },
    ],
    ['stream ended', statusLine.streamEnded(), { kind: 'stream_ended' }],
    ['host shutting down', statusLine.shutdown(), { kind: 'shutdown' }],
    ['log started again', statusLine.logRestarted(90, 3), { kind: 'log_restarted' }],
    ['closed at max age', statusLine.streamMaxAge(30 * 60_000), { kind: 'stream_closed', reason: 'max_age' }],
    ['closed when idle', statusLine.streamIdle(1500), { kind: 'stream_closed', reason: 'idle' }],
  ])('%s', (_, line, fact) => {
    expect(parseStatusLine(line)).toEqual(fact);
  });

  it('says "1 log line ... was" and "N log lines ... were"', () => {
    expect(statusLine.gap('lost', 9, 9)).toMatch(/^1 log line \(id 9\) was lost/);
    expect(statusLine.gap('lost', 3, 14)).toMatch(/^12 log lines \(ids 3 to 14\) were lost/);
  });

  it('puts a stream-closing limit in minutes when it is whole minutes, else in seconds', () => {
    expect(statusLine.streamMaxAge(30 * 60_000)).toContain('after 30 minutes,');
    expect(statusLine.streamMaxAge(60_000)).toContain('after 1 minute,');
    expect(statusLine.streamIdle(1500)).toContain('after 1.5 s without');
  });
});

describe('what the parser does not know', () => {
  it.each([
    'hello from the agent',
    '',
    'The agent process exited',
    'No logs since last',
    statusLine.notSaved('ENOSPC'),
  ])('%j -> other', (line) => {
    expect(parseStatusLine(line)).toEqual({ kind: 'other' });
  });

  it('reads what earlier hosts wrote, still in the logs they saved', () => {
    expect(parseStatusLine('The agent process was ended by SIGKILL; the session is idle.')).toEqual({
      kind: 'exited',
      code: null,
      signal: 'SIGKILL',
    });
    expect(parseStatusLine('No activity for 900 s; the session is idle.')).toEqual({
      kind: 'idle_timeout',
      seconds: 900,
    });
    expect(parseStatusLine('Session stopped.')).toEqual({ kind: 'stopped_by_request' });
  });
});
