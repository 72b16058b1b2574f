import { ConfirmDialog } from '../../../components/confirm-dialog';
import type { SessionActions } from '../hooks/use-session-actions';
import { SessionActionError } from './session-action-error';
import { SessionIdText } from './session-text';

/** Asks before stopping a session, on its page and in the list alike; `actions` says which session. */
export function StopSessionDialog({ agent, actions }: { agent: string; actions: SessionActions }) {
  const { asking, dialogError } = actions;
  return (
    <ConfirmDialog
      open={asking?.action === 'stop'}
      title="Stop session?"
      confirmLabel="Stop session"
      pending={actions.stop.isPending}
      error={dialogError ? <SessionActionError error={dialogError} /> : undefined}
      onConfirm={actions.confirm}
      onClose={actions.close}
    >
      <p>
        Session <SessionIdText id={asking?.sessionId} /> of {agent} stops its agent process and becomes idle.
      </p>
      <p className="text-muted-foreground">Its files are kept; the next call to the session resumes it.</p>
    </ConfirmDialog>
  );
}
