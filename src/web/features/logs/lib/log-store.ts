import { EventIdFilter } from './dedupe';
import { gapCount, heartbeatSeconds, type GapInfo, type LogEntry, type ParsedFrame } from './frame';
import { DEFAULT_BUFFER_LINES, LogBuffer } from './log-buffer';
import { RateMeter } from './rate-meter';

/** Lines the console's recording had for a gap in the live stream. */
export interface GapFill {
  lines: LogEntry[];
  /** The recording holds more lines in the gap than were fetched. */
  more: boolean;
}

export type Connection =
  | { state: 'connecting' }
  | { state: 'live'; since: number }
  | { state: 'reconnecting'; retryAt: number; attempt: number; reason: string }
  | { state: 'ended'; reason: string }
  | { state: 'failed'; reason: string; status: number | undefined; requestId: string | undefined };

/** Runs `fn` soon; returns a cancel function. Injected so tests need no timers. */
export type Scheduler = (fn: () => void) => () => void;

/** Batches reach the screen at most this often: often enough to look live, rarely enough to stay cheap. */
const FLUSH_MS = 50;

const defaultScheduler: Scheduler = (fn) => {
  const t = setTimeout(fn, FLUSH_MS);
  return () => clearTimeout(t);
};

export interface LogStoreOptions {
  bufferLines?: number;
  bufferChars?: number;
  now?: () => number;
  schedule?: Scheduler;
}

/**
 * Everything one console knows about one session's log, outside React: the bounded buffer, which ids
 * were seen, the connection state and the quiet/rate figures. Frames are collected in a plain array
 * and moved into the buffer in batches; each batch bumps `version`, which is what React subscribes to.
 */
export class LogStore {
  readonly buffer: LogBuffer;
  readonly ids = new EventIdFilter();
  readonly meter = new RateMeter();
  /** Changes whenever anything shown changes; React re-renders on it. */
  version = 0;
  connection: Connection = { state: 'connecting' };
  /** Lines accepted since the console started (not counting repeats). */
  received = 0;
  /** When the newest stdout/stderr line was written (its own timestamp, else when it arrived). */
  lastLineAt: number | undefined;
  /** When any frame last arrived, heartbeats included: the stall detector watches this. */
  lastFrameAt: number | undefined;
  /** Set by a "No logs since …" heartbeat, cleared by the next output line. */
  quietSince: number | undefined;
  /** How often the server says it is quiet, learnt from its heartbeats. */
  heartbeatSeconds: number | undefined;
  /** The server said the stream ended for good (session deleted or expired). */
  endedReason: string | undefined;
  /** The server said it is going away (restart); the next reconnect explains itself with this. */
  closingReason: string | undefined;
  /** Gap markers not yet offered to the recording, oldest first: gap fill looks at these only. */
  readonly unfilledGaps: number[] = [];
  /** What the recording had for a gap, by the gap marker's seq. */
  readonly fills = new Map<number, GapFill>();

  private pending: ParsedFrame[] = [];
  private cancelFlush: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly schedule: Scheduler;
  /** When and why the stream was lost; becomes a gap marker once it is back. */
  private lostAt: { at: number; reason: string } | undefined;
  /** The gap marker of the current connection, while nothing has followed it yet. */
  private openGapSeq: number | undefined;

