import type { LogStream } from '@contract';
import { appendEntries, readLogFile, rewriteLogFile, timestampOf, toEntry, type LogEntry } from './log-file';
import { logFrame, noticeFrame } from './sse';

export interface LogHubOptions {
  /** Seconds without a line, while someone listens, before the hub appends a status line saying so. */
  heartbeatSeconds: number;
  /** Where a session's lines are kept; they are saved only while that file's folder exists. */
  logFile: (agent: string, id: string) => string;
  /** Most lines held per session (HostOptions.logBufferLines); the file may grow to twice that before it is compacted. */
  bufferLines: number;
  /** Most bytes of lines held per session, however few lines that is; on disk likewise. */
  bufferBytes: number;
  /** A session nobody reads or writes leaves memory after this long (default 5 min); its file stays. */
  idleMs?: number;
}

/** Where one subscriber's frames go: in the host, an HTTP response. */
export interface LogSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
}

/**
 * When the host ends a connection by itself, as Foundry does: clients must expect a closed stream and
 * reconnect with `Last-Event-ID`.
 */
export interface StreamLimits {
  /** The connection ends this long after it opened, however busy it is. */
  maxAgeMs: number;
  /** The connection ends after this long without a log line; heartbeats do not count. */
  idleMs: number;
}

export interface SubscribeOptions {
  /** The last line the client has: only later ones are sent. Without it, every held line is. */
  lastEventId?: number;
  /** Without limits, the stream lasts until the client goes or the session or host ends it. */
  limits?: StreamLimits;
}

export interface LogSubscription {
  /** Stops sending to the sink and forgets it; the sink itself is left alone (its connection has gone). */
  close(): void;
}

const CONNECTED_MESSAGE = 'Successfully connected to container';
const heartbeatMessage = (seconds: number) => `No logs since last ${seconds} seconds`;
// Neither says the stream "has ended" nor that the host is "shutting down": clients read those as final
// or as a restart, where these only ask them to come back.
const maxAgeMessage = (ms: number) =>
  `Stream closed after ${duration(ms)}, the longest one connection stays open; reconnect to continue.`;
const idleMessage = (ms: number) =>
  `Stream closed after ${duration(ms)} without a log line (heartbeats do not count); reconnect to continue.`;

const DEFAULT_IDLE_MS = 5 * 60_000;
/** Frames go out in writes of about this many characters: few syscalls for a fast reader, little excess for a slow one. */
const WRITE_CHUNK_CHARS = 64 * 1024;
/** setTimeout fires at once for a longer delay; a longer limit is waited for in steps of this. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Subscriber {
  sink: LogSink;
  /** Id of the last line this subscriber was sent or told it missed; the next frame is the first held line after it. */
  cursor: number;
  /** The sink's buffer is full: nothing more is written until it drains, then sending resumes from `cursor`. */
  waiting: boolean;
  /** Why a gap before the next line would exist: a resume from further back than held, or falling behind. */
  gapReason: 'lost' | 'dropped';
  /**
   * The connected notice, until it is sent: it goes after the lines held when the subscriber came (so it
   * sits where its time puts it, after older lines), before any line logged since.
   */
  greeting: string | undefined;
  /** Id of the newest line held when the subscriber came: the greeting follows it. */
  greetAfter: number;
  closed: boolean;
  openedAt: number;
  limits: StreamLimits | undefined;
  /** Due at the first moment a limit could end this connection. */
  limitTimer: NodeJS.Timeout | undefined;
}

interface SessionLog {
  agent: string;
  id: string;
  file: string;
  /** Saved and published lines, oldest first, ids increasing; bounded by bufferLines and bufferBytes. */
  held: LogEntry[];
  heldBytes: number;
  /** Lines with an id that are neither saved nor sent yet. */
  pending: LogEntry[];
  /** Id of the newest line any subscriber may have been sent. */
  published: number;
  nextId: number;
  fileLines: number;
  fileBytes: number;
  subscribers: Set<Subscriber>;
  lastLineAt: number;
  /** When the newest line other than a heartbeat was logged: a stream's idle time counts from it. */
  lastDataAt: number;
  /** When the current run of having at least one subscriber began; silence is counted from here at the earliest. */
  listenedSince: number;
  heartbeat: NodeJS.Timeout | undefined;
  lastUsed: number;
  diskWarned: boolean;
}

/**
 * Per-session log lines: numbered, saved to a bounded JSON Lines file, held in a bounded buffer, and fanned
 * out to any number of SSE subscribers. A line is saved before it is sent, so an id a client has seen is
 * never given to another line, not even after a crash. Each subscriber is a cursor into the shared buffer:
 * a slow one costs no memory of its own, and when it falls behind the buffer it is told how many lines it missed.
 */
