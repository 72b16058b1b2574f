import { FileText, FolderOpen, type LucideIcon } from 'lucide-react';
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

// Placeholders until the files and logs issues land; they say so rather than pretend.
export function SessionFilesSection() {
  return (
    <ComingNext icon={FolderOpen} title="Files are coming with the next release">
      Browsing, uploading, downloading and deleting the files in this session’s sandbox is the next thing the
      console learns. Until then the files are reachable through the API.
    </ComingNext>
  );
}

export function SessionLogsSection() {
  return (
    <ComingNext icon={FileText} title="Logs are coming with the next release">
      The live log stream of this session (stdout, stderr and platform status lines) comes with the next
      release of the console.
    </ComingNext>
  );
}
