import { FileText, type LucideIcon } from 'lucide-react';
import { Outlet, useParams } from 'react-router';
import { EmptyState } from '../../components/ui/empty-state';
import { SessionFrame, SessionOverview } from '../../features/sessions/components/session-view';

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

function ComingNext({ icon, title, children }: { icon: LucideIcon; title: string; children: string }) {
  return (
    <EmptyState icon={icon} title={title}>
      {children}
    </EmptyState>
  );
}

// A placeholder until the logs issue lands; it says so rather than pretends.
export function SessionLogsSection() {
  return (
    <ComingNext icon={FileText} title="Logs are coming with the next release">
      The live log stream of this session (stdout, stderr and platform status lines) comes with the next
      release of the console.
    </ComingNext>
  );
}
