import { useQuery } from '@tanstack/react-query';
import { ChevronLeft } from 'lucide-react';
import { Link } from 'react-router';
import { Skeleton } from '../../../components/ui/skeleton';
import { cn } from '../../../lib/cn';
import { agentQueries } from '../../../lib/agent-queries';
import { AgentStateBadge } from './agent-state-badge';
import { paths } from '../../../app/paths';

export type AgentTab = 'overview' | 'sessions';

interface AgentTabsProps {
  agentName: string;
  current: AgentTab;
}

const TABS: readonly { id: AgentTab; label: string; href: (agentName: string) => string }[] = [
  { id: 'overview', label: 'Overview', href: paths.agent.getHref },
  { id: 'sessions', label: 'Sessions', href: paths.sessions.getHref },
];

/**
 * The head of every agent page: a way back to Agents, the agent's name (the page's h1) with its state,
 * and the tabs between its pages. It reads the agent itself, so a page using it needs nothing else for
 * the header; when the agent cannot be read the header still shows the name from the URL.
 */
export function AgentTabs({ agentName, current }: AgentTabsProps) {
  const agent = useQuery(agentQueries.detail(agentName));
  const tabLabel = TABS.find((t) => t.id === current)?.label ?? '';
  return (
    <div className="mb-6 sm:mb-8">
      <title>{`${agentName} · ${tabLabel} · Agent Sessions Console`}</title>
      <Link
        to={paths.agents.getHref()}
        className="-ml-1 inline-flex items-center gap-1 rounded-md px-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ChevronLeft aria-hidden="true" className="size-4" />
        Agents
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-all">{agentName}</h1>
        {agent.data ? (
          <>
            <AgentStateBadge state={agent.data.state} />
            <span className="text-sm text-muted-foreground">
              Latest version{' '}
              <span className="font-medium text-foreground">{agent.data.versions.latest.version}</span>
            </span>
          </>
        ) : agent.isPending ? (
          <Skeleton className="h-5 w-40" />
        ) : null}
      </div>
      <nav aria-label="Agent pages" className="mt-5 border-b">
        <ul className="-mb-px flex gap-1">
          {TABS.map((tab) => {
            const active = tab.id === current;
            return (
              <li key={tab.id}>
                <Link
                  to={tab.href(agentName)}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    'relative flex h-10 items-center rounded-t-md px-3 text-sm font-medium transition-colors focus-visible:outline-offset-[-4px]',
                    'after:absolute after:inset-x-2 after:bottom-0 after:h-0.5 after:rounded-full',
                    active
                      ? 'text-foreground after:bg-primary'
                      : 'text-muted-foreground hover:text-foreground',
                  )}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