export class LogHub {
  private readonly logs = new Map<string, SessionLog>();
  private readonly dirty = new Set<SessionLog>();
  private flushTimer: NodeJS.Immediate | undefined;
  private readonly sweeper: NodeJS.Timeout;
  private readonly bufferLines: number;
  private readonly bufferBytes: number;
  private readonly idleMs: number;

  constructor(private readonly opts: LogHubOptions) {
    this.bufferLines = opts.bufferLines;
    this.bufferBytes = opts.bufferBytes;
    this.idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
    this.sweeper = setInterval(() => this.evictIdle(), this.idleMs);
    this.sweeper.unref();
  }

  /** Numbers the line now; it is saved and sent at the end of this event-loop turn, with whatever else came. */
  append(agent: string, id: string, stream: LogStream, message: string): void {
    this.add(this.session(agent, id), stream, message, true);
  }

  /**
   * Sends the held lines after `lastEventId` (all held lines without one), then the connected notice, then
   * live lines, until the subscription or the session is closed.
   */
  subscribe(agent: string, id: string, sink: LogSink, options: SubscribeOptions = {}): LogSubscription {
    const { lastEventId, limits } = options;
    const log = this.session(agent, id);
    // Lines logged before the connection are sent before its notice, those still pending too: then no line
    // after the notice is older than it.
    if (log.pending.length > 0) {
      this.dirty.delete(log);
      this.flush(log);
    }
    const oldest = log.held[0]?.id ?? log.published + 1;
    const sub: Subscriber = {
      sink,
      cursor: oldest - 1,
      waiting: false,
      gapReason: 'lost',
      greeting: noticeFrame(CONNECTED_MESSAGE),
      greetAfter: log.published,
      closed: false,
      openedAt: Date.now(),
      limits,
      limitTimer: undefined,
    };
    if (lastEventId !== undefined && lastEventId <= log.published) {
      sub.cursor = lastEventId;
    } else if (lastEventId !== undefined) {
      // Only a log that started again (a session made anew under the same id) can be behind a client. This
      // goes first, as a client must forget the ids it saw before it takes the lines that reuse them.
      sink.write(
        noticeFrame(
          `Last-Event-ID ${lastEventId} is past this session's newest log line (id ${log.published}); ` +
            'the log has started again, so every line held follows.',
          log.held[0] && timestampOf(log.held[0]),
        ),
      );
    }
    if (log.subscribers.size === 0) {
      log.listenedSince = Date.now();
      this.armHeartbeat(log);
    }
    log.subscribers.add(sub);
    this.pump(log, sub);
    sub.gapReason = 'dropped';
    this.armLimits(log, sub);
    return { close: () => this.unsubscribe(log, sub) };
  }

  subscriberCount(agent: string, id: string): number {
    return this.logs.get(key(agent, id))?.subscribers.size ?? 0;
  }

  /** The session was deleted or expired: its subscribers' streams end and its lines are forgotten. */
  close(agent: string, id: string): void {
    const log = this.logs.get(key(agent, id));
    if (!log) return;
    this.logs.delete(key(agent, id));
    this.dirty.delete(log);
    this.endSubscribers(log, 'The session was deleted or has expired; its log stream has ended.');
  }

  /** Ends every stream (the server cannot close while one is open); lines keep being saved. */
  endStreams(): void {
    for (const log of this.logs.values())
      this.endSubscribers(log, 'The host is shutting down; reconnect later.');
  }

  /** Saves what is pending, ends every stream and stops the timers. */
  async shutdown(): Promise<void> {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    this.flushDirty();
    this.endStreams();
    clearInterval(this.sweeper);
  }

  /** `isData`: false for a heartbeat, which says there is nothing to say and so keeps no stream open. */
  private add(log: SessionLog, stream: LogStream, message: string, isData: boolean): void {
    const now = Date.now();
    log.pending.push(toEntry(log.nextId++, { timestamp: new Date(now).toISOString(), stream, message }));
    log.lastLineAt = now;
    log.lastUsed = now;
    if (isData) log.lastDataAt = now;
    this.dirty.add(log);
    this.flushTimer ??= setImmediate(() => {
      this.flushTimer = undefined;
      this.flushDirty();
    });
  }

  private session(agent: string, id: string): SessionLog {
    const k = key(agent, id);
    let log = this.logs.get(k);
    if (!log) {
      const now = Date.now();
      log = {
        agent,
        id,
        file: this.opts.logFile(agent, id),
        held: [],
        heldBytes: 0,
        pending: [],
        published: 0,
        nextId: 1,
        fileLines: 0,
        fileBytes: 0,
        subscribers: new Set(),
        lastLineAt: now,
        lastDataAt: now,
        listenedSince: now,
        heartbeat: undefined,
        lastUsed: now,
        diskWarned: false,
      };
      // In the map before restoring, so a warning appended while restoring finds it.
      this.logs.set(k, log);
      this.restore(log);
    }
    log.lastUsed = Date.now();
    return log;
  }

