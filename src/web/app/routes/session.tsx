import { Outlet, useParams } from 'react-router';
import { SessionFrame } from '../../features/sessions/components/session-frame';
import { SessionOverview } from '../../features/sessions/components/session-overview';

function useSessionParams() {
  const { agentName = '', sessionId = '' } = useParams();
  return { agent: agentName, sessionId };
}

/** The session's header, actions and section links; the section (overview, files, logs) renders below. */
export function SessionPage() {
  const { agent, sessionId } = useSessionParams();
  return (
    <SessionFrame key={`${agent}/${sessionId}`} agent={agent} sessionId={sessionId}>
      <Outlet />
    </SessionFrame>
  );
}

export function SessionOverviewSection() {
  const { agent, sessionId } = useSessionParams();
  return <SessionOverview agent={agent} sessionId={sessionId} />;
}
