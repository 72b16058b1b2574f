import type { PlaygroundProtocol } from '../api/send-request';
import { usePlaygroundRun } from '../hooks/use-playground-run';
import { EarlierRequests } from './earlier-requests';
import { HistoryReply, RunningReply } from './reply-view';
import { RequestForm } from './request-form';

interface PlaygroundPanelProps {
  agent: string;
  sessionId: string;
  /** The protocols the agent's endpoint serves; the playground offers only these. */
  protocols: PlaygroundProtocol[];
  /** Told when a request starts and ends, so the page can refresh what the agent may change meanwhile. */
  onRunningChange?: (running: boolean) => void;
}

/**
 * Send a message (or, for invocations, a raw JSON body) to the session and watch the reply arrive,
 * with its status, duration and request id; earlier requests stay listed and can be sent again.
 */
export function PlaygroundPanel({ agent, sessionId, protocols, onRunningChange }: PlaygroundPanelProps) {
  const { history, running, send } = usePlaygroundRun(agent, sessionId, onRunningChange);
  const latest = running ? undefined : history[0];

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <RequestForm
        protocols={protocols}
        running={running !== undefined}
        onSend={(body, protocol, stream) => void send(body, protocol, stream)}
        onCancel={() => running?.controller.abort()}
      />

      <section aria-label="Reply" aria-live="polite" className="rounded-lg border bg-surface p-4 shadow-xs">
        {running ? (
          <RunningReply running={running} />
        ) : latest ? (
          <HistoryReply entry={latest} heading="Reply" />
        ) : (
          <p className="text-sm text-muted-foreground">
            Send a request to see the agent&rsquo;s reply here, with its status, duration and request id.
          </p>
        )}
      </section>

      {history.length > 1 || (history.length === 1 && running) ? (
        <EarlierRequests
          entries={history.slice(running ? 0 : 1)}
          running={running !== undefined}
          onSendAgain={(entry) => void send(entry.body, entry.protocol, entry.stream)}
        />
      ) : null}
    </div>
  );
}
