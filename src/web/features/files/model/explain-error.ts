import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/format';

/**
 * A file operation's failure in words a person can act on. The server's own sentence is kept (it names
 * the file and the rule); the lead-in says what it means here.
 */
export function explainFileError(error: unknown): string {
  const message = errorMessage(error);
  if (!(error instanceof ApiError)) return message;
  switch (error.status) {
    case 0:
      return message;
    case 400:
      return `The server refused the request: ${message}`;
    case 401:
      return `Not signed in to this endpoint: ${message}`;
    case 403:
      return (
        'Not allowed: this session has an owner, and the isolation key in Settings is missing or is not ' +
        `the owner’s. ${message}`
      );
    case 404:
      return `Not found: ${message}`;
    case 409:
      return `Conflict: ${message}`;
    case 413:
      return `Too large for the server: ${message}`;
    default:
      return error.status >= 500 ? `The server failed: ${message}` : message;
  }
}

/** The entry count in the host's "not empty" conflict ("it holds 3 entries"), when it says one. */
export function countInConflict(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const match = /holds (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** The server refused to delete a folder because it is not empty (the recursive flag was not sent). */
export function isNotEmptyConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.param === 'recursive';
}
