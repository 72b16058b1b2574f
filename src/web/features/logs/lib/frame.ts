/**
 * Turns one SSE frame of a session log stream into a log entry. The contract says the data is JSON
 * today but must be treated as an opaque string, so nothing here throws: anything that is not the
 * expected shape becomes a raw line, and unknown keys are ignored.
 */
import { parseStatusLine } from '@contract';

/** Which filter a line belongs to; a stream name the console does not know counts as output. */
export type LineStream = 'stdout' | 'stderr' | 'status';

/** What a host `status` line is about, so the console can react to it rather than only print it. */
export type StatusKind =
  'connected' | 'heartbeat' | 'lost' | 'dropped' | 'ended' | 'shutdown' | 'restarted' | 'other';

export interface GapInfo {
  /** When the connection was lost (ms since epoch); undefined for a gap the host reported mid-stream. */
  from: number | undefined;
  /** When the stream was back. */
  to: number;
  /** Lines the host said it no longer holds (after a resume). */
  lost: number;
  /** Lines the host skipped for this connection because it read too slowly. */
  dropped: number;
  /** Why the connection was lost, in words. */
  reason: string | undefined;
}

export interface LogEntry {
  /** Local order, given by the buffer; unique and increasing for the life of one console. */
  seq: number;
  /** The server's event id: a number when it is one (the local host), else the text, else none. */
  id: number | string | undefined;
  kind: 'line' | 'status' | 'gap';
  stream: LineStream;
  /** The stream name as sent when it was not one the console knows (shown, not filtered on). */
  streamName: string | undefined;
  /** The line's own ISO timestamp, as sent. */
  time: string | undefined;
  /** The text to show: the JSON's message, or the whole data when it is not our JSON. */
  message: string;
  /** True when the data was not the expected JSON object and `message` is the raw data. */
  raw: boolean;
  status: StatusKind | undefined;
  gap: GapInfo | undefined;
  /** Message without ANSI escapes, filled in lazily by search and export (only for lines that have any). */
  plain?: string;
}

/** A frame as fetch-event-source hands it over. */
export interface SseFrame {
  id: string;
  event: string;
  data: string;
}

/** An entry before the buffer numbers it; `seq` is set when it is pushed. */
export type ParsedFrame = Omit<LogEntry, 'seq'> & { seq?: number };

/** The event type the contract names; an SSE frame without `event:` is a `message`, accepted too. */
const LOG_EVENTS = new Set(['log', 'message', '']);

/** Returns undefined for frames that are not log lines (unknown event types), which are ignored. */
export function parseFrame(frame: SseFrame): ParsedFrame | undefined {
  if (!LOG_EVENTS.has(frame.event)) return undefined;
  // The SSE rules dispatch nothing for a frame without data (a comment, a stray blank line).
  if (frame.data === '') return undefined;
  const id = parseId(frame.id);
  const parsed = parseData(frame.data);
  if (!parsed) {
    return {
      seq: 0,
      id,
      kind: 'line',
      stream: 'stdout',
      streamName: undefined,
      time: undefined,
      message: frame.data,
      raw: true,
      status: undefined,
      gap: undefined,
    };
  }
  const known = parsed.stream === 'stdout' || parsed.stream === 'stderr' || parsed.stream === 'status';
  const stream: LineStream = known ? (parsed.stream as LineStream) : 'stdout';
  return {
    seq: 0,
    id,
    kind: stream === 'status' ? 'status' : 'line',
    stream,
    streamName: known || parsed.stream === undefined ? undefined : parsed.stream,
    time: parsed.time,
    message: parsed.message,
    raw: false,
    status: stream === 'status' ? classifyStatus(parsed.message) : undefined,
    gap: undefined,
  };
}

/**
 * A batch of frames as the stream worker posts it: the id, event and data of each frame in turn, one
 * flat array of strings, which is far cheaper to copy between threads than as many objects. Returns
 * the log entries among them, in order (`parseFrame` for each).
 */
export function parseFrames(flat: readonly string[]): ParsedFrame[] {
  const entries: ParsedFrame[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const entry = parseFrame({ id: flat[i]!, event: flat[i + 1]!, data: flat[i + 2]! });
    if (entry) entries.push(entry);
  }
  return entries;
}

function parseId(id: string): number | string | undefined {
  if (!id) return undefined;
  // Whole numbers (the local host) compare as numbers, so a resume can drop anything at or below the last.
  if (id.length > 15) return id;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 /* 0 */ || c > 57 /* 9 */) return id;
  }
  return Number(id);
}

interface DataFields {
  stream: string | undefined;
  time: string | undefined;
  message: string;
}

function parseData(data: string): DataFields | undefined {
  // Cheap test first: most raw lines are not JSON objects, and JSON.parse on a 1 MB line is not free.
  if (data.charCodeAt(0) !== 123 /* { */) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  if (typeof obj.message !== 'string') return undefined;
  return {
    stream: typeof obj.stream === 'string' ? obj.stream : undefined,
    time: typeof obj.timestamp === 'string' ? obj.timestamp : undefined,
    message: obj.message,
  };
}

/** The numbers in "N log lines (ids a to b) were lost/dropped", or "1 log line (id a) was …". */
export interface GapCount {
  count: number;
  from: number;
  to: number;
}

/** The host's words are read in one place, `parseStatusLine`; this keeps only what the log view acts on. */
export function classifyStatus(message: string): StatusKind {
  const fact = parseStatusLine(message);
  switch (fact.kind) {
    case 'connected':
    case 'heartbeat':
    case 'shutdown':
      return fact.kind;
    case 'gap':
      return fact.reason;
    case 'stream_ended':
      return 'ended';
    case 'log_restarted':
      return 'restarted';
    default:
      return 'other';
  }
}

export function gapCount(message: string): GapCount | undefined {
  const fact = parseStatusLine(message);
  return fact.kind === 'gap' ? { count: fact.count, from: fact.from, to: fact.to } : undefined;
}

/** Seconds in "No logs since last N seconds": how often a quiet stream still says something. */
export function heartbeatSeconds(message: string): number | undefined {
  const fact = parseStatusLine(message);
  return fact.kind === 'heartbeat' ? fact.seconds : undefined;
}