  constructor(options: LogStoreOptions = {}) {
    this.buffer = new LogBuffer(options.bufferLines ?? DEFAULT_BUFFER_LINES, options.bufferChars);
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? defaultScheduler;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /**
   * A batch of frames as they arrived, parsed (`parseFrames`; frames that are not log lines are left
   * out, but a batch of only those still shows the stream is alive). Cheap: drop repeats, queue.
   */
  ingest(frames: readonly ParsedFrame[]): void {
    const now = this.now();
    // Any frame, even an ignored or repeated one, shows the connection is alive.
    this.lastFrameAt = now;
    let newestLine: ParsedFrame | undefined;
    for (const parsed of frames) {
      if (!this.ids.accept(parsed.id)) continue;
      if (parsed.kind === 'status') {
        if (this.onStatus(parsed, now) === 'consumed') continue;
      } else {
        newestLine = parsed;
        this.quietSince = undefined;
      }
      this.enqueue(parsed);
    }
    if (newestLine) {
      const t = newestLine.time === undefined ? NaN : Date.parse(newestLine.time);
      this.lastLineAt = Number.isNaN(t) ? now : t;
    }
  }

  /** Moves queued frames into the buffer and tells React; normally the scheduler calls this. */
  flush = (): void => {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let lines = 0;
    for (const frame of batch) {
      this.buffer.push(frame);
      if (frame.kind === 'line') lines++;
    }
    this.received += batch.length;
    this.meter.add(lines, this.now());
    // Once a line follows the gap marker, a later "lost" or "dropped" notice is a gap of its own.
    if (lines > 0) this.openGapSeq = undefined;
    this.changed();
  };

  /** The stream is open (again): after a loss, a gap marker goes in before any new line. */
  opened(): void {
    const now = this.now();
    this.connection = { state: 'live', since: now };
    this.lastFrameAt = now;
    this.closingReason = undefined;
    if (this.lostAt) {
      this.flush();
      const entry = this.buffer.push(
        gapFrame({ from: this.lostAt.at, to: now, lost: 0, dropped: 0, reason: this.lostAt.reason }),
      );
      this.openGapSeq = entry.seq;
      this.unfilledGaps.push(entry.seq);
      this.lostAt = undefined;
    }
    this.changed();
  }

  /** The stream went away; the first loss since it was last open is when the gap starts. */
  lost(reason: string): void {
    this.flush();
    this.lostAt ??= { at: this.now(), reason };
  }

  setConnection(connection: Connection): void {
    this.connection = connection;
    this.changed();
  }

  clear(): void {
    this.flush();
    this.buffer.clear();
    this.openGapSeq = undefined;
    this.unfilledGaps.length = 0;
    this.fills.clear();
    this.changed();
  }

  /** Shows the recording's lines at a gap marker; the marker is swapped for a copy so its row draws again. */
  fillGap(seq: number, fill: GapFill): void {
    const entry = this.buffer.at(seq);
    if (entry?.kind !== 'gap') return;
    for (const old of this.fills.keys()) if (old < this.buffer.firstSeq) this.fills.delete(old);
    this.fills.set(seq, fill);
    this.buffer.replace({ ...entry });
    this.changed();
  }

  resize(lines: number): void {
    this.flush();
    this.buffer.resize(lines);
    this.changed();
  }

  /** Lines per second lately. */
  rate(): number {
    return this.meter.rate(this.now());
  }

  private enqueue(frame: ParsedFrame): void {
    this.pending.push(frame);
    this.cancelFlush ??= this.schedule(this.flush);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Acts on what a status line says; lost/dropped notices become gap markers rather than text. */
  private onStatus(frame: ParsedFrame, now: number): 'consumed' | 'keep' {
    switch (frame.status) {
      case 'heartbeat': {
        this.heartbeatSeconds = heartbeatSeconds(frame.message) ?? this.heartbeatSeconds;
        const t = frame.time === undefined ? NaN : Date.parse(frame.time);
        const seconds = this.heartbeatSeconds ?? 0;
        this.quietSince ??= (Number.isNaN(t) ? now : t) - seconds * 1000;
        return 'keep';
      }
      case 'lost':
      case 'dropped': {
        const count = gapCount(frame.message)?.count ?? 0;
        this.addToGap(frame.status, count, now);
        return 'consumed';
      }
      case 'ended':
        this.endedReason = frame.message;
        return 'keep';
      case 'shutdown':
        this.closingReason = frame.message;
        return 'keep';
      case 'restarted':
        // The server's ids start again from 1: forget the ones seen, or every new line would look old.
        this.ids.reset();
        return 'keep';
      default:
        return 'keep';
    }
  }

  private addToGap(kind: 'lost' | 'dropped', count: number, now: number): void {
    this.flush();
    const open = this.openGapSeq === undefined ? undefined : this.buffer.at(this.openGapSeq);
    if (open?.gap) {
      const gap: GapInfo = { ...open.gap, [kind]: open.gap[kind] + count };
      const updated: LogEntry = { ...open, gap };
      this.buffer.replace(updated);
      this.changed();
      return;
    }
    const entry = this.buffer.push(
      gapFrame({
        from: undefined,
        to: now,
        lost: kind === 'lost' ? count : 0,
        dropped: kind === 'dropped' ? count : 0,
        reason: undefined,
      }),
    );
    this.openGapSeq = entry.seq;
    this.unfilledGaps.push(entry.seq);
    this.changed();
  }
}

function gapFrame(gap: GapInfo): ParsedFrame {
  return {
    seq: 0,
    id: undefined,
    kind: 'gap',
    stream: 'status',
    streamName: undefined,
    // Dated when the stream was lost: lines the host replays from the outage are newer and follow it.
    time: new Date(gap.from ?? gap.to).toISOString(),
    message: '',
    raw: false,
    status: undefined,
    gap,
  };
}
