/**
 * One log stream connection, off the main thread: `fetchEventSource` opens it and parses its bytes
 * into frames here, and the frames go to the page in batches (`parseFrames` reads them there). The
 * SSE parser costs a few microseconds per frame (two decodes per line); at 50,000 lines a second it
 * was most of the page's work. The page decides everything else (what an answer means, retries, the
 * store, reading each frame's data, which it has time for); it ends the connection by terminating
 * the worker.
 */
import { fetchEventSource, type EventSourceMessage } from '@microsoft/fetch-event-source';
import { AsciiFirstDecoder } from '../lib/ascii-first-decoder';

export interface OpenStream {
  url: string;
  headers: Record<string, string>;
}

export type StreamMessage =
  | { type: 'opened' }
  /** The id, event and data of each frame in turn. */
  | { type: 'frames'; frames: string[] }
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

// fetchEventSource decodes the field name and the value of every line with its own TextDecoder, six
// native calls per log frame: half this worker's time in a flood. It creates that decoder from this
// scope when a stream opens, and nothing else here decodes text, so the faster one stands in for all.
globalThis.TextDecoder = AsciiFirstDecoder;

const post = (message: StreamMessage) => self.postMessage(message);

class Refused extends Error {
  constructor(readonly answer: Extract<StreamMessage, { type: 'refused' }>) {
    super(`The log stream answered ${answer.status}`);
  }
}

self.onmessage = (event: MessageEvent<OpenStream>) => void stream(event.data);

async function stream({ url, headers }: OpenStream): Promise<void> {
  let frames: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (frames.length === 0) return;
    post({ type: 'frames', frames });
    frames = [];
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
        frames.push(msg.id, msg.event, msg.data);
        if (frames.length >= 3 * BATCH_FRAMES) flush();
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
