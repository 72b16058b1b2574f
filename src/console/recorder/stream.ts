import { apiPaths, LOG_EVENT, parseStatusLine, type LogLine } from '@contract';
import { isStreamNotice } from './facts';
import type { Recorder, Tracked } from './recorder';
import { SseParser, type SseFrame } from './sse';

/** What one connection of the stream found out, for deciding about the next. */
interface Connection {
  /** A line with an id arrived, or the source said which lines it could not send. */
  placed: boolean;
  /** The source said the session is gone. */
  ended: boolean;
  /** The connection opened (answered 200): a failure after it starts the backoff over. */
  opened: boolean;
}

/**
 * One session's log stream, kept open while the recorder wants it: reopened with `Last-Event-ID` when
 * the source closes it (as Foundry does after 30 minutes, or 2 quiet ones), with a growing wait when it
 * fails. Every line goes to the recorder's queue; what could not be replayed becomes a gap.
 */
export class SessionStream {
  readonly done: Promise<void>;
  private readonly abort = new AbortController();
  private stopped = false;
  /** Whether a connection is open, or about to be (re)opened. */
  active = true;

  constructor(
    private readonly recorder: Recorder,
    private readonly tracked: Tracked,
  ) {
    this.done = this.run().finally(() => {
      this.active = false;
      recorder.streamEnded(tracked);
    });
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async run(): Promise<void> {
    const { recorder, tracked } = this;
    const [minWait, maxWait] = recorder.timing.backoffMs;
    let wait = minWait;
    // The first connection of this process resumes what the recording held before it: a skip there is
    // the time the console was not running; a later one, a close the source did not replay.
    let first = !tracked.streamed;
    tracked.streamed = true;
    let disconnectedMs: number | undefined;
    while (!this.stopped && recorder.wantsStream(tracked)) {
      let outcome: Connection | undefined;
      try {
        outcome = await this.connect(first, disconnectedMs);
      } catch {
        outcome = undefined;
      }
      if (this.stopped) return;
      disconnectedMs = Date.now();
      first = false;
      if (outcome?.ended) {
        // Most likely deleted or expired: reading it says so, and ends this loop. Otherwise (a version
        // changed under it, say) the next try waits, so a stream that keeps refusing is not hammered.
        await recorder.check(tracked);
        await this.pause(wait);
        wait = Math.min(wait * 2, maxWait);
        continue;
      }
      if (outcome?.opened) {
        tracked.catchUp = false;
        wait = minWait;
        // The source closed a healthy stream (its age or silence limit): back at once, a little later
        // than at once so a source that closes every connection straight away is not hammered.
        await this.pause(Math.min(minWait, 50));
      } else {
        await this.pause(wait + Math.random() * wait * 0.2);
        wait = Math.min(wait * 2, maxWait);
        // A failure may mean the session went away or stopped: read it before trying again.
        await recorder.check(tracked);
      }
    }
  }

  private async connect(first: boolean, disconnectedMs: number | undefined): Promise<Connection> {
    const { recorder, tracked } = this;
    const outcome: Connection = { placed: false, ended: false, opened: false };
    const version = tracked.session?.version_indicator.agent_version;
    if (version === undefined) {
      await recorder.check(tracked);
      return outcome;
    }
    const { agent, session } = tracked.ref;
    const resumeFrom = tracked.lastId;
    const res = await fetch(
      recorder.url(tracked.ref.connection, apiPaths.logStream(agent, version, session)),
      {
        headers: recorder.headers({
          accept: 'text/event-stream',
          ...(resumeFrom !== undefined && { 'last-event-id': resumeFrom }),
        }),
        signal: this.abort.signal,
      },
    );
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      if (res.status === 404) outcome.ended = true;
      return outcome;
    }
    outcome.opened = true;
    const connectedMs = Date.now();
    const hadLines = tracked.hadLines;
    const parser = new SseParser((frame) =>
      this.frame(frame, outcome, { first, resumeFrom, hadLines, disconnectedMs, connectedMs }),
    );
    const reader = res.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
      await recorder.room(tracked, this.abort.signal);
    }
    return outcome;
  }

  private frame(
    frame: SseFrame,
    outcome: Connection,
    at: {
      first: boolean;
      resumeFrom: string | undefined;
      hadLines: boolean;
      disconnectedMs: number | undefined;
      connectedMs: number;
    },
  ): void {
    const { recorder, tracked } = this;
    if (frame.event !== LOG_EVENT && frame.event !== 'message') return;
    const line = parseLine(frame.data);
    const fact = line.stream === 'status' ? parseStatusLine(line.message) : undefined;
    if (fact?.kind === 'gap') {
      outcome.placed = true;
      const reason = fact.reason === 'lost' ? 'lost_at_source' : 'dropped';
      const fromMs = recorder.lastLineMs(tracked) ?? at.disconnectedMs ?? line.atMs;
      recorder.gap(tracked, fromMs, line.atMs, reason, fact.count);
      return;
    }
    if (fact?.kind === 'stream_ended') {
      outcome.ended = true;
      return;
    }
    if (frame.id === undefined) {
      // On a stream that numbers its lines, a line without an id is a notice for this connection only.
      if (tracked.lastId !== undefined || (fact && isStreamNotice(fact, line.message))) return;
      if (!outcome.placed && at.hadLines && (at.disconnectedMs !== undefined || at.first)) {
        // The source numbers nothing and replays nothing: whatever it wrote while away is lost.
        recorder.gap(
          tracked,
          at.disconnectedMs ?? recorder.lastLineMs(tracked) ?? at.connectedMs,
          at.connectedMs,
          at.first ? 'recorder_down' : 'not_replayed',
        );
      }
      outcome.placed = true;
      recorder.line(tracked, { atMs: line.atMs, stream: line.stream, message: line.message });
      return;
    }
    if (!outcome.placed) {
      outcome.placed = true;
      const skipped = skippedBetween(at.resumeFrom, frame.id);
      if (skipped > 0) {
        const fromMs = at.disconnectedMs ?? recorder.lastLineMs(tracked) ?? at.connectedMs;
        recorder.gap(tracked, fromMs, at.connectedMs, at.first ? 'recorder_down' : 'not_replayed', skipped);
      }
    }
    recorder.line(tracked, {
      eventId: frame.id,
      atMs: line.atMs,
      stream: line.stream,
      message: line.message,
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** How many numbered lines lie between the last one kept and the first one sent: those not replayed. */
function skippedBetween(last: string | undefined, next: string): number {
  if (last === undefined || !/^\d+$/.test(last) || !/^\d+$/.test(next)) return 0;
  return Math.max(0, Number(next) - Number(last) - 1);
}

/** A frame's data as a line: the JSON the host and Foundry send, or any other text as it came. */
function parseLine(data: string): { atMs: number; stream: string; message: string } {
  try {
    const parsed = JSON.parse(data) as Partial<LogLine>;
    if (parsed && typeof parsed === 'object' && typeof parsed.message === 'string') {
      const at = typeof parsed.timestamp === 'string' ? Date.parse(parsed.timestamp) : NaN;
      return {
        atMs: Number.isFinite(at) ? at : Date.now(),
        stream: typeof parsed.stream === 'string' ? parsed.stream : 'stdout',
        message: parsed.message,
      };
    }
  } catch {
    // Not JSON: kept as the text it is.
  }
  return { atMs: Date.now(), stream: 'stdout', message: data };
}
