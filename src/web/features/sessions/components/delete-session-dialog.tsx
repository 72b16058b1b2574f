import { ConfirmDialog } from '../../../components/confirm-dialog';
import type { SessionActions } from '../hooks/use-session-actions';
import { SessionActionError } from './session-action-error';
import { SessionIdText } from './session-text';

/** Asks before deleting a session, on its page and in the list alike; `actions` says which session. */
export function DeleteSessionDialog({ agent, actions }: { agent: string; actions: SessionActions }) {
  const { asking, dialogError } = actions;
  return (
    <ConfirmDialog
      open={asking?.action === 'delete'}
      title="Delete session?"
      confirmLabel="Delete session"
      destructive
      pending={actions.remove.isPending}
      error={dialogError ? <SessionActionError error={dialogError} /> : undefined}
      onConfirm={actions.confirm}
      onClose={actions.close}
    >
      <p>
        Session <SessionIdText id={asking?.sessionId} /> of {agent} will be deleted.
      </p>
      <p className="text-muted-foreground">
        Its agent process is ended and its files and logs go with it. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
