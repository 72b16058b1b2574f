import { useParams } from 'react-router';
import { PanelErrorBoundary } from '../../components/error-boundary';
import { HistoryView } from '../../features/history/components/history-view';

/** The History section of a session page: what the console remembers of it, under its header and tabs. */
export function SessionHistorySection() {
  const { agentName = '', sessionId = '' } = useParams();
  return (
    <PanelErrorBoundary title="The history view failed">
      <HistoryView key={`${agentName}/${sessionId}`} agent={agentName} sessionId={sessionId} />
    </PanelErrorBoundary>
  );
}
