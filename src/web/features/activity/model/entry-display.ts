import type { AuditAction, AuditEntry } from '@contract';

/** What each action did, in words; the record makes sure a new action gets its own. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'session.create': 'Create a session',
  'session.stop': 'Stop a session',
  'session.delete': 'Delete a session',
  'file.upload': 'Upload a file',
  'file.delete': 'Delete a file',
  'agent.update': 'Change an agent',
  'agent.enable': 'Enable an agent',
  'agent.disable': 'Disable an agent',
  invocation: 'Call an agent (Invocations)',
  response: 'Call an agent (Responses)',
  'connection.add': 'Add a connection',
  'connection.update': 'Change a connection',
  'connection.remove': 'Remove a connection',
  'connection.test': 'Check a connection',
  'sign-in': 'Sign in',
  'sign-out': 'Sign out',
  'recording.pin': 'Keep recording a session',
  'recording.unpin': 'Stop keeping a recording',
  other: 'Other change',
};

export type OutcomeTone = 'success' | 'destructive' | 'warning';

/** The outcome as a badge says it: "OK 201", "Failed 404 not_found", "Aborted". */
export function outcomeText(entry: AuditEntry): { tone: OutcomeTone; label: string; detail: string } {
  const detail = [entry.status, entry.error_code].filter((part) => part !== undefined).join(' ');
  switch (entry.outcome) {
    case 'ok':
      return { tone: 'success', label: 'OK', detail };
    case 'error':
      return { tone: 'destructive', label: 'Failed', detail };
    case 'aborted':
      return { tone: 'warning', label: 'Aborted', detail: detail || 'the client went away' };
  }
}
