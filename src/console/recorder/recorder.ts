// Over 400 lines because the Recorder class is the one owner of the tracked sessions' state: which to
// record, their streams, polls, events and tombstones all change the same map, and split apart each would
// reach into it. The parts that need none of that state are files of their own (stream, queue, store,
// retention, facts).
import {
  API_VERSION,
  apiPaths,
  CONNECTIONS_PATH,
  LOCAL_CONNECTION,
  parseStatusLine,
  type AgentSession,
  type ConnectionList,
  type List,
  type RecordingReason,
} from '@contract';
import type { RecordingControl, SessionRef } from '../history/recording-control';
import type { ConsoleDb } from '../store/db';
import { indexStoredLines } from '../store/line-index';
import { eventOfLine, statusEvent } from './facts';
import { LineQueue, type QueueLimits } from './queue';
import { Retention, type RetentionLimits } from './retention';
import type { RecordingRow } from '../store/recording-row';
import { RecorderStore, type GapReason, type StoredLine } from './store';
import { SessionStream } from './stream';

/** How often the recorder does what it does; tests set them short. */
export interface RecorderTiming {
  /** Reading the sessions lists (local) and the recorded sessions (Foundry). */
  pollMs: number;
  /** Writing the lines waiting; at most this long passes between a line's arrival and its commit. */
  flushMs: number;
  /** Most lines written in one transaction; more wait for the next, which follows at once. */
  flushBatch: number;
  /** Applying `--history-days` and `--history-max-mb`. */
  retentionMs: number;
  /** How long opening, creating or invoking a session through the console keeps it recorded. */
  reasonsForMs: number;
  /** Waits before reopening a stream that failed: doubling from the first to the second. */
  backoffMs: [number, number];
}

export interface RecorderOptions {
  /** The local host's project endpoint on this server (`/api/projects/local`). */
  localEndpoint: string;
  /** The server's `--token`, sent as the browser sends it. */
  token?: string;
  limits: RetentionLimits;
  timing?: Partial<RecorderTiming>;
  queue?: Partial<QueueLimits>;
}

const DEFAULT_TIMING: RecorderTiming = {
  pollMs: 2000,
  flushMs: 250,
  flushBatch: 20_000,
  retentionMs: 60_000,
  reasonsForMs: 24 * 3600_000,
  backoffMs: [250, 15_000],
};

/** Lines indexed in one step between stores: a few milliseconds of the server's thread. */
const INDEX_SLICE = 5000;

const DEFAULT_QUEUE: QueueLimits = { perSession: 50_000, total: 200_000 };

/** The header the recorder's own calls carry, so that watching the server's calls does not see them. */
export const RECORDER_HEADER = 'x-console-recorder';

/**
 * Statuses in which a session's stream is opened; a stream open already runs until its source ends it.
 * `creating` too: a session that never becomes ready says why only while it starts.
 */
const LIVE: ReadonlySet<string> = new Set(['creating', 'active', 'updating']);

/** A session the recorder has a row for and watches now. */
export interface Tracked {
  ref: SessionRef;
  key: string;
  row: RecordingRow;
  reasons: Set<RecordingReason>;
  reasonsUntilMs: number;
  pinned: boolean;
  session?: AgentSession;
  gone: boolean;
  stream?: SessionStream;
  /** The id of the last line received (stored or waiting), numeric for the local host. */
  lastId?: string;
  /** Whether any line was ever stored or queued: a reopened stream without ids is then a gap. */
  hadLines: boolean;
  /** Whether this process has streamed it yet: a skip before it is the console's own downtime. */
  streamed?: boolean;
  /** Resumed at start: its stream opens once whatever its status, for the lines written meanwhile. */
  catchUp?: boolean;
}

/** A session created within the last hour: one that failed since is worth reading once. */
const isRecent = (session: AgentSession) => Date.now() - session.created_at * 1000 < 3600_000;

const keyOf = (ref: SessionRef) => `${ref.connection}\n${ref.agent}\n${ref.session}`;