  /** Picks up what a previous host saved: the recent lines and the id to continue from. */
  private restore(log: SessionLog): void {
    let loaded;
    try {
      loaded = readLogFile(log.file);
    } catch (err) {
      this.diskFailed(log, err);
      return;
    }
    log.published = loaded.lastId;
    log.nextId = loaded.lastId + 1;
    log.held = loaded.entries;
    log.heldBytes = loaded.entries.reduce((sum, e) => sum + e.bytes, 0);
    log.fileLines = loaded.entries.length;
    log.fileBytes = loaded.bytes;
    this.trim(log);
    // A torn last line would glue itself to the next one appended, so such a file is rewritten first.
    if (!loaded.clean || this.fileTooBig(log)) this.compact(log);
  }

  private flushDirty(): void {
    for (const log of this.dirty) {
      this.dirty.delete(log);
      this.flush(log);
    }
  }

  private flush(log: SessionLog): void {
    const batch = log.pending;
    const last = batch[batch.length - 1];
    if (!last) return;
    log.pending = [];
    try {
      log.fileBytes += appendEntries(log.file, batch);
      log.fileLines += batch.length;
    } catch (err) {
      this.diskFailed(log, err);
    }
    for (const entry of batch) {
      log.held.push(entry);
      log.heldBytes += entry.bytes;
    }
    log.published = last.id;
    this.trim(log);
    if (this.fileTooBig(log)) this.compact(log);
    for (const sub of log.subscribers) if (!sub.waiting) this.pump(log, sub);
  }

  private trim(log: SessionLog): void {
    const { held } = log;
    let drop = 0;
    let bytes = log.heldBytes;
    // The newest line always stays, however big: it is what a resume continues from.
    while (held.length - drop > 1 && (held.length - drop > this.bufferLines || bytes > this.bufferBytes)) {
      bytes -= held[drop]!.bytes;
      drop++;
    }
    if (drop === 0) return;
    held.splice(0, drop);
    log.heldBytes = bytes;
  }

  private fileTooBig(log: SessionLog): boolean {
    return log.fileLines > 2 * this.bufferLines || log.fileBytes > 2 * this.bufferBytes;
  }

  /** Rewrites the file as exactly the held lines; appending and compacting cost O(1) a line over time. */
  private compact(log: SessionLog): void {
    try {
      log.fileBytes = rewriteLogFile(log.file, log.held);
      log.fileLines = log.held.length;
    } catch (err) {
      this.diskFailed(log, err);
    }
  }

  private diskFailed(log: SessionLog, err: unknown): void {
    const { code, message } = err as NodeJS.ErrnoException;
    // No folder: the session is gone or being removed, and its lines go with it.
    if (code === 'ENOENT' || log.diskWarned) return;
    log.diskWarned = true;
    this.append(
      log.agent,
      log.id,
      'status',
      `This session's log lines cannot be saved (${code ?? message}); they are kept in memory only.`,
    );
  }

  /** Writes the held lines after the subscriber's cursor until it has them all or its buffer is full. */
  private pump(log: SessionLog, sub: Subscriber): void {
    const { held } = log;
    let chunk = '';
    for (let i = firstAfter(held, sub.cursor); i < held.length; i++) {
      const entry = held[i]!;
      if (sub.greeting !== undefined && entry.id > sub.greetAfter) {
        chunk += sub.greeting;
        sub.greeting = undefined;
      }
      if (entry.id > sub.cursor + 1)
        chunk += gapNotice(sub.gapReason, sub.cursor + 1, entry.id - 1, timestampOf(entry));
      chunk += logFrame(entry.id, entry.data);
      sub.cursor = entry.id;
      if (chunk.length >= WRITE_CHUNK_CHARS) {
        const more = sub.sink.write(chunk);
        chunk = '';
        if (!more) return this.waitForDrain(log, sub);
      }
    }
    if (sub.greeting !== undefined) {
      chunk += sub.greeting;
      sub.greeting = undefined;
    }
    if (sub.cursor < log.published) {
      // Lines were sent once but none of them is held any more (the file went missing).
      chunk += gapNotice(sub.gapReason, sub.cursor + 1, log.published);
      sub.cursor = log.published;
    }
    if (chunk && !sub.sink.write(chunk)) this.waitForDrain(log, sub);
  }

  private waitForDrain(log: SessionLog, sub: Subscriber): void {
    sub.waiting = true;
    sub.sink.once('drain', () => {
      sub.waiting = false;
      if (!sub.closed) this.pump(log, sub);
    });
  }

