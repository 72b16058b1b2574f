import { useParams } from 'react-router';
import { fileQueries } from '../../features/files/api/file-queries';
import { FileBrowser } from '../../features/files/components/file-browser';
import { LogConsole } from '../../features/logs/components/log-console';
import { SessionPlayground } from '../../features/playground/components/session-playground';
import { sessionQueries } from '../../features/sessions/api/session-queries';

/** The Playground section of the session page, with the session's live logs and files beside it. */
export function SessionPlaygroundSection() {
  const { agentName: agent = '', sessionId = '' } = useParams();
  const key = `${agent}/${sessionId}`;
  return (
    <SessionPlayground
      agent={agent}
      sessionId={sessionId}
      logs={<LogConsole key={key} agent={agent} sessionId={sessionId} mode="tab" />}
      files={<FileBrowser key={key} agent={agent} sessionId={sessionId} />}
      filesQueryKey={fileQueries.session(agent, sessionId)}
      sessionsQueryKey={sessionQueries.agent(agent)}
    />
  );
}
