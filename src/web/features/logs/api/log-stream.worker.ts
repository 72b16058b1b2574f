/**
 * One log stream connection, off the main thread: `fetchEventSource` opens it and parses its bytes
 * into frames here, each frame's data is parsed into a log entry, and they go to the page in batches. The SSE parser costs a few microseconds
 * per frame (several TextDecoder calls each); at 50,000 lines a second that was most of the page's
 * work. The page decides everything else (what an answer means, retries, the store); it ends the
 * connection by terminating the worker.
 */
import { fetchEventSource, type EventSourceMessage } from '@microsoft/fetch-event-source';
import { packFrames, parseFrame, type PackedFrames, type ParsedFrame } from '../lib/frame';

export interface OpenStream {
  url: string;
  headers: Record<string, string>;
}

export type StreamMessage =
  | { type: 'opened' }
  /** Frames parsed (`packFrames`); `arrived` counts the ones left out as not log lines too. */
  | { type: 'frames'; frames: PackedFrames; arrived: number }
  /** The server answered, but not with an event stream: the page says what that means. */
  | {
      type: 'refused';
      status: number;
      ok: boolean;
      contentType: string | null;
      requestId: string | null;
      body: string;
    }
  /** The server ended the stream. */
  | { type: 'ended' }
  /** The connection failed; `network` when fetch itself failed (dropped, unreachable). */
  | { type: 'failed'; message: string; network: boolean };

/** Frames wait at most this long to go to the page together: one message per batch, not per frame. */
const BATCH_MS = 10;
/**
 * ...and a batch is sent once it is this big, so the page's work on one stays a few milliseconds even
 * when a stream that fell behind arrives as one large chunk (parsed here in one go, timers waiting).
 */
const BATCH_FRAMES = 1000;

// fetchEventSource 2.0 calls window.clearTimeout and, when a stream ends, document.removeEventListener
// even with openWhenHidden (Azure/fetch-event-source#39, open). A worker has neither: its own global
// scope stands in for window, and a document that never changes visibility for document.
const scope = globalThis as { window?: unknown; document?: unknown };
scope.window ??= globalThis;
scope.document ??= { hidden: false, addEventListener: () => {}, removeEventListener: () => {} };

const post = (message: StreamMessage) => self.postMessage(message);

class Refused extends Error {
  constructor(readonly answer: Extract<StreamMessage, { type: 'refused' }>) {
    super(`The log stream answered ${answer.status}`);
  }
}

self.onmessage = (event: MessageEvent<OpenStream>) => void stream(event.data);

async function stream({ url, headers }: OpenStream): Promise<void> {
  let frames: ParsedFrame[] = [];
  let arrived = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (arrived === 0) return;
    post({ type: 'frames', frames: packFrames(frames), arrived });
    frames = [];
    arrived = 0;
  };
  try {
    await fetchEventSource(url, {
      headers,
      // There is no document here; the page decides when to stop.
      openWhenHidden: true,
      onopen: async (response) => {
        const contentType = response.headers.get('content-type');
        if (response.ok && contentType?.startsWith('text/event-stream')) {
          post({ type: 'opened' });
          return;
        }
        throw new Refused({
          type: 'refused',
          status: response.status,
          ok: response.ok,
          contentType,
          requestId: response.headers.get('x-request-id'),
          body: await response.text().catch(() => ''),
        });
      },
      onmessage: (msg: EventSourceMessage) => {
        const parsed = parseFrame(msg);
        if (parsed) frames.push(parsed);
        if (++arrived >= BATCH_FRAMES) flush();
        else timer ??= setTimeout(flush, BATCH_MS);
      },
      onerror: (err: unknown) => {
        // Rethrown so the library stops its own fixed-interval retry; the page backs off instead.
        throw err;
      },
    });
    flush();
    post({ type: 'ended' });
  } catch (err) {
    flush();
    if (err instanceof Refused) post(err.answer);
    else {
      post({
        type: 'failed',
        message: err instanceof Error ? err.message : String(err),
        // fetch rejects with a TypeError when the connection drops or the server is down.
        network: err instanceof TypeError,
      });
    }
  }
}
