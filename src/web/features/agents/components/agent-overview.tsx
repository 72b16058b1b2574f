import { useQuery } from '@tanstack/react-query';
import { SearchX } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Agent } from '@contract';
import { paths } from '../../../app/paths';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { buttonVariants } from '../../../components/ui/button';
import { SectionCard } from '../../../components/ui/card';
import { EmptyState } from '../../../components/ui/empty-state';
import { PageHeader } from '../../../components/ui/page-header';
import { Skeleton } from '../../../components/ui/skeleton';
import { agentQueries } from '../../../lib/agent-queries';
import { ApiError } from '../../../lib/api-client';
import { agentDescription, enabledProtocols } from '../model/agent-display';
import { AgentCardForm } from './agent-card-form';
import { AgentStateBadge } from './agent-state-badge';
import { AgentStateControl } from './agent-state-control';
import { AgentTabs } from './agent-tabs';
import { EndpointSettingsForm } from './endpoint-settings-form';
import { ProtocolList } from './protocol-list';
import { VersionsTable, VersionsTableSkeleton } from './versions-table';

interface AgentOverviewProps {
  agentName: string;
  /** The way to try the agent, which another feature (sessions) owns, so the route passes it in. */
  tryIt: (agent: Agent) => ReactNode;
}

/**
 * An agent's Overview tab: its header and tabs, its state, versions, endpoint and card, or a page
 * saying it does not exist.
 */
export function AgentOverview({ agentName, tryIt }: AgentOverviewProps) {
  const agent = useQuery(agentQueries.detail(agentName));

  if (agent.error instanceof ApiError && agent.error.status === 404 && !agent.data) {
    return <AgentNotFound agentName={agentName} />;
  }

  return (
    <>
      <AgentTabs agentName={agentName} current="overview" />
      {agent.isError ? (
        <RefetchErrorPanel
          query={agent}
          title={
            agent.data ? 'Could not refresh the agent; showing what was loaded' : 'Could not load the agent'
          }
          className="mb-6"
        />
      ) : null}
      {agent.data ? (
        <OverviewBody agent={agent.data} tryIt={tryIt} />
      ) : agent.isPending ? (
        <OverviewSkeleton />
      ) : null}
    </>
  );
}

function OverviewBody({ agent, tryIt }: { agent: Agent; tryIt: (agent: Agent) => ReactNode }) {
  const versions = useQuery(agentQueries.versions(agent.name));
  const rules = agent.agent_endpoint?.version_selector?.version_selection_rules ?? [];
  const traffic = new Map(rules.map((r) => [r.agent_version, r.traffic_percentage]));
  const description = agentDescription(agent);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        {description ? <p className="max-w-prose text-muted-foreground">{description}</p> : <span />}
        {tryIt(agent)}
      </div>

      <dl className="grid gap-px overflow-hidden rounded-lg border bg-border shadow-xs sm:grid-cols-2 lg:grid-cols-4">
        <SummaryTile label="State">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <AgentStateBadge state={agent.state} />
            <AgentStateControl agent={agent} />
          </div>
        </SummaryTile>
        <SummaryTile label="Latest version">
          <span className="font-mono text-base font-semibold">{agent.versions.latest.version}</span>
        </SummaryTile>
        <SummaryTile label="Traffic">
          {rules.length === 0 ? (
            <span className="text-sm">All to the latest version</span>
          ) : (
            <span className="text-sm">
              {rules.map((r) => `v${r.agent_version} ${r.traffic_percentage}%`).join(' · ')}
            </span>
          )}
        </SummaryTile>
        <SummaryTile label="Protocols">
          <ProtocolList protocols={enabledProtocols(agent)} />
        </SummaryTile>
      </dl>

      <SectionCard title="Versions" description="Every version of the agent, newest first.">
        {versions.data ? (
          <VersionsTable versions={versions.data} latest={agent.versions.latest.version} traffic={traffic} />
        ) : versions.isError ? (
          <RefetchErrorPanel query={versions} title="Could not load the versions" />
        ) : (
          <VersionsTableSkeleton />
        )}
        {versions.data && versions.isError ? (
          <RefetchErrorPanel query={versions} title="Could not refresh the versions" className="mt-4" />
        ) : null}
      </SectionCard>

      <SectionCard
        title="Endpoint"
        description="Which version new sessions get, the protocols the endpoint serves and how callers authorize."
      >
        <EndpointSettingsForm agent={agent} versions={versions.data} />
      </SectionCard>

      <SectionCard
        title="Agent card"
        description="What the agent advertises about itself: its skills, with examples."
      >
        <AgentCardForm agent={agent} />
      </SectionCard>
    </div>
  );
}

function SummaryTile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-2 bg-surface px-4 py-3.5">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function OverviewSkeleton() {
  return (
    <div role="status" aria-label="Loading the agent" className="space-y-6">
      <Skeleton className="h-5 w-2/3" />
      <Skeleton className="h-20 w-full rounded-lg" />
      <Skeleton className="h-48 w-full rounded-lg" />
      <Skeleton className="h-64 w-full rounded-lg" />
    </div>
  );
}

function AgentNotFound({ agentName }: { agentName: string }) {
  return (
    <>
      <PageHeader title="Agent not found" />
      <EmptyState icon={SearchX} title={`There is no agent named “${agentName}”`}>
        <p>
          It may have been deleted, or the console is connected to another project than the one it lives in.
        </p>
        <Link
          to={paths.agents.getHref()}
          className={buttonVariants({ variant: 'secondary', className: 'mt-5' })}
        >
          Back to agents
        </Link>
      </EmptyState>
    </>
  );
}
