import { statusLine } from '@contract';
import { timestampOf, type LogEntry } from './log-file';
import { logFrame, noticeFrame } from './sse';

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

/** The part of a session's log its subscribers read; the hub keeps it, and they never change it. */
export interface SharedLog {
  /** Saved and published lines, oldest first, ids increasing. */
  readonly held: readonly LogEntry[];
  /** Id of the newest line any subscriber may have been sent. */
  readonly published: number;
  /** When the newest line other than a heartbeat was logged: a stream's idle time counts from it. */
  readonly lastDataAt: number;
}

/** Frames go out in writes of about this many characters: few syscalls for a fast reader, little excess for a slow one. */
const WRITE_CHUNK_CHARS = 64 * 1024;
/** setTimeout fires at once for a longer delay; a longer limit is waited for in steps of this. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One connection to a session's log: a cursor into the shared held lines, so a slow reader costs no
 * memory of its own. It writes until its sink's buffer is full, waits for it to drain, then goes on from
 * its cursor; when the lines it would have got next are no longer held it is told how many it missed.
 */
export class LogSubscriber {
  /** Id of the last line this subscriber was sent or told it missed; the next frame is the first held line after it. */
  private cursor: number;
  /** The sink's buffer is full: nothing more is written until it drains, then sending resumes from `cursor`. */
  private waiting = false;
  /** Why a gap before the next line would exist: a resume from further back than held, or falling behind. */
  private gapReason: 'lost' | 'dropped' = 'lost';
  /**
   * The connected notice, until it is sent: it goes after the lines held when the subscriber came (so it
   * sits where its time puts it, after older lines), before any line logged since.
   */
  private greeting: string | undefined = noticeFrame(statusLine.connected());
  /** Id of the newest line held when the subscriber came: the greeting follows it. */
  private readonly greetAfter: number;
  private closed = false;
  private readonly openedAt = Date.now();
  /** Due at the first moment a limit could end this connection. */
  private limitTimer: NodeJS.Timeout | undefined;

  /**
   * Only later lines than `lastEventId` are sent; without it, every held line is. `onClose` hears once
   * that the subscriber is done, however that came about.
   */
  constructor(
    private readonly log: SharedLog,
    private readonly sink: LogSink,
    lastEventId: number | undefined,
    private readonly limits: StreamLimits | undefined,
    private readonly onClose: (sub: LogSubscriber) => void,
  ) {
    this.greetAfter = log.published;
    this.cursor = (log.held[0]?.id ?? log.published + 1) - 1;
    if (lastEventId !== undefined && lastEventId <= log.published) {
      this.cursor = lastEventId;
    } else if (lastEventId !== undefined) {
      // Only a log that started again (a session made anew under the same id) can be behind a client. This
      // goes first, as a client must forget the ids it saw before it takes the lines that reuse them.
      const first = log.held[0];
      sink.write(
        noticeFrame(statusLine.logRestarted(lastEventId, log.published), first && timestampOf(first)),
      );
    }
  }

  /** Sends what it has to catch up on, and from then on keeps to its limits. */
  start(): void {
    this.pump();
    this.gapReason = 'dropped';
    this.armLimits();
  }

  /** New lines are held: sends them, unless the sink is still full (draining sends them then). */
  send(): void {
    if (!this.waiting && !this.closed) this.pump();
  }

  /** Stops sending and forgets the sink; the sink itself is left alone (its connection has gone). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.limitTimer);
    this.onClose(this);
  }

  /** The session or the host ends the stream, saying why. */
  end(notice: string): void {
    this.close();
    // A subscriber that is not reading would keep the response (and a closing server) open forever.
    if (this.waiting) {
      this.sink.destroy();
      return;
    }
    this.sink.write(noticeFrame(notice));
    this.sink.end();
  }

  /** Writes the held lines after the cursor until it has them all or the sink's buffer is full. */
  private pump(): void {
    const { held } = this.log;
    let chunk = '';
    for (let i = firstAfter(held, this.cursor); i < held.length; i++) {
      const entry = held[i]!;
      if (this.greeting !== undefined && entry.id > this.greetAfter) {
        chunk += this.greeting;
        this.greeting = undefined;
      }
      if (entry.id > this.cursor + 1)
        chunk += gapNotice(this.gapReason, this.cursor + 1, entry.id - 1, timestampOf(entry));
      chunk += logFrame(entry.id, entry.data);
      this.cursor = entry.id;
      if (chunk.length >= WRITE_CHUNK_CHARS) {
        const more = this.sink.write(chunk);
        chunk = '';
        if (!more) return this.waitForDrain();
      }
    }
    if (this.greeting !== undefined) {
      chunk += this.greeting;
      this.greeting = undefined;
    }
    if (this.cursor < this.log.published) {
      // Lines were sent once but none of them is held any more (the file went missing).
      chunk += gapNotice(this.gapReason, this.cursor + 1, this.log.published);
      this.cursor = this.log.published;
    }
    if (chunk && !this.sink.write(chunk)) this.waitForDrain();
  }

  private waitForDrain(): void {
    this.waiting = true;
    this.sink.once('drain', () => {
      this.waiting = false;
      if (!this.closed) this.pump();
    });
  }

  private armLimits(): void {
    if (!this.limits) return;
    const due = Math.min(
      this.openedAt + this.limits.maxAgeMs,
      Math.max(this.openedAt, this.log.lastDataAt) + this.limits.idleMs,
    );
    // Lines that come meanwhile move the idle deadline on without touching the timer: when it fires
    // it looks again, and waits the rest if nothing is due.
    this.limitTimer = setTimeout(
      () => this.checkLimits(),
      Math.min(Math.max(due - Date.now(), 1), MAX_TIMER_MS),
    );
    this.limitTimer.unref();
  }

  private checkLimits(): void {
    this.limitTimer = undefined;
    if (this.closed || !this.limits) return;
    const now = Date.now();
    const { maxAgeMs, idleMs } = this.limits;
    if (now >= this.openedAt + maxAgeMs) this.expire(statusLine.streamMaxAge(maxAgeMs));
    else if (now >= Math.max(this.openedAt, this.log.lastDataAt) + idleMs)
      this.expire(statusLine.streamIdle(idleMs));
    else this.armLimits();
  }

  /**
   * Ends the stream at a limit, saying why. One whose reader is behind still ends after what it was sent:
   * the reader resumes from the last line it got, and one that reads nothing is cut off by the server's
   * connection timeout.
   */
  private expire(notice: string): void {
    this.close();
    this.sink.write(noticeFrame(notice));
    this.sink.end();
  }
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
  return noticeFrame(statusLine.gap(reason, from, to), timestamp);
}
