import type { ErrorCode } from '@contract';
import { SIGN_IN_REQUIRED } from '../server/access';
import { HttpError } from '../server/errors';

export { HttpError };

/** The host's own errors carry only the codes the contract names. */
const hostError = (statusCode: number, code: ErrorCode, message: string, param?: string) =>
  new HttpError(statusCode, code, message, param);

export const badRequest = (message: string, param?: string) =>
  hostError(400, 'invalid_request', message, param);
export const notFound = (message: string) => hostError(404, 'not_found', message);
export const conflict = (message: string, param?: string) => hostError(409, 'conflict', message, param);
export const unauthorized = () => hostError(401, 'unauthorized', SIGN_IN_REQUIRED);
export const forbidden = (message: string) => hostError(403, 'session_not_accessible', message);
export const tooLarge = (message: string) => hostError(413, 'payload_too_large', message);
export const notReady = (message: string) => hostError(424, 'session_not_ready', message);
export const shuttingDown = (message: string) => hostError(503, 'service_unavailable', message);
