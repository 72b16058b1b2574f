import { useQueryClient } from '@tanstack/react-query';
import { RefreshCw, Square, Trash2 } from 'lucide-react';
import { useNavigate } from 'react-router';
import type { AgentSession } from '@contract';
import { paths } from '../../../app/paths';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { cn } from '../../../lib/cn';
import { isTransient, sessionQueries, TRANSIENT_POLL_MS } from '../api/session-queries';
import { usePendingSessionActions } from '../hooks/use-pending-session-actions';
import { useSessionActions } from '../hooks/use-session-actions';
import { canDelete, canStop, STATUS_INFO } from '../model/status-info';
import { DeleteSessionDialog } from './delete-session-dialog';
import { StatusBadge } from './status-badge';
import { StopSessionDialog } from './stop-session-dialog';

/** The session's id and state, what its state means, and refresh, stop and delete. */
export function SessionHeader({
  agent,
  session,
  refreshing,
  onRefresh,
}: {
  agent: string;
  session: AgentSession;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const id = session.agent_session_id;
  const navigate = useNavigate();
  const client = useQueryClient();
  const pending = usePendingSessionActions(agent).get(id);
  const actions = useSessionActions(agent, {
    onDeleted: () => {
      void navigate(paths.sessions.getHref(agent), { replace: true });
      // Gone on the server; a cached copy would only come back as a 404 on the next visit.
      client.removeQueries({ queryKey: sessionQueries.detail(agent, id).queryKey, exact: true });
    },
  });
  const info = STATUS_INFO[session.status];

  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
            Session of {agent}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="font-mono text-xl font-semibold tracking-tight break-all sm:text-2xl">{id}</h1>
            <CopyButton value={id} label="Copy session id" size="sm" className="size-8 px-0" />
            <StatusBadge status={session.status} />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={onRefresh}
            disabled={refreshing}
            aria-label="Refresh now"
            title="Refresh now"
          >
            <RefreshCw aria-hidden="true" className={cn(refreshing && 'animate-spin')} />
          </Button>
          <Button
            variant="secondary"
            disabled={Boolean(pending) || !canStop(session.status)}
            onClick={() => actions.ask('stop', id)}
          >
            <Square aria-hidden="true" />
            {pending === 'stop' ? 'Stopping…' : 'Stop'}
          </Button>
          <Button
            variant="destructive"
            disabled={Boolean(pending) || !canDelete(session.status)}
            onClick={() => actions.ask('delete', id)}
          >
            <Trash2 aria-hidden="true" />
            {pending === 'delete' ? 'Deleting…' : 'Delete'}
          </Button>
        </div>
      </div>
      <div
        className={cn(
          'flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border px-4 py-3 text-sm',
          info.tone === 'danger' ? 'border-destructive/40 bg-destructive/5' : 'bg-surface',
        )}
      >
        <span className="font-medium">{info.label}.</span>
        <span className="text-foreground/85">{info.meaning}</span>
        {isTransient(session.status) ? (
          <span className="text-xs text-muted-foreground">
            Refreshing every {TRANSIENT_POLL_MS / 1000} s until it settles.
          </span>
        ) : null}
      </div>

      <StopSessionDialog agent={agent} actions={actions} />
      <DeleteSessionDialog agent={agent} actions={actions} />
    </header>
  );
}
