import { ChevronLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { PanelErrorBoundary } from '../../components/error-boundary';
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
      back={{ href: paths.sessionLogs.getHref(agent, sessionId), label: 'Session' }}
      heading={
        <>
          <span className="text-muted-foreground">{agent} /</span>{' '}
          <span className="font-mono">{sessionId}</span>
        </>
      }
    >
      <PanelErrorBoundary title="The log console failed">
        <LogConsole key={`${agent}/${sessionId}`} agent={agent} sessionId={sessionId} mode="full" />
      </PanelErrorBoundary>
    </FullWindowFrame>
  );
}

/** A page without the site header: a slim bar with the way back, then the content filling the rest. */
export function FullWindowFrame({
  title,
  back,
  heading,
  children,
}: {
  title: string;
  back: { href: string; label: string };
  heading: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex h-dvh flex-col bg-background">
      <title>{`${title} · Agent Sessions Console`}</title>
      <header className="flex h-12 shrink-0 items-center gap-3 border-b bg-background/90 px-3 sm:px-4">
        <Link
          to={paths.home.getHref()}
          className="flex shrink-0 items-center rounded-md"
          aria-label="Agent Sessions Console home"
        >
          <img src="/icon.svg" alt="" width={22} height={22} className="size-[22px]" />
        </Link>
        <Link
          to={back.href}
          className="inline-flex h-8 shrink-0 items-center gap-1 rounded-md px-2 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <ChevronLeft aria-hidden="true" className="size-4" />
          {back.label}
        </Link>
        <h1 className="min-w-0 flex-1 truncate text-sm font-semibold">{heading}</h1>
        <ThemeSwitch />
      </header>
      <main id="main" className="flex min-h-0 flex-1 flex-col p-2 sm:p-3">
        {children}
      </main>
    </div>
  );
}
