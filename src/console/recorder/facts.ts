import { parseStatusLine, type SessionStatus, type StatusFact } from '@contract';
import type { EventRow } from './store';

/** The event a status line's fact is, or undefined for a fact about the stream (or none at all). */
export function eventOfLine(message: string, atMs: number, fact: StatusFact = parseStatusLine(message)) {
  const base = { atMs, message };
  let event: EventRow | undefined;
  switch (fact.kind) {
    case 'starting':
    case 'ready':
    case 'idle_timeout':
    case 'stopped_by_request':
    case 'start_failed':
    case 'host_restarted':
    case 'stopped_by_host':
    case 'exited':
      event = { ...base, kind: fact.kind };
      if (fact.kind === 'exited') {
        event.exitCode = fact.code;
        event.signal = fact.signal;
      }
      if (fact.kind === 'idle_timeout') event.idleSeconds = fact.seconds;
      break;
    case 'resuming':
      event = { ...base, kind: 'restarted' };
      break;
    default:
      break;
  }
  return event;
}

/**
 * Lines a stream sends about itself, not about the session: never stored as the session's lines.
 * Foundry's own notices that close a stream ask the client to reconnect; the host's are `stream_closed`.
 */
export function isStreamNotice(fact: StatusFact, message: string): boolean {
  switch (fact.kind) {
    case 'connected':
    case 'heartbeat':
    case 'gap':
    case 'stream_ended':
    case 'shutdown':
    case 'log_restarted':
    case 'stream_closed':
      return true;
    default:
      return /\breconnect to continue\b/.test(message);
  }
}

/** The event a status observed by reading the session is, if it is one. */
export function statusEvent(status: SessionStatus): EventRow['kind'] | undefined {
  switch (status) {
    case 'creating':
      return 'created';
    case 'deleting':
      return undefined;
    default:
      return status;
  }
}
