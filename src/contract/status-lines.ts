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
  | { kind: 'start_failed'; reason: string }
  | { kind: 'host_restarted' }
  // The stream's own lines (not the session's): the console uses them to manage the connection.
  | { kind: 'connected' }
  | { kind: 'heartbeat'; seconds: number }
  | { kind: 'gap'; reason: 'lost' | 'dropped'; count: number; from: number; to: number }
  | { kind: 'stream_ended' }
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
  startFailed: (reason: string) => `The session failed to start: ${reason}`,
  hostRestarted: () => 'The host restarted; the session is idle.',
  heartbeat: (seconds: number) => `No logs since last ${seconds} seconds`,
  gap: (reason: 'lost' | 'dropped', from: number, to: number) => {
    const count = to - from + 1;
    const lines = `${plural(count, 'log line', 'log lines')} (${count === 1 ? `id ${from}` : `ids ${from} to ${to}`}) ${count === 1 ? 'was' : 'were'}`;
    return reason === 'lost'
      ? `${lines} lost: the host no longer holds them.`
      : `${lines} dropped for this connection because it read more slowly than the session wrote.`;
  },
} as const;

const EXITED_CODE_RE = /^The agent process exited with code (-?\d+|unknown)\b/;
const EXITED_SIGNAL_RE = /^The agent process was ended by (?:signal )?([A-Z0-9]+)\b/;
const IDLE_TIMEOUT_RE = /\bidle timeout after (\d+) s\b/;
const STARTING_RE = /^Starting agent process for version (\S+?)\.?$/;
const READY_RE = /^Agent process is ready \(port (\d+)\)/;
const START_FAILED_RE = /^The session failed to start: (.*)$/s;
const GAP_RE = /^(\d+) log lines? \(ids? (\d+)(?: to (\d+))?\) (?:was|were) (lost|dropped)\b/;
const HEARTBEAT_RE = /^No logs since last (\d+) seconds?\b/i;

/** What a status line says, or `other` for any line this console did not write or does not know. */
export function parseStatusLine(message: string): StatusFact {
  let m: RegExpExecArray | null;
  if ((m = EXITED_CODE_RE.exec(message))) {
    return { kind: 'exited', code: m[1] === 'unknown' ? null : Number(m[1]), signal: null };
  }
  if ((m = EXITED_SIGNAL_RE.exec(message))) return { kind: 'exited', code: null, signal: m[1]! };
  if ((m = IDLE_TIMEOUT_RE.exec(message))) return { kind: 'idle_timeout', seconds: Number(m[1]) };
  if (/\bstopped by request\b/i.test(message)) return { kind: 'stopped_by_request' };
  if ((m = STARTING_RE.exec(message))) return { kind: 'starting', version: m[1]! };
  if ((m = READY_RE.exec(message))) return { kind: 'ready', port: Number(m[1]) };
  if ((m = START_FAILED_RE.exec(message))) return { kind: 'start_failed', reason: m[1]! };
  if (message === statusLine.resuming()) return { kind: 'resuming' };
  if (message === statusLine.retrying()) return { kind: 'retrying' };
  if (message === statusLine.hostRestarted()) return { kind: 'host_restarted' };
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
  if (/shutting down/i.test(message) && /reconnect/i.test(message)) return { kind: 'shutdown' };
  if (/log has started again/i.test(message)) return { kind: 'log_restarted' };
  return { kind: 'other' };
}