/**
 * Keeps the log lines and the observed events of the sessions worth keeping, in the console's store.
 * It reaches every connection over HTTP through this very server, as the browser does: the local host
 * at its project endpoint, Foundry projects through the gateway, so it works the same against both.
 */
export class Recorder implements RecordingControl {
  readonly store: RecorderStore;
  readonly timing: RecorderTiming;
  private readonly queue: LineQueue;
  private readonly retention: Retention;
  private readonly tracked = new Map<string, Tracked>();
  private origin: string | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = false;

  constructor(
    db: ConsoleDb,
    private readonly options: RecorderOptions,
  ) {
    this.store = new RecorderStore(db);
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.queue = new LineQueue({ ...DEFAULT_QUEUE, ...options.queue });
    this.retention = new Retention(db, options.limits);
  }

  get running(): boolean {
    return this.origin !== undefined && !this.stopped;
  }

  /** Starts once the server listens at `origin`; resumes every recording that was open. */
  start(origin: string): void {
    if (this.origin !== undefined || this.stopped) return;
    this.origin = origin;
    const now = Date.now();
    for (const row of this.store.resumable(now, now - this.timing.reasonsForMs)) {
      this.track(row).catchUp = row.lines > 0;
    }
    this.sweep();
    this.timers.push(setInterval(() => void this.poll(), this.timing.pollMs));
    this.timers.push(setInterval(() => this.sweep(), this.timing.retentionMs));
    this.flushTimer = setInterval(() => this.flush(), this.timing.flushMs);
    void this.poll();
  }

