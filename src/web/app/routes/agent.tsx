import { useQuery } from '@tanstack/react-query';
import { SearchX } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Agent } from '@contract';
import { buttonVariants } from '../../components/ui/button';
import { SectionCard } from '../../components/ui/card';
import { EmptyState } from '../../components/ui/empty-state';
import { PageHeader } from '../../components/ui/page-header';
import { RefetchErrorPanel } from '../../components/refetch-error-panel';
import { Skeleton } from '../../components/ui/skeleton';
import { ApiError } from '../../lib/api-client';
import { agentQueries } from '../../lib/agent-queries';
import { AgentCardForm } from '../../features/agents/components/agent-card-form';
import { AgentStateBadge } from '../../features/agents/components/agent-state-badge';
import { AgentStateControl } from '../../features/agents/components/agent-state-control';
import { EndpointSettingsForm } from '../../features/agents/components/endpoint-settings-form';
import { ProtocolList } from '../../features/agents/components/protocol-list';
import { VersionsTable, VersionsTableSkeleton } from '../../features/agents/components/versions-table';
import { agentDescription, enabledProtocols } from '../../features/agents/model/agent-display';
import { TryAgentButton } from '../../features/sessions/components/try-agent-button';
import { paths } from '../paths';
import { AgentTabs } from './agent-tabs';

export function AgentPage() {
  const { agentName = '' } = useParams();
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
      {agent.data ? <AgentOverview agent={agent.data} /> : agent.isPending ? <OverviewSkeleton /> : null}
    </>
  );
}

function AgentOverview({ agent }: { agent: Agent }) {
  const versions = useQuery(agentQueries.versions(agent.name));
  const rules = agent.agent_endpoint?.version_selector?.version_selection_rules ?? [];
  const traffic = new Map(rules.map((r) => [r.agent_version, r.traffic_percentage]));
  const description = agentDescription(agent);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        {description ? <p className="max-w-prose text-muted-foreground">{description}</p> : <span />}
        <TryAgentButton agent={agent.name} disabled={agent.state === 'disabled'} />
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