  private unsubscribe(log: SessionLog, sub: Subscriber): void {
    if (sub.closed) return;
    sub.closed = true;
    clearTimeout(sub.limitTimer);
    log.subscribers.delete(sub);
    log.lastUsed = Date.now();
    if (log.subscribers.size === 0) this.stopHeartbeat(log);
  }

  private endSubscribers(log: SessionLog, message: string): void {
    for (const sub of log.subscribers) {
      sub.closed = true;
      clearTimeout(sub.limitTimer);
      // A subscriber that is not reading would keep the response (and a closing server) open forever.
      if (sub.waiting) {
        sub.sink.destroy();
        continue;
      }
      sub.sink.write(noticeFrame(message));
      sub.sink.end();
    }
    log.subscribers.clear();
    this.stopHeartbeat(log);
  }

  private armLimits(log: SessionLog, sub: Subscriber): void {
    if (!sub.limits) return;
    const due = Math.min(
      sub.openedAt + sub.limits.maxAgeMs,
      Math.max(sub.openedAt, log.lastDataAt) + sub.limits.idleMs,
    );
    // Lines that come meanwhile move the idle deadline on without touching the timer: when it fires
    // it looks again, and waits the rest if nothing is due.
    sub.limitTimer = setTimeout(
      () => this.checkLimits(log, sub),
      Math.min(Math.max(due - Date.now(), 1), MAX_TIMER_MS),
    );
    sub.limitTimer.unref();
  }

  private checkLimits(log: SessionLog, sub: Subscriber): void {
    sub.limitTimer = undefined;
    if (sub.closed || !sub.limits) return;
    const now = Date.now();
    const { maxAgeMs, idleMs } = sub.limits;
    if (now >= sub.openedAt + maxAgeMs) this.endSubscriber(log, sub, maxAgeMessage(maxAgeMs));
    else if (now >= Math.max(sub.openedAt, log.lastDataAt) + idleMs)
      this.endSubscriber(log, sub, idleMessage(idleMs));
    else this.armLimits(log, sub);
  }

  /**
   * Ends one stream, saying why. One whose reader is behind still ends after what it was sent: the reader
   * resumes from the last line it got, and one that reads nothing is cut off by the server's connection timeout.
   */
  private endSubscriber(log: SessionLog, sub: Subscriber, message: string): void {
    this.unsubscribe(log, sub);
    sub.sink.write(noticeFrame(message));
    sub.sink.end();
  }

  private armHeartbeat(log: SessionLog): void {
    const due = Math.max(log.lastLineAt, log.listenedSince) + this.opts.heartbeatSeconds * 1000;
    log.heartbeat = setTimeout(() => this.beat(log), Math.max(due - Date.now(), 1));
    log.heartbeat.unref();
  }

  private beat(log: SessionLog): void {
    log.heartbeat = undefined;
    if (log.subscribers.size === 0) return;
    const due = Math.max(log.lastLineAt, log.listenedSince) + this.opts.heartbeatSeconds * 1000;
    // Timers can fire a little early; then this only waits the rest.
    if (Date.now() >= due) this.add(log, 'status', heartbeatMessage(this.opts.heartbeatSeconds), false);
    this.armHeartbeat(log);
  }

  private stopHeartbeat(log: SessionLog): void {
    if (log.heartbeat) clearTimeout(log.heartbeat);
    log.heartbeat = undefined;
  }

  private evictIdle(): void {
    const now = Date.now();
    for (const [k, log] of this.logs) {
      if (log.subscribers.size === 0 && log.pending.length === 0 && now - log.lastUsed >= this.idleMs) {
        this.logs.delete(k);
      }
    }
  }
}

const key = (agent: string, id: string) => `${agent}/${id}`;

/** "30 minutes", "90 s", "0.5 s": whole minutes as minutes, anything else in seconds. */
function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} s`;
  const minutes = seconds / 60;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Index of the first held line with an id above `cursor`. */
function firstAfter(held: readonly LogEntry[], cursor: number): number {
  let lo = 0;
  let hi = held.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (held[mid]!.id <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `timestamp`: that of the line the notice comes before, as the missing lines were older than it. */
function gapNotice(reason: 'lost' | 'dropped', from: number, to: number, timestamp?: string): string {
  const count = to - from + 1;
  const lines =
    count === 1 ? `1 log line (id ${from}) was` : `${count} log lines (ids ${from} to ${to}) were`;
  return noticeFrame(
    reason === 'lost'
      ? `${lines} lost: the host no longer holds them.`
      : `${lines} dropped for this connection because it read more slowly than the session wrote.`,
    timestamp,
  );
}
