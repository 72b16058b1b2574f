import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Unplug } from 'lucide-react';
import { useCallback, useEffect, useRef } from 'react';
import { useParams } from 'react-router';
import { ApiErrorPanel } from '../../components/api-error';
import { EmptyState } from '../../components/ui/empty-state';
import { PanelErrorBoundary } from '../../components/error-boundary';
import { Skeleton } from '../../components/ui/skeleton';
import { agentQueries } from '../../lib/agent-queries';
import { fileQueries } from '../../features/files/api/file-queries';
import { FileBrowser } from '../../features/files/components/file-browser';
import { LogConsole } from '../../features/logs/components/log-console';
import type { PlaygroundProtocol } from '../../features/playground/api/send-request';
import { PlaygroundPanel } from '../../features/playground/components/playground-panel';
import { sessionQueries } from '../../features/sessions/api/session-queries';

const PLAYGROUND_PROTOCOLS: PlaygroundProtocol[] = ['invocations', 'responses'];
/** How often the file list is read again while a request runs, so new files appear as the agent works. */
const FILES_REFRESH_MS = 1500;

/**
 * The Playground section of the session page: send work to the session on the left, and watch its
 * live log console and its files react on the right, so a demo needs no switching between tabs.
 */
export function SessionPlaygroundSection() {
  const { agentName: agent = '', sessionId = '' } = useParams();
  const agentQuery = useQuery(agentQueries.detail(agent));
  const queryClient = useQueryClient();
  const refreshTimer = useRef<ReturnType<typeof setInterval>>(undefined);

  const refreshFiles = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: fileQueries.session(agent, sessionId) }),
    [queryClient, agent, sessionId],
  );
  const onRunning = useCallback(
    (running: boolean) => {
      clearInterval(refreshTimer.current);
      if (running) refreshTimer.current = setInterval(refreshFiles, FILES_REFRESH_MS);
      else {
        refreshFiles();
        // An idle session woken by the request is active again.
        void queryClient.invalidateQueries({ queryKey: sessionQueries.agent(agent) });
      }
    },
    [refreshFiles, queryClient, agent],
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
          <PanelErrorBoundary title="The log console failed">
            <LogConsole key={`${agent}/${sessionId}`} agent={agent} sessionId={sessionId} mode="tab" />
          </PanelErrorBoundary>
        </section>
        <section aria-label="Files">
          <PanelErrorBoundary title="The file browser failed">
            <FileBrowser key={`${agent}/${sessionId}`} agent={agent} sessionId={sessionId} />
          </PanelErrorBoundary>
        </section>
      </div>
    </div>
  );
}
