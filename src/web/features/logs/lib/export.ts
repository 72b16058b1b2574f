import { formatNumber } from '../../../lib/format';
import { stripAnsi } from './ansi';
import type { GapInfo, LogEntry } from './frame';
import { clockTime, formatDuration } from './time-format';

export type ExportFormat = 'log' | 'jsonl';

const n = formatNumber;

/** The words a gap marker shows, also written into downloads so a file says where it has holes. */
export function describeGap(gap: GapInfo): string {
  const parts: string[] = [];
  if (gap.from !== undefined) {
    parts.push(
      `Reconnected: no stream from ${clockTime(gap.from)} to ${clockTime(gap.to)} (${formatDuration(gap.to - gap.from)})`,
    );
  } else {
    parts.push(`Gap at ${clockTime(gap.to)}`);
  }
  if (gap.lost)
    parts.push(
      `${n(gap.lost)} ${gap.lost === 1 ? 'line was' : 'lines were'} lost: the host no longer held them`,
    );
  if (gap.dropped) {
    parts.push(
      `${n(gap.dropped)} ${gap.dropped === 1 ? 'line was' : 'lines were'} skipped by the host: this console read more slowly than the session wrote`,
    );
  }
  if (!gap.lost && !gap.dropped && gap.from !== undefined) parts.push('no lines missed');
  return parts.join('; ');
}

/** One line of a `.log` file: time, stream, then the text without colour codes. */
export function toLogLine(e: LogEntry): string {
  if (e.kind === 'gap' && e.gap) return `-- ${describeGap(e.gap)} --`;
  const stream = e.streamName ?? e.stream;
  const head = e.time ? `${e.time} ${stream}` : stream;
  return `${head} ${stripAnsi(e.message)}`;
}

/** One line of a `.jsonl` file: the line as the contract shapes it, plus its id; the message as sent. */
function toJsonLine(e: LogEntry): string {
  if (e.kind === 'gap' && e.gap) {
    return JSON.stringify({
      stream: 'gap',
      timestamp: e.time ?? new Date(e.gap.to).toISOString(),
      message: describeGap(e.gap),
    });
  }
  return JSON.stringify({
    ...(e.id !== undefined && { id: e.id }),
    ...(e.time !== undefined && { timestamp: e.time }),
    stream: e.streamName ?? e.stream,
    message: e.message,
    ...(e.raw && { raw: true }),
  });
}

export function exportText(entries: Iterable<LogEntry>, format: ExportFormat): string {
  const line = format === 'log' ? toLogLine : toJsonLine;
  const out: string[] = [];
  for (const e of entries) out.push(line(e));
  return out.length ? out.join('\n') + '\n' : '';
}

/** `notes-agent_abc123_2026-03-10T09-33-17.log` (`…_all_…` for everything held): safe on every file system. */
export function exportFileName(
  agent: string,
  sessionId: string,
  format: ExportFormat,
  scope: 'shown' | 'all',
  now = new Date(),
): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return `${safe(agent)}_${safe(sessionId)}_${scope === 'all' ? 'all_' : ''}${stamp}.${format}`;
}
