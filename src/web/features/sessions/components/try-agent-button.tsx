import { useMutation } from '@tanstack/react-query';
import { Play } from 'lucide-react';
import { useNavigate } from 'react-router';
import { InlineApiError } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';
import { useOwnerKey } from '../../../lib/hooks/use-owner-key';
import { paths } from '../../../app/paths';
import { sessionMutations } from '../api/session-queries';

/**
 * "New session and try it": starts a session the way the endpoint would pick its version, and opens
 * its Playground, for a demo that goes from the agent straight to a running conversation.
 */
export function TryAgentButton({ agent, disabled }: { agent: string; disabled?: boolean }) {
  const ownerKey = useOwnerKey();
  const navigate = useNavigate();
  const create = useMutation(sessionMutations.create(agent));
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        onClick={() =>
          create.mutate(
            { ownerKey },
            {
              onSuccess: (session) =>
                void navigate(paths.sessionPlayground.getHref(agent, session.agent_session_id)),
            },
          )
        }
        disabled={disabled || create.isPending}
      >
        <Play aria-hidden="true" />
        {create.isPending ? 'Starting a session…' : 'New session and try it'}
      </Button>
      {create.isError ? <InlineApiError error={create.error} /> : null}
    </div>
  );
}
