import { useParams } from 'react-router';
import { PanelErrorBoundary } from '../../components/error-boundary';
import { FullWindowFrame } from '../../components/full-window-frame';
import { LogConsole } from '../../features/logs/components/log-console';
import { ThemeSwitch } from '../layout/theme-switch';
import { paths } from '../paths';

function useSessionParams() {
  const { agentName = '', sessionId = '' } = useParams();
  return { agent: agentName, sessionId };
}

/** The Logs section of the session page. */
export function SessionLogsSection() {
  const { agent, sessionId } = useSessionParams();
  return (
    <PanelErrorBoundary title="The log console failed">
      <LogConsole key={`${agent}/${sessionId}`} agent={agent} sessionId={sessionId} mode="tab" />
    </PanelErrorBoundary>
  );
}

/** The same console filling the window, for long reading sessions and wide logs. */
export function SessionLogsFullPage() {
  const { agent, sessionId } = useSessionParams();
  return (
    <FullWindowFrame
      title={`Logs · ${sessionId} · ${agent}`}
      homeHref={paths.home.getHref()}
      back={{ href: paths.sessionLogs.getHref(agent, sessionId), label: 'Session' }}
      heading={
        <>
          <span className="text-muted-foreground">{agent} /</span>{' '}
          <span className="font-mono">{sessionId}</span>
        </>
      }
      actions={<ThemeSwitch />}
    >
      <PanelErrorBoundary title="The log console failed">
        <LogConsole key={`${agent}/${sessionId}`} agent={agent} sessionId={sessionId} mode="full" />
      </PanelErrorBoundary>
    </FullWindowFrame>
  );
}
