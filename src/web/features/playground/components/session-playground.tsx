import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Unplug } from 'lucide-react';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { ApiErrorPanel } from '../../../components/api-error';
import { PanelErrorBoundary } from '../../../components/error-boundary';
import { EmptyState } from '../../../components/ui/empty-state';
import { Skeleton } from '../../../components/ui/skeleton';
import { agentQueries } from '../../../lib/agent-queries';
import type { PlaygroundProtocol } from '../api/send-request';
import { PlaygroundPanel } from './playground-panel';

const PLAYGROUND_PROTOCOLS: PlaygroundProtocol[] = ['invocations', 'responses'];
/** How often the file list is read again while a request runs, so new files appear as the agent works. */
const FILES_REFRESH_MS = 1500;

/**
 * The Playground section of the session page: send work to the session on the left, and watch its
 * live log console and its files react on the right, so a demo needs no switching between tabs.
 * The console, the file browser and their query keys belong to other features, so the route passes them in.
 */
export function SessionPlayground({
  agent,
  sessionId,
  logs,
  files,
  filesQueryKey,
  sessionsQueryKey,
}: {
  agent: string;
  sessionId: string;
  logs: ReactNode;
  files: ReactNode;
  /** Read again while a request runs and once when it ends, so what the agent writes shows up. */
  filesQueryKey: QueryKey;
  /** Read again when a request ends: an idle session woken by the request is active again. */
  sessionsQueryKey: QueryKey;
}) {
  const agentQuery = useQuery(agentQueries.detail(agent));
  const queryClient = useQueryClient();
  const refreshTimer = useRef<ReturnType<typeof setInterval>>(undefined);

  const refreshFiles = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: filesQueryKey }),
    [queryClient, filesQueryKey],
  );
  const onRunning = useCallback(
    (running: boolean) => {
      clearInterval(refreshTimer.current);
      if (running) refreshTimer.current = setInterval(refreshFiles, FILES_REFRESH_MS);
      else {
        refreshFiles();
        void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
      }
    },
    [refreshFiles, queryClient, sessionsQueryKey],
  );
  useEffect(() => () => clearInterval(refreshTimer.current), []);

  if (agentQuery.isPending) return <Skeleton className="h-40 w-full" />;
  if (agentQuery.isError)
    return <ApiErrorPanel error={agentQuery.error} title="The agent could not be read" />;
  const configured = agentQuery.data.agent_endpoint?.protocol_configuration ?? {};
  const protocols = PLAYGROUND_PROTOCOLS.filter((p) => configured[p] !== undefined && configured[p] !== null);

  return (
    <div className="grid min-w-0 gap-4 xl:grid-cols-2">
      <PanelErrorBoundary title="The playground failed">
        {protocols.length ? (
          <PlaygroundPanel
            key={`${agent}/${sessionId}`}
            agent={agent}
            sessionId={sessionId}
            protocols={protocols}
            onRunningChange={onRunning}
          />
        ) : (
          <EmptyState icon={Unplug} title="This agent serves no protocol the playground can send">
            Turn on Invocations or Responses in the agent&rsquo;s endpoint settings.
          </EmptyState>
        )}
      </PanelErrorBoundary>
      <div className="flex min-w-0 flex-col gap-4">
        <section aria-label="Live logs" className="flex h-[28rem] min-h-0 flex-col">
          <PanelErrorBoundary title="The log console failed">{logs}</PanelErrorBoundary>
        </section>
        <section aria-label="Files">
          <PanelErrorBoundary title="The file browser failed">{files}</PanelErrorBoundary>
        </section>
      </div>
    </div>
  );
}
