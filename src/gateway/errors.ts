import type { ConnectionCheck, ErrorBody, ErrorCode, GatewayErrorCode } from '../contract';

/** An answer of the gateway or the connections API itself, with its own status and JSON error body. */
export class GatewayError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: GatewayErrorCode | ErrorCode | 'connection_check_failed',
    message: string,
    readonly param?: string,
    /** Sent beside `error` when adding a connection failed its test call. */
    readonly check?: ConnectionCheck,
  ) {
    super(message);
  }

  body(): ErrorBody & { check?: ConnectionCheck } {
    return {
      error: { code: this.code, message: this.message, ...(this.param && { param: this.param }) },
      ...(this.check && { check: this.check }),
    };
  }
}

export const badRequest = (message: string, param?: string) =>
  new GatewayError(400, 'invalid_request', message, param);
