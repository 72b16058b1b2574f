import { Outlet, useMatch, useParams } from 'react-router';
import { SessionTombstone } from '../../features/history/components/session-tombstone';
import { SessionFrame } from '../../features/sessions/components/session-frame';
import { SessionOverview } from '../../features/sessions/components/session-overview';
import { paths } from '../paths';

function useSessionParams() {
  const { agentName = '', sessionId = '' } = useParams();
  return { agent: agentName, sessionId };
}

/** The session's header, actions and section links; the section (overview, files, logs) renders below. */
export function SessionPage() {
  const { agent, sessionId } = useSessionParams();
  // A gone session keeps what the console recorded: its History and Logs sections still show.
  const onHistory = useMatch(paths.sessionHistory.path);
  const onLogs = useMatch(paths.sessionLogs.path);
  const keptSection = Boolean(onHistory ?? onLogs);
  return (
    <SessionFrame
      key={`${agent}/${sessionId}`}
      agent={agent}
      sessionId={sessionId}
      renderNotFound={(notFound) => (
        <SessionTombstone
          agent={agent}
          sessionId={sessionId}
          fallback={notFound}
          section={keptSection ? <Outlet /> : null}
        />
      )}
    >
      <Outlet />
    </SessionFrame>
  );
}

export function SessionOverviewSection() {
  const { agent, sessionId } = useSessionParams();
  return <SessionOverview agent={agent} sessionId={sessionId} />;
}
