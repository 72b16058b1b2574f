import type { ErrorBody } from '@contract';

/**
 * An answer with its own status and the contract's JSON error body, thrown by the host API, the gateway
 * and the console alike; anything else thrown becomes a 500 whose internals the client never sees.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    /** Members sent beside `error` (the gateway's failed connection check sends its `check`). */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.param && { param: this.param }) },
      ...this.extra,
    };
  }
}

const failures = new WeakMap<object, Error>();

/** Keeps what made a request fail with a 5xx, for the one line the server logs when it answers. */
export function noteFailure(request: object, error: Error): void {
  failures.set(request, error);
}

export function failureOf(request: object): Error | undefined {
  return failures.get(request);
}
