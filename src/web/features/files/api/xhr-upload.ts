import type { UploadResult } from '@contract';
import { ApiError, toApiError } from '../../../lib/api-client';

export interface XhrUploadOptions {
  url: string;
  headers: Record<string, string>;
  body: Blob;
  signal: AbortSignal;
  /** Bytes of the body sent so far. */
  onProgress: (loaded: number) => void;
  /** The XMLHttpRequest to use; tests pass one bound to a jsdom window on the host's origin. */
  XMLHttpRequest?: typeof XMLHttpRequest;
}

/** Thrown when the signal cancels an upload; the queue tells it from a failure by `signal.aborted`. */
class UploadAbortedError extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'AbortError';
  }
}

/**
 * One file as a PUT of its raw bytes. XMLHttpRequest rather than fetch because only XHR reports upload
 * progress; the body is the Blob itself, so the browser streams it from disk and never copies it
 * into page memory. 200 and 201 are both success (Foundry may answer 200, the local host 201).
 */
export function xhrUpload(options: XhrUploadOptions): Promise<UploadResult | undefined> {
  const Xhr = options.XMLHttpRequest ?? XMLHttpRequest;
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new UploadAbortedError());
      return;
    }
    const xhr = new Xhr();
    const abort = () => xhr.abort();
    const done = () => options.signal.removeEventListener('abort', abort);
    options.signal.addEventListener('abort', abort, { once: true });

    xhr.open('PUT', options.url);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(options.headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.addEventListener('progress', (e) => options.onProgress(e.loaded));
    xhr.addEventListener('load', () => {
      done();
      const requestId =
        xhr.getResponseHeader('x-request-id') ?? xhr.getResponseHeader('apim-request-id') ?? undefined;
      if (xhr.status === 200 || xhr.status === 201) {
        options.onProgress(options.body.size);
        resolve(parseResult(xhr.responseText));
      } else {
        reject(toApiError(xhr.status, xhr.responseText, requestId));
      }
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(new UploadAbortedError());
    });
    xhr.addEventListener('error', () => {
      done();
      reject(
        new ApiError(
          0,
          'network_error',
          'The upload did not reach the server, or the connection was cut before it answered.',
          undefined,
        ),
      );
    });
    xhr.send(options.body);
  });
}

function parseResult(text: string): UploadResult | undefined {
  try {
    return text ? (JSON.parse(text) as UploadResult) : undefined;
  } catch {
    // A success without a JSON body (a proxy in between, another server) is still a success.
    return undefined;
  }
}
