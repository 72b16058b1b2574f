import { useParams } from 'react-router';
import { PanelErrorBoundary } from '../../components/error-boundary';
import { FileBrowser } from '../../features/files/components/file-browser';

/** The Files section of a session page: its sandbox's files, under the session's header and tabs. */
export function SessionFilesPage() {
  const { agentName = '', sessionId = '' } = useParams();
  return (
    <PanelErrorBoundary title="The file browser failed">
      <FileBrowser key={`${agentName}/${sessionId}`} agent={agentName} sessionId={sessionId} />
    </PanelErrorBoundary>
  );
}
