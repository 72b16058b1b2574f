// The words of a session's `status` log lines, once: the local host writes them with these functions and
// the console reads them back with `parseStatusLine`, so the two cannot drift apart. Foundry writes its
// own status lines; the parser takes what it knows and calls everything else `other`, never failing.

/** A fact a status line states about the session's agent process or the log stream itself. */
export type StatusFact =
  | { kind: 'starting'; version: string }
  | { kind: 'ready'; port: number }
  | { kind: 'resuming' }
  | { kind: 'retrying' }
  /** The process ended by itself: with an exit code, or ended by a signal. */
  | { kind: 'exited'; code: number | null; signal: string | null }
  | { kind: 'idle_timeout'; seconds: number }
  | { kind: 'stopped_by_request' }
  /** The host stopped the process because it was shutting down itself. */
  | { kind: 'stopped_by_host' }
  | { kind: 'start_failed'; reason: string }
  | { kind: 'host_restarted' }
  // The stream's own lines (not the session's): the console uses them to manage the connection.
  | { kind: 'connected' }
  | { kind: 'heartbeat'; seconds: number }
  | { kind: 'gap'; reason: 'lost' | 'dropped'; count: number; from: number; to: number }
  | { kind: 'stream_ended' }
  /** The host closed this connection at a limit (its longest age, or a silence); the client comes back. */
  | { kind: 'stream_closed'; reason: 'max_age' | 'idle' }
  | { kind: 'shutdown' }
  | { kind: 'log_restarted' }
  | { kind: 'other' };

export type StatusFactKind = StatusFact['kind'];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The host's status lines, each from the facts it states. */
export const statusLine = {
  starting: (version: string) => `Starting agent process for version ${version}.`,
  ready: (port: number) => `Agent process is ready (port ${port}).`,
  resuming: () => 'Resuming.',
  retrying: () => 'Retrying the failed session.',
  exited: (code: number | null, signal: string | null) =>
    signal
      ? `The agent process was ended by signal ${signal}; the session is idle.`
      : `The agent process exited with code ${code ?? 'unknown'}; the session is idle.`,
  idleTimeout: (seconds: number) =>
    `Stopped the agent process: idle timeout after ${seconds} s without a request; the session is idle.`,
  stoppedByRequest: () => 'Stopped the agent process: stopped by request; the session is idle.',
  stoppedByHost: () => 'Stopped the agent process: the host is shutting down; the session is idle.',
  /** `reason` in lower case, as it continues the sentence, which ends with one full stop whatever it ends with. */
  startFailed: (reason: string) => `The session failed to start: ${reason.replace(/\.$/, '')}.`,
  hostRestarted: () => 'The host restarted; the session is idle.',
  /** The host cannot write the session's log file (`why`: the error's code); the console does nothing with it. */
  notSaved: (why: string) =>
    `This session's log lines cannot be saved (${why}); they are kept in memory only.`,

  // Notices about the stream itself. Foundry's words where Foundry has them (connected, heartbeat).
  connected: () => 'Successfully connected to container',
  heartbeat: (seconds: number) => `No logs since last ${seconds} seconds`,
  gap: (reason: 'lost' | 'dropped', from: number, to: number) => {
    const count = to - from + 1;
    const lines = `${plural(count, 'log line', 'log lines')} (${count === 1 ? `id ${from}` : `ids ${from} to ${to}`}) ${count === 1 ? 'was' : 'were'}`;
    return reason === 'lost'
      ? `${lines} lost: the host no longer holds them.`
      : `${lines} dropped for this connection because it read more slowly than the session wrote.`;
  },
  streamEnded: () => 'The session was deleted or has expired; its log stream has ended.',
  shutdown: () => 'The host is shutting down; reconnect later.',
  /** A client resumed from an id past the newest line: the session was made anew under the same id. */
  logRestarted: (lastEventId: number, newest: number) =>
    `Last-Event-ID ${lastEventId} is past this session's newest log line (id ${newest}); ` +
    'the log has started again, so every line held follows.',
  // Neither says the stream "has ended" nor that the host is "shutting down": those read as final or as
  // a restart (stream_ended, shutdown), where these only ask the client to come back.
  streamMaxAge: (ms: number) =>
    `Stream closed after ${duration(ms)}, the longest one connection stays open; reconnect to continue.`,
  streamIdle: (ms: number) =>
    `Stream closed after ${duration(ms)} without a log line (heartbeats do not count); reconnect to continue.`,
} as const;

