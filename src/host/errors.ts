import type { ErrorCode } from '../contract';
import { SIGN_IN_REQUIRED } from './access';

/** An error the host answers with its own status and JSON error body; anything else becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, param?: string) =>
  new HttpError(400, 'invalid_request', message, param);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string, param?: string) => new HttpError(409, 'conflict', message, param);
export const unauthorized = () => new HttpError(401, 'unauthorized', SIGN_IN_REQUIRED);
export const forbidden = (message: string) => new HttpError(403, 'session_not_accessible', message);
export const tooLarge = (message: string) => new HttpError(413, 'payload_too_large', message);
export const notReady = (message: string) => new HttpError(424, 'session_not_ready', message);
