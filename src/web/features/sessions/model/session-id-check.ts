import { SESSION_ID_PATTERN } from '@contract';

const SESSION_ID = new RegExp(SESSION_ID_PATTERN);
const ALLOWED_CHAR = /[A-Za-z0-9_-]/;

const isSessionId = (value: string) => SESSION_ID.test(value);

/**
 * Why a typed session id would be refused, in words, or undefined when it is fine. Names the
 * offending characters, because "does not match ^[A-Za-z0-9_-]{8,128}$" helps nobody.
 */
export function sessionIdProblem(value: string): string | undefined {
  if (isSessionId(value)) return undefined;
  const bad = [...new Set([...value].filter((c) => !ALLOWED_CHAR.test(c)))];
  if (bad.length > 0) {
    const shown = bad.map((c) => (c === ' ' ? 'spaces' : `“${c}”`)).join(', ');
    return `Only letters, digits, “-” and “_” are allowed; remove ${shown}.`;
  }
  if (value.length < 8) return `At least 8 characters, ${value.length} so far.`;
  return `At most 128 characters, ${value.length} so far.`;
}
