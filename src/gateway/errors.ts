import type { ConnectionCheck, ErrorCode, GatewayErrorCode } from '@contract';
import { HttpError } from '../server/errors';

/** The gateway's and the connections API's own errors carry only the codes the contract names for them. */
export const gatewayError = (
  statusCode: number,
  code: GatewayErrorCode | ErrorCode,
  message: string,
  param?: string,
) => new HttpError(statusCode, code, message, param);

export const badRequest = (message: string, param?: string) =>
  gatewayError(400, 'invalid_request', message, param);

/** Adding a connection failed its test call: the answer says so and carries what the check saw. */
export const checkFailed = (message: string, check: ConnectionCheck) =>
  new HttpError(422, 'connection_check_failed', message, 'endpoint', { check });
