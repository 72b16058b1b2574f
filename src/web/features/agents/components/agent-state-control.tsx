import { useMutation } from '@tanstack/react-query';
import { Power, PowerOff } from 'lucide-react';
import { useState } from 'react';
import type { Agent } from '@contract';
import { InlineApiError } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { agentMutations } from '../api/agent-mutations';

/** Enable or disable the agent, each behind a confirmation that says what it does to sessions. */
export function AgentStateControl({ agent }: { agent: Agent }) {
  const [open, setOpen] = useState(false);
  const setState = useMutation(agentMutations.setState());
  const enabled = agent.state === 'enabled';
  const close = () => {
    setOpen(false);
    setState.reset();
  };
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        {enabled ? <PowerOff aria-hidden="true" /> : <Power aria-hidden="true" />}
        {enabled ? 'Disable agent' : 'Enable agent'}
      </Button>
      <ConfirmDialog
        open={open}
        title={enabled ? `Disable ${agent.name}?` : `Enable ${agent.name}?`}
        confirmLabel={enabled ? 'Disable agent' : 'Enable agent'}
        destructive={enabled}
        pending={setState.isPending}
        error={setState.error ? <InlineApiError error={setState.error} /> : null}
        onClose={close}
        onConfirm={() =>
          setState.mutate(
            { agentName: agent.name, state: enabled ? 'disabled' : 'enabled' },
            { onSuccess: close },
          )
        }
      >
        {enabled ? (
          <>
            <p>
              New sessions will be refused while the agent is disabled: creating one answers 409 Conflict.
            </p>
            <p className="text-muted-foreground">
              Sessions that already exist are not stopped. You can enable it again at any time.
            </p>
          </>
        ) : (
          <p>The agent will take new sessions again.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