  /** Stops every stream (the server is closing); lines already received are still written by `close`. */
  halt(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const tracked of this.tracked.values()) tracked.stream?.stop();
  }

  /** Writes what waits, once every stream has stopped. */
  async close(): Promise<void> {
    this.halt();
    await Promise.all([...this.tracked.values()].map((t) => t.stream?.done));
    if (this.flushTimer) clearInterval(this.flushTimer);
    while (this.queue.length > 0) this.flush();
    this.flush();
  }

  // RecordingControl

  consider(ref: SessionRef, reason: RecordingReason): void {
    if (this.stopped) return;
    const tracked = this.track(this.store.ensure(ref, Date.now()));
    if (reason === 'pinned') {
      if (!tracked.pinned) {
        tracked.pinned = true;
        this.store.setPinned(tracked.row.id, true);
      }
    } else {
      tracked.reasons.add(reason);
      tracked.reasonsUntilMs = Date.now() + this.timing.reasonsForMs;
      this.store.setReasons(tracked.row.id, tracked.reasons, tracked.reasonsUntilMs);
    }
    if (this.origin !== undefined) void this.check(tracked);
  }

  unpin(ref: SessionRef): void {
    const row = this.store.find(ref);
    if (!row) return;
    this.store.setPinned(row.id, false);
    const tracked = this.tracked.get(keyOf(ref));
    if (tracked) tracked.pinned = false;
  }

  isRecording(ref: SessionRef): boolean {
    return this.tracked.get(keyOf(ref))?.stream?.active ?? false;
  }

  recordingNow(): number {
    let n = 0;
    for (const t of this.tracked.values()) if (t.stream?.active) n++;
    return n;
  }

  // What the streams report

  /** A line from a session's stream: queued, or counted as dropped when the recorder is full. */
  line(tracked: Tracked, line: StoredLine): void {
    if (line.eventId !== undefined) tracked.lastId = line.eventId;
    tracked.hadLines = true;
    this.queue.push(tracked.row.id, line);
    if (this.queue.length >= this.timing.flushBatch) setImmediate(() => this.flush());
  }

  /**
   * Waits while the recording's queue is full, so a source that writes faster than the store takes keeps
   * its backlog itself (the host holds it, and says what it had to drop) instead of the recorder's memory.
   */
  async room(tracked: Tracked, signal: AbortSignal): Promise<void> {
    while (this.queue.full(tracked.row.id) && !this.stopped && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(10, this.timing.flushMs / 4)));
    }
  }

  gap(tracked: Tracked, fromMs: number, toMs: number, reason: GapReason, count?: number): void {
    this.store.gap(tracked.row.id, fromMs, toMs, reason, count);
  }

  /** When the last line of a recording was received (waiting or stored): where a gap starts. */
  lastLineMs(tracked: Tracked): number | undefined {
    return this.store.lastLineMs(tracked.row.id);
  }

  /** Whether a session's stream should be (re)opened now. */
  wantsStream(tracked: Tracked): boolean {
    if (this.stopped || tracked.gone) return false;
    if (tracked.pinned || tracked.catchUp) return true;
    const status = tracked.session?.status;
    if (status === undefined || !LIVE.has(status)) return false;
    return tracked.ref.connection === LOCAL_CONNECTION || tracked.reasonsUntilMs > Date.now();
  }

  /** The URL of a call on a connection, through this server. */
  url(connection: string, apiPath: string, query: Record<string, string> = {}): string {
    const base =
      connection === LOCAL_CONNECTION
        ? `${this.origin}${this.options.localEndpoint}`
        : `${this.origin}/gateway/${encodeURIComponent(connection)}`;
    const params = new URLSearchParams({ 'api-version': API_VERSION, ...query });
    return `${base}${apiPath}?${params.toString()}`;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      [RECORDER_HEADER]: '1',
      ...(this.options.token !== undefined && { authorization: `Bearer ${this.options.token}` }),
      ...extra,
    };
  }

  /** Reads the session again (after its stream said it ended, or when it is first considered). */
  async check(tracked: Tracked): Promise<void> {
    try {
      const res = await fetch(
        this.url(tracked.ref.connection, apiPaths.session(tracked.ref.agent, tracked.ref.session)),
        { headers: this.headers() },
      );
      if (res.status === 404) {
        await res.body?.cancel();
        // A session never seen is not one that went away: it may never have existed.
        if (tracked.session || tracked.row.last_known) this.tombstone(tracked, 'deleted');
        else this.untrack(tracked);
        return;
      }
      if (!res.ok) {
        await res.body?.cancel();
        return;
      }
      this.observe(tracked, (await res.json()) as AgentSession);
    } catch {
      // Unreachable now; the next poll tries again.
    }
  }

  /** A session as read: its status change becomes an event, and its stream opens when it should. */
  observe(tracked: Tracked, session: AgentSession): void {
    const now = Date.now();
    const before = tracked.session?.status ?? lastStatus(tracked.row);
    if (tracked.gone) {
      // The same id made anew after the console saw it deleted.
      if (session.status === 'expired' || session.status === 'deleted') return;
      tracked.gone = false;
      this.store.revive(tracked.row.id);
    }
    tracked.session = session;
    this.store.seen(tracked.row.id, session, now);
    if (before === undefined && tracked.row.last_known === null) {
      this.store.event(tracked.row.id, {
        atMs: session.created_at * 1000,
        kind: 'created',
        message: `Created, version ${session.version_indicator.agent_version}.`,
      });
    }
    tracked.row.last_known = JSON.stringify(session);
    if (session.status !== before) {
      const kind = statusEvent(session.status);
      if (kind && kind !== 'created' && kind !== 'expired' && kind !== 'deleted') {
        this.store.event(tracked.row.id, {
          atMs: now,
          kind,
          message: `The session is ${session.status}.`,
          status: session.status,
        });
      }
    }
    if (session.status === 'expired') {
      this.tombstone(tracked, 'expired');
      return;
    }
    if (session.status === 'deleted') {
      this.tombstone(tracked, 'deleted');
      return;
    }
    // Failed before the recorder first read it (a start that failed within a poll): its stream is read
    // once, for the lines that say why, since the source still holds them.
    if (session.status === 'failed' && before === undefined && tracked.row.lines === 0)
      tracked.catchUp = true;
    this.ensureStream(tracked);
  }

  tombstone(tracked: Tracked, how: 'deleted' | 'expired'): void {
    const now = Date.now();
    tracked.gone = true;
    if (this.store.gone(tracked.row.id, how, now)) {
      this.store.event(tracked.row.id, {
        atMs: now,
        kind: how,
        message: how === 'deleted' ? 'The session was deleted.' : 'The session expired.',
        status: how,
      });
    }
    tracked.row.gone_how = how;
    // Its stream ends by itself (the host says so); what it sent until then is still kept.
    if (!tracked.stream) this.untrack(tracked);
  }

  /** A stream that ended and will not be reopened. */
  streamEnded(tracked: Tracked): void {
    tracked.stream = undefined;
    if (tracked.gone || (!this.wantsStream(tracked) && !this.worthWatching(tracked))) {
      this.untrack(tracked);
    }
  }

  // Inside

  private track(row: RecordingRow): Tracked {
    const key = keyOf(row);
    let tracked = this.tracked.get(key);
    if (tracked) return tracked;
    const reasons = new Set(
      row.reasons
        .split(',')
        .filter((r): r is RecordingReason => r !== '' && r !== 'pinned') as RecordingReason[],
    );
    tracked = {
      ref: { connection: row.connection, agent: row.agent, session: row.session },
      key,
      row,
      reasons,
      reasonsUntilMs: row.reasons_until_ms ?? 0,
      pinned: row.pinned === 1,
      gone: row.gone_how !== null,
      ...(row.last_event_id !== null && { lastId: row.last_event_id }),
      hadLines: row.lines > 0,
    };
    this.tracked.set(key, tracked);
    return tracked;
  }

  private untrack(tracked: Tracked): void {
    if (tracked.stream) return;
    if (this.tracked.get(tracked.key) === tracked) this.tracked.delete(tracked.key);
  }

  /** Whether a session without a stream is still read at each poll, to reopen it when it is active again. */
  private worthWatching(tracked: Tracked): boolean {
    if (tracked.gone) return false;
    return (
      tracked.pinned || tracked.ref.connection === LOCAL_CONNECTION || tracked.reasonsUntilMs > Date.now()
    );
  }

  private ensureStream(tracked: Tracked): void {
    if (tracked.stream || !this.wantsStream(tracked) || this.origin === undefined) return;
    tracked.stream = new SessionStream(this, tracked);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped || this.origin === undefined) return;
    this.polling = true;
    try {
      await this.pollLocal();
      await this.pollConnections();
    } catch {
      // The server may be closing; the next poll tries again.
    } finally {
      this.polling = false;
    }
  }

  /** Every session of every agent on the local host: the active ones are recorded. */
  private async pollLocal(): Promise<void> {
    const agents = await this.list<{ name: string }>(LOCAL_CONNECTION, apiPaths.agents());
    if (!agents) return;
    const seen = new Set<string>();
    const complete = new Set<string>();
    for (const agent of agents) {
      const sessions = await this.list<AgentSession>(LOCAL_CONNECTION, apiPaths.sessions(agent.name));
      if (!sessions) continue;
      complete.add(agent.name);
      for (const session of sessions) {
        const ref = { connection: LOCAL_CONNECTION, agent: agent.name, session: session.agent_session_id };
        const key = keyOf(ref);
        seen.add(key);
        let tracked = this.tracked.get(key);
        if (!tracked) {
          if (!LIVE.has(session.status) && !(session.status === 'failed' && isRecent(session))) {
            const row = this.store.find(ref);
            // Recorded before and not gone: keep its last known status current, without a stream.
            if (!row || row.gone_how !== null) continue;
            tracked = this.track(row);
          } else {
            tracked = this.track(this.store.ensure(ref, Date.now()));
          }
        }
        if (LIVE.has(session.status) && !tracked.reasons.has('active')) {
          tracked.reasons.add('active');
          this.store.setReasons(tracked.row.id, tracked.reasons, tracked.reasonsUntilMs || null);
        }
        this.observe(tracked, session);
      }
    }
    for (const tracked of [...this.tracked.values()]) {
      if (tracked.ref.connection !== LOCAL_CONNECTION || tracked.gone) continue;
      if (!complete.has(tracked.ref.agent) || seen.has(tracked.key)) continue;
      // Gone from a complete list: deleted (an expired session stays listed as expired).
      if (tracked.session || tracked.row.last_known) this.tombstone(tracked, 'deleted');
      else if (!tracked.stream) this.untrack(tracked);
    }
  }

  /** The recorded sessions on Foundry connections, each read on its own. */
  private async pollConnections(): Promise<void> {
    const watched = [...this.tracked.values()].filter(
      (t) => t.ref.connection !== LOCAL_CONNECTION && !t.gone,
    );
    if (watched.length === 0) return;
    const res = await fetch(`${this.origin}${CONNECTIONS_PATH}`, { headers: this.headers() });
    if (!res.ok) {
      await res.body?.cancel();
      return;
    }
    const names = new Set(((await res.json()) as ConnectionList).data.map((c) => c.name));
    for (const tracked of watched) {
      // A connection removed from Settings says nothing about its sessions: they are left as they were.
      if (!names.has(tracked.ref.connection)) continue;
      if (!this.worthWatching(tracked) && !tracked.stream) {
        this.untrack(tracked);
        continue;
      }
      await this.check(tracked);
    }
  }

  /** Every item of a list, page by page; undefined when it could not be read whole. */
  private async list<T>(connection: string, apiPath: string): Promise<T[] | undefined> {
    const items: T[] = [];
    let after: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const res = await fetch(
        this.url(connection, apiPath, { limit: '100', ...(after !== undefined && { after }) }),
        { headers: this.headers() },
      );
      if (!res.ok) {
        await res.body?.cancel();
        return undefined;
      }
      const body = (await res.json()) as List<T>;
      items.push(...body.data);
      if (!body.has_more || body.last_id === undefined) return items;
      after = body.last_id;
    }
    return items;
  }

  /** Writes what waits, fairly across recordings, in one transaction. */
  flush(): void {
    if (this.queue.length === 0 && !this.hasDrops()) return;
    const batch = this.queue.take(this.timing.flushBatch);
    const store = this.store;
    try {
      store.db.transaction(() => {
        for (const [id, pending] of batch) {
          const stored = store.lines(id, pending.lines);
          for (const line of stored) {
            if (line.stream !== 'status') continue;
            const event = eventOfLine(line.message, line.atMs, parseStatusLine(line.message));
            if (event) store.event(id, event);
          }
          if (pending.dropped > 0) {
            store.gap(id, pending.droppedFromMs, pending.droppedToMs, 'dropped', pending.dropped);
          }
        }
      })();
    } catch {
      // The store refused (full disk, closed): these lines are lost, and the next flush tries again.
    }
    if (this.stopped) return;
    if (this.queue.length > 0) setImmediate(() => this.flush());
    else this.indexBehind();
  }

  /**
   * Adds stored lines to the full-text index, a slice at a time while no lines wait to be stored, so a
   * burst is stored at the pace it arrives and indexed once it is in.
   */
  private indexBehind(): void {
    if (this.stopped || this.queue.length > 0) return;
    try {
      if (indexStoredLines(this.store.db, INDEX_SLICE) === INDEX_SLICE)
        setImmediate(() => this.indexBehind());
    } catch {
      // A busy or closed store; the next flush tries again.
    }
  }

  private hasDrops(): boolean {
    for (const t of this.tracked.values()) if (this.queue.has(t.row.id)) return true;
    return false;
  }

  private sweep(): void {
    try {
      this.retention.sweep(Date.now());
    } catch {
      // A busy store; the next sweep tries again.
    }
  }
}

function lastStatus(row: RecordingRow): AgentSession['status'] | undefined {
  if (row.last_known === null) return undefined;
  try {
    return (JSON.parse(row.last_known) as AgentSession).status;
  } catch {
    return undefined;
  }
}
