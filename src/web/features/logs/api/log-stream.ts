import { apiPaths, type AgentSession } from '@contract';
import { ApiError, apiHeaders, apiRequest, apiUrl } from '../../../lib/api-client';
import { backoffDelay } from '../lib/backoff';
import { parseFrames } from '../lib/frame';
import type { LogStore } from '../lib/log-store';
import type { OpenStream, StreamMessage } from './log-stream.worker';

/** Answers that will not change by asking again: the console stops and says why. */
const FATAL_STATUSES = new Set([401, 403, 404]);

/** A connection that lasted this long was healthy: the next failure starts the backoff afresh. */
const HEALTHY_MS = 10_000;

/** With no heartbeat interval known yet, Foundry's 60 s is assumed. */
const DEFAULT_HEARTBEAT_S = 60;
/** However often the server says it is quiet, a stream is not called stalled sooner than this. */
const MIN_STALL_MS = 10_000;
/** How long looking up the session and opening the stream may take before the attempt is given up. */
const CONNECT_TIMEOUT_MS = 20_000;

class FatalStreamError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

class RetryableStreamError extends Error {}

export interface LogStreamTarget {
  agent: string;
  sessionId: string;
}

export interface LogStreamControl {
  /** Skips the rest of a backoff wait, or tries again after a failure or end. */
  retryNow: () => void;
}

/**
 * Keeps one session's log stream open until `signal` aborts: looks up the session's version, opens
 * the stream with `Last-Event-ID` so a resume continues exactly where it stopped, feeds frames to the
 * store, and on any failure but 401/403/404 retries with exponential backoff and jitter.
 */
