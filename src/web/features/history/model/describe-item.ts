import type { AuditAction, AuditEntry, HistoryGap, SessionEvent, SessionEventKind } from '@contract';
import { formatNumber } from '../../../lib/format';

/**
 * How an item reads at a glance. `danger` is kept for what went wrong (a crash, a failed start, a
 * refused call), so it never looks like a quiet idle; the label says it too, not the colour alone.
 */
export type ItemTone = 'danger' | 'warning' | 'success' | 'progress' | 'neutral';

export interface ItemText {
  title: string;
  tone: ItemTone;
  /** A short word on the row's badge ("Crash", "Failed"), for what must stand out. */
  flag?: string;
}

const EVENT_TEXT: Record<SessionEventKind, ItemText> = {
  created: { title: 'Session created', tone: 'progress' },
  active: { title: 'Became active', tone: 'success' },
  idle: { title: 'Became idle', tone: 'neutral' },
  updating: { title: 'Updating', tone: 'progress' },
  failed: { title: 'Session failed', tone: 'danger', flag: 'Failed' },
  expired: { title: 'Session expired', tone: 'warning' },
  deleted: { title: 'Session deleted', tone: 'warning' },
  starting: { title: 'Agent process starting', tone: 'progress' },
  ready: { title: 'Agent process ready', tone: 'success' },
  restarted: { title: 'Agent process restarted', tone: 'warning' },
  exited: { title: 'Agent process exited', tone: 'neutral' },
  idle_timeout: { title: 'Stopped: idle timeout', tone: 'neutral' },
  stopped_by_request: { title: 'Stopped by request', tone: 'neutral' },
  stopped_by_host: { title: 'Stopped: the host shut down', tone: 'neutral' },
  start_failed: { title: 'Failed to start', tone: 'danger', flag: 'Failed' },
  host_restarted: { title: 'Host restarted', tone: 'warning' },
};

/** An exit that was not asked for: a code other than 0, or a signal. */
export function isCrash(event: SessionEvent): boolean {
  if (event.event !== 'exited') return false;
  return (
    Boolean(event.signal) ||
    (event.exit_code !== undefined && event.exit_code !== null && event.exit_code !== 0)
  );
}

export function describeEvent(event: SessionEvent): ItemText {
  if (event.event === 'exited') {
    if (event.signal)
      return { title: `Agent process ended by signal ${event.signal}`, tone: 'danger', flag: 'Crash' };
    if (isCrash(event))
      return { title: `Agent process crashed: exit code ${event.exit_code}`, tone: 'danger', flag: 'Crash' };
    if (event.exit_code === 0) return { title: 'Agent process exited with code 0', tone: 'neutral' };
    return EVENT_TEXT.exited;
  }
  if (event.event === 'idle_timeout' && event.idle_seconds !== undefined)
    return {
      ...EVENT_TEXT.idle_timeout,
      title: `Stopped: idle timeout after ${formatNumber(event.idle_seconds)} s`,
    };
  return EVENT_TEXT[event.event];
}

const GAP_REASONS: Record<HistoryGap['reason'], string> = {
  not_replayed: 'the stream was reopened and the source did not replay what was written meanwhile',
  dropped: 'the recorder could not keep up with the session and dropped lines',
  recorder_down: "the console's server was not running",
  lost_at_source: 'the source said these lines were lost',
};

export function describeGap(gap: HistoryGap): { title: string; reason: string } {
  const count =
    gap.count === undefined
      ? 'Lines not recorded'
      : `${formatNumber(gap.count)} ${gap.count === 1 ? 'line' : 'lines'} not recorded`;
  return { title: count, reason: GAP_REASONS[gap.reason] };
}

const ACTION_TEXT: Record<AuditAction, string> = {
  'session.create': 'Created the session',
  'session.stop': 'Stopped the session',
  'session.delete': 'Deleted the session',
  'file.upload': 'Uploaded a file',
  'file.delete': 'Deleted a file',
  'agent.update': 'Changed the agent',
  'agent.enable': 'Enabled the agent',
  'agent.disable': 'Disabled the agent',
  invocation: 'Invoked the agent',
  response: 'Sent a Responses request',
  'connection.add': 'Added a connection',
  'connection.update': 'Changed a connection',
  'connection.remove': 'Removed a connection',
  'connection.test': 'Tested a connection',
  'sign-in': 'Signed in',
  'sign-out': 'Signed out',
  'recording.pin': 'Pinned the recording',
  'recording.unpin': 'Unpinned the recording',
  other: 'Changing call',
};

export function describeAudit(entry: AuditEntry): ItemText {
  const title = ACTION_TEXT[entry.action];
  if (entry.outcome === 'error')
    return { title, tone: 'danger', flag: entry.status ? `Refused ${entry.status}` : 'Refused' };
  if (entry.outcome === 'aborted') return { title, tone: 'warning', flag: 'Aborted' };
  return { title, tone: 'neutral' };
}

/** "alice (Alice's laptop)": the person, and the browser's own label when it sent one. */
export function personText(entry: Pick<AuditEntry, 'person' | 'label'>): string {
  return entry.label && entry.label !== entry.person ? `${entry.person} (${entry.label})` : entry.person;
}

/** "1,204 bytes": exact, as support staff compare sizes with what a customer says they sent. */
export function bytesText(bytes: number): string {
  return `${formatNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** "3 min 20 s" between two ISO times; "" when either is unreadable. */
export function spanText(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  if (Number.isNaN(ms)) return '';
  let s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return [h && `${h} h`, m && `${m} min`, (s || (!h && !m)) && `${s} s`].filter(Boolean).join(' ');
}
