import { useQuery } from '@tanstack/react-query';
import { Bot, RefreshCw, Search, SearchX } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import { Button, buttonVariants } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { Input } from '../../../components/ui/input';
import { PageHeader } from '../../../components/ui/page-header';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { cn } from '../../../lib/cn';
import { useActiveConnection } from '../../../lib/connections';
import { agentQueries } from '../../../lib/agent-queries';
import { AgentsTable, AgentsTableSkeleton } from './agents-table';
import { filterAgents } from '../model/agent-display';
import { paths } from '../../../app/paths';

/**
 * The agents of the connected project: a filter kept in the URL (`?q=`), a refresh, and the table, or
 * why there is nothing to show.
 */
export function AgentList() {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const agents = useQuery(agentQueries.list());
  const active = useActiveConnection();

  const setQuery = (value: string) =>
    // Replace, not push: a history entry per keystroke would make Back useless.
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set('q', value);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );

  const shown = agents.data ? filterAgents(agents.data, q) : [];

  return (
    <>
      <PageHeader
        title="Agents"
        description={
          <>
            Hosted agents on{' '}
            <span className="font-mono text-sm break-all text-foreground">
              {active.connection?.endpoint ?? active.apiBase}
            </span>
            {active.name ? ` (${active.name})` : null}, with their state, versions and protocols.
          </>
        }
      />

      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div className="relative w-full sm:w-80">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <label htmlFor="agents-filter" className="sr-only">
            Filter agents
          </label>
          <Input
            id="agents-filter"
            type="search"
            placeholder="Filter by name or description"
            value={q}
            onChange={(e) => setQuery(e.target.value)}
            className="pl-9"
          />
        </div>
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {agents.data
            ? q
              ? `${shown.length} of ${agents.data.length} agents`
              : `${agents.data.length} ${agents.data.length === 1 ? 'agent' : 'agents'}`
            : null}
        </p>
        <Button
          variant="secondary"
          size="sm"
          className="ml-auto"
          onClick={() => void agents.refetch()}
          disabled={agents.isFetching}
        >
          <RefreshCw aria-hidden="true" className={cn(agents.isFetching && 'animate-spin')} />
          Refresh
        </Button>
      </div>

      {agents.isError ? (
        <RefetchErrorPanel
          query={agents}
          title={
            agents.data ? 'Could not refresh the agents; showing the last list' : 'Could not load the agents'
          }
          className="mb-4"
        >
          <Link to={paths.settings.getHref()} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
            Check the connection
          </Link>
        </RefetchErrorPanel>
      ) : null}

      {agents.data ? (
        agents.data.length === 0 ? (
          <EmptyState icon={Bot} title="No agents on this endpoint">
            <p>
              The project has no agents yet, or the console is connected to another project than you meant.
            </p>
            <Link
              to={paths.settings.getHref()}
              className={buttonVariants({ variant: 'secondary', className: 'mt-5' })}
            >
              Open settings
            </Link>
          </EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState icon={SearchX} title="No agents match the filter">
            <p>
              Nothing has <span className="font-medium text-foreground">“{q}”</span> in its name or
              description.
            </p>
            <Button variant="secondary" className="mt-5" onClick={() => setQuery('')}>
              Clear filter
            </Button>
          </EmptyState>
        ) : (
          <AgentsTable agents={shown} />
        )
      ) : agents.isPending ? (
        <AgentsTableSkeleton />
      ) : null}
    </>
  );
}
