import { useSearchParams } from 'react-router';
import { PanelErrorBoundary } from '../../components/error-boundary';
import { FullWindowFrame } from '../../components/full-window-frame';
import { LogCompare } from '../../features/logs/components/log-compare';
import { readCompareParams } from '../../features/logs/lib/session-ref';
import { ThemeSwitch } from '../layout/theme-switch';
import { paths } from '../paths';

/** Two to four sessions' live logs side by side (`?s=agent/id&s=agent/id`). */
export function LogsComparePage() {
  const [params] = useSearchParams();
  const first = readCompareParams(params.getAll('s')).sessions[0];
  // Back to where a comparison usually starts: the first session's logs.
  const back = first
    ? { href: paths.sessionLogs.getHref(first.agent, first.sessionId), label: first.sessionId }
    : { href: paths.agents.getHref(), label: 'Agents' };
  return (
    <FullWindowFrame
      title="Compare logs"
      homeHref={paths.home.getHref()}
      back={back}
      heading="Compare logs"
      actions={<ThemeSwitch />}
    >
      <PanelErrorBoundary title="The comparison failed">
        <LogCompare />
      </PanelErrorBoundary>
    </FullWindowFrame>
  );
}