/** "30 minutes", "90 s", "0.5 s": whole minutes as minutes, anything else in seconds. */
function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} s`;
  const minutes = seconds / 60;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const EXITED_CODE_RE = /^The agent process exited with code (-?\d+|unknown)\b/;
// "signal" is optional: hosts before these words wrote "was ended by SIGKILL", and saved logs still say so.
const EXITED_SIGNAL_RE = /^The agent process was ended by (?:signal )?([A-Z0-9]+)\b/;
const IDLE_TIMEOUT_RE = /\bidle timeout after (\d+) s\b/;
// What earlier hosts wrote for an idle timeout and a stop, still in the logs they saved.
const OLD_IDLE_TIMEOUT_RE = /^No activity for (\d+) s; the session is idle\.$/;
const OLD_STOPPED = 'Session stopped.';
const STARTING_RE = /^Starting agent process for version (\S+?)\.?$/;
const READY_RE = /^Agent process is ready \(port (\d+)\)/;
const START_FAILED_RE = /^The session failed to start: (.*?)\.?$/s;
const GAP_RE = /^(\d+) log lines? \(ids? (\d+)(?: to (\d+))?\) (?:was|were) (lost|dropped)\b/;
const HEARTBEAT_RE = /^No logs since last (\d+) seconds?\b/i;
const STREAM_CLOSED_RE = /^Stream closed after .*; reconnect to continue\.$/;

/** What a status line says, or `other` for any line this console did not write or does not know. */
export function parseStatusLine(message: string): StatusFact {
  let m: RegExpExecArray | null;
  if ((m = EXITED_CODE_RE.exec(message))) {
    return { kind: 'exited', code: m[1] === 'unknown' ? null : Number(m[1]), signal: null };
  }
  if ((m = EXITED_SIGNAL_RE.exec(message))) return { kind: 'exited', code: null, signal: m[1]! };
  if ((m = IDLE_TIMEOUT_RE.exec(message) ?? OLD_IDLE_TIMEOUT_RE.exec(message))) {
    return { kind: 'idle_timeout', seconds: Number(m[1]) };
  }
  if (/\bstopped by request\b/i.test(message) || message === OLD_STOPPED) {
    return { kind: 'stopped_by_request' };
  }
  if (message === statusLine.stoppedByHost()) return { kind: 'stopped_by_host' };
  if ((m = STARTING_RE.exec(message))) return { kind: 'starting', version: m[1]! };
  if ((m = READY_RE.exec(message))) return { kind: 'ready', port: Number(m[1]) };
  if ((m = START_FAILED_RE.exec(message))) return { kind: 'start_failed', reason: m[1]! };
  if (message === statusLine.resuming()) return { kind: 'resuming' };
  if (message === statusLine.retrying()) return { kind: 'retrying' };
  if (message === statusLine.hostRestarted()) return { kind: 'host_restarted' };
  // A prefix: Foundry's notice may go on to name the container.
  if (message.startsWith('Successfully connected')) return { kind: 'connected' };
  if ((m = HEARTBEAT_RE.exec(message))) return { kind: 'heartbeat', seconds: Number(m[1]) };
  if ((m = GAP_RE.exec(message))) {
    const from = Number(m[2]);
    return {
      kind: 'gap',
      reason: m[4] === 'lost' ? 'lost' : 'dropped',
      count: Number(m[1]),
      from,
      to: m[3] === undefined ? from : Number(m[3]),
    };
  }
  if (/log stream has ended/i.test(message)) return { kind: 'stream_ended' };
  if (STREAM_CLOSED_RE.test(message)) {
    return { kind: 'stream_closed', reason: message.includes('without a log line') ? 'idle' : 'max_age' };
  }
  if (/shutting down/i.test(message) && /reconnect/i.test(message)) return { kind: 'shutdown' };
  if (/log has started again/i.test(message)) return { kind: 'log_restarted' };
  return { kind: 'other' };
}