export function runLogStream(
  target: LogStreamTarget,
  store: LogStore,
  signal: AbortSignal,
): LogStreamControl {
  let wake: (() => void) | undefined;
  const retryNow = () => wake?.();

  /** Waits `ms`, or until retryNow or abort. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        wake = undefined;
        resolve();
      };
      const timer = ms === Infinity ? undefined : setTimeout(done, ms);
      wake = done;
      signal.addEventListener('abort', done);
    });

  const loop = async () => {
    let attempt = 0;
    let everLive = false;
    while (!signal.aborted) {
      // A countdown that ran out keeps saying "reconnecting"; anything else is a fresh attempt.
      if (store.connection.state !== 'reconnecting') store.setConnection({ state: 'connecting' });
      let openedAt: number | undefined;
      let failure: unknown;
      try {
        await connectOnce(target, store, signal, () => {
          openedAt = Date.now();
          everLive = true;
        });
      } catch (err) {
        failure = err;
      }
      if (signal.aborted) return;
      if (openedAt !== undefined && Date.now() - openedAt >= HEALTHY_MS) attempt = 0;

      // A gap marker only makes sense once there was a stream to have a gap in.
      const lost = (reason: string) => everLive && store.lost(reason);
      if (failure instanceof FatalStreamError) {
        lost(failure.message);
        // A session that vanished while being watched has ended; one that was never found has failed.
        if (everLive && failure.status === 404) {
          store.setConnection({
            state: 'ended',
            reason: 'The session no longer exists: it was deleted or has expired.',
          });
        } else {
          store.setConnection({
            state: 'failed',
            reason: failure.message,
            status: failure.status,
            requestId: failure.requestId,
          });
        }
        await pause(Infinity);
        attempt = 0;
        continue;
      }
      if (failure === undefined && store.endedReason !== undefined) {
        lost(store.endedReason);
        store.setConnection({ state: 'ended', reason: store.endedReason });
        await pause(Infinity);
        store.endedReason = undefined;
        attempt = 0;
        continue;
      }
      const reason =
        failure === undefined
          ? (store.closingReason ?? 'The server closed the stream.')
          : describeFailure(failure, store.closingReason);
      lost(reason);
      const delay = backoffDelay(attempt);
      attempt++;
      store.setConnection({ state: 'reconnecting', retryAt: Date.now() + delay, attempt, reason });
      await pause(delay);
    }
  };
  void loop();
  return { retryNow };
}

/** One connection: resolves when the server ends the stream, throws on any failure. */
async function connectOnce(
  target: LogStreamTarget,
  store: LogStore,
  outer: AbortSignal,
  onOpen: () => void,
): Promise<void> {
  const attempt = new AbortController();
  const abort = () => attempt.abort();
  outer.addEventListener('abort', abort);
  // Set when the watchdog gives up on this attempt, with the reason the console shows.
  let stalled: string | undefined;
  let opened = false;
  const startedAt = Date.now();
  const watchdog = setInterval(() => {
    const now = Date.now();
    if (!opened) {
      // A request that never answers (a proxy holding it, a half-dead connection) must not wait forever.
      if (now - startedAt > CONNECT_TIMEOUT_MS) {
        stalled = `The server did not answer within ${CONNECT_TIMEOUT_MS / 1000} s.`;
        attempt.abort();
      }
      return;
    }
    const last = store.lastFrameAt ?? startedAt;
    // The server speaks at least once per heartbeat interval; twice that in silence is a dead stream.
    const limitMs = Math.max(
      2 * (store.heartbeatSeconds ?? DEFAULT_HEARTBEAT_S) * 1000 + 5_000,
      MIN_STALL_MS,
    );
    if (now - last > limitMs) {
      stalled = `Nothing arrived for ${Math.round((now - last) / 1000)} s, not even a heartbeat: the stream looked stalled.`;
      attempt.abort();
    }
  }, 1000);
  try {
    const session = await getSession(target, attempt.signal);
    const version = session.version_indicator.agent_version;
    const lastId = store.ids.lastId;
    const url = apiUrl(apiPaths.logStream(target.agent, version, target.sessionId));
    store.endedReason = undefined;
    await streamInWorker(
      url,
      {
        accept: 'text/event-stream',
        ...apiHeaders(),
        ...(lastId !== undefined && { 'last-event-id': lastId }),
      },
      store,
      attempt.signal,
      () => {
        opened = true;
        onOpen();
        store.opened();
      },
    );
    if (stalled) throw new RetryableStreamError(stalled);
  } catch (err) {
    if (stalled) throw new RetryableStreamError(stalled);
    throw err;
  } finally {
    clearInterval(watchdog);
    outer.removeEventListener('abort', abort);
    attempt.abort();
  }
}

async function getSession(target: LogStreamTarget, signal: AbortSignal): Promise<AgentSession> {
  try {
    return await apiRequest<AgentSession>(apiPaths.session(target.agent, target.sessionId), { signal });
  } catch (err) {
    if (err instanceof ApiError && FATAL_STATUSES.has(err.status)) {
      throw new FatalStreamError(fatalMessage(err.status, err.message), err.status, err.requestId);
    }
    throw err;
  }
}

/**
 * Runs one connection in a worker (log-stream.worker.ts) and feeds its frames to the store. Resolves
 * when the server ends the stream or `signal` aborts (the worker, and with it the request, is ended);
 * throws what the answer or the failure means.
 */
function streamInWorker(
  url: string,
  headers: Record<string, string>,
  store: LogStore,
  signal: AbortSignal,
  onOpen: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return resolve();
    const worker = new Worker(new URL('./log-stream.worker.ts', import.meta.url), {
      type: 'module',
      name: 'log stream',
    });
    const settle = (err?: Error) => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => settle();
    signal.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<StreamMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'opened':
          return onOpen();
        case 'frames':
          return store.ingest(parseFrames(message.frames));
        case 'ended':
          return settle();
        case 'refused':
          return settle(refusal(message));
        case 'failed':
          return settle(message.network ? new TypeError(message.message) : new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      settle(new Error(event.message || 'The log stream could not be read.'));
    };
    worker.postMessage({ url, headers } satisfies OpenStream);
  });
}

function refusal(answer: Extract<StreamMessage, { type: 'refused' }>): Error {
  const requestId = answer.requestId ?? undefined;
  let message = `The log stream answered ${answer.status}`;
  try {
    const body = JSON.parse(answer.body) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not our error JSON; the status says enough.
  }
  if (answer.ok) {
    return new RetryableStreamError(
      `The server answered with ${answer.contentType ?? 'no content type'}, not an event stream.`,
    );
  }
  if (FATAL_STATUSES.has(answer.status)) {
    return new FatalStreamError(fatalMessage(answer.status, message), answer.status, requestId);
  }
  return new RetryableStreamError(`${message} (HTTP ${answer.status}).`);
}

function fatalMessage(status: number, message: string): string {
  const what =
    status === 401
      ? 'Not signed in: the project refused the credentials'
      : status === 403
        ? 'Not allowed to read this session’s logs'
        : 'Not found';
  return `${what}. ${message}`;
}

function describeFailure(err: unknown, closingReason: string | undefined): string {
  if (closingReason) return closingReason;
  if (err instanceof RetryableStreamError) return err.message;
  if (err instanceof ApiError) return err.status === 0 ? 'The server cannot be reached.' : err.message;
  // fetch rejects with a TypeError when the connection drops or the server is down.
  if (err instanceof TypeError) return 'The connection dropped.';
  return err instanceof Error && err.message ? err.message : 'The connection failed.';
}
