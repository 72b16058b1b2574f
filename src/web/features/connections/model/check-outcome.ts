import type { ConnectionCheck, ConnectionCheckOutcome } from '@contract';

const TITLES: Record<ConnectionCheckOutcome, string> = {
  ok: 'Connection OK',
  unreachable: 'The project cannot be reached',
  timeout: 'No answer in time',
  sign_in_failed: 'Cannot sign in to Azure',
  unauthorized: 'Foundry refused the sign-in token',
  forbidden: 'No role on this project',
  not_a_project: 'Not a Foundry project endpoint',
  upstream_error: 'The project answered with an error',
};

/** A check's outcome as a heading; the check's own message says the rest. */
export function checkTitle(check: Pick<ConnectionCheck, 'outcome'>): string {
  return Object.hasOwn(TITLES, check.outcome) ? TITLES[check.outcome] : 'The check failed';
}

/** The facts to quote in a ticket: the upstream's status and request id, when it answered. */
export function checkFacts(check: ConnectionCheck): string | undefined {
  const facts = [
    check.status !== undefined && `HTTP ${check.status}`,
    check.request_id && `request id ${check.request_id}`,
  ].filter(Boolean);
  return facts.length ? facts.join(' · ') : undefined;
}
