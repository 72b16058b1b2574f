import { statusLine, type LogStream } from '@contract';
import { appendEntries, readLogFile, rewriteLogFile, toEntry, type LogEntry } from './log-file';
import { LogSubscriber, type LogSink, type StreamLimits } from './subscriber';

export type { LogSink, StreamLimits } from './subscriber';

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

const DEFAULT_IDLE_MS = 5 * 60_000;

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
  subscribers: Set<LogSubscriber>;
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
 * out to any number of SSE subscribers (LogSubscriber, a cursor into the held lines). A line is saved before
 * it is sent, so an id a client has seen is never given to another line, not even after a crash. While
 * someone listens to a quiet session, a heartbeat line says it is quiet.
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
    const log = this.session(agent, id);
    // Lines logged before the connection are sent before its notice, those still pending too: then no line
    // after the notice is older than it.
    if (log.pending.length > 0) {
      this.dirty.delete(log);
      this.flush(log);
    }
    const sub = new LogSubscriber(log, sink, options.lastEventId, options.limits, (done) =>
      this.unsubscribe(log, done),
    );
    if (log.subscribers.size === 0) {
      log.listenedSince = Date.now();
      this.armHeartbeat(log);
    }
    log.subscribers.add(sub);
    sub.start();
    return { close: () => sub.close() };
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
    this.endSubscribers(log, statusLine.streamEnded());
  }

  /** Ends every stream (the server cannot close while one is open); lines keep being saved. */
  endStreams(): void {
    for (const log of this.logs.values()) this.endSubscribers(log, statusLine.shutdown());
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
    for (const sub of log.subscribers) sub.send();
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
    this.append(log.agent, log.id, 'status', statusLine.notSaved(code ?? message));
  }

  private unsubscribe(log: SessionLog, sub: LogSubscriber): void {
    log.subscribers.delete(sub);
    log.lastUsed = Date.now();
    if (log.subscribers.size === 0) this.stopHeartbeat(log);
  }

  private endSubscribers(log: SessionLog, notice: string): void {
    // Each one leaves the set as it ends, which a Set's iteration allows.
    for (const sub of log.subscribers) sub.end(notice);
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
    if (Date.now() >= due) this.add(log, 'status', statusLine.heartbeat(this.opts.heartbeatSeconds), false);
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
