import { ChevronRight } from 'lucide-react';
import { Link } from 'react-router';
import type { Agent } from '@contract';
import { paths } from '../../../app/paths';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { TableCell, TableRow, TableRowHeader } from '../../../components/ui/table';
import { TableSkeleton } from '../../../components/ui/table-skeleton';
import { agentDescription, enabledProtocols } from '../model/agent-display';
import { AgentStateBadge } from './agent-state-badge';
import { ProtocolList } from './protocol-list';

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Name', className: 'w-[22%]' },
  { label: 'State', className: 'w-[11%]' },
  { label: 'Latest', className: 'w-[9%]' },
  { label: 'Protocols', className: 'w-[22%]' },
  { label: 'Description' },
];

/**
 * The agents as a table on wide screens and as a list of cards on narrow ones. Both are rendered and
 * one is hidden by CSS, which keeps real table semantics (a table squeezed into blocks loses them).
 */
export function AgentsTable({ agents }: { agents: readonly Agent[] }) {
  return (
    <>
      <DataTable
        caption="Agents"
        columns={COLUMNS}
        layout="fixed"
        frameProps={{ className: 'hidden md:block' }}
      >
        {agents.map((agent) => (
          <TableRow key={agent.id} interactive className="align-middle">
            <TableRowHeader>
              <Link
                to={paths.agent.getHref(agent.name)}
                className="rounded-sm break-all text-primary underline-offset-4 hover:underline"
              >
                {agent.name}
              </Link>
            </TableRowHeader>
            <TableCell>
              <AgentStateBadge state={agent.state} />
            </TableCell>
            <TableCell className="font-mono text-xs leading-6">{agent.versions.latest.version}</TableCell>
            <TableCell>
              <ProtocolList protocols={enabledProtocols(agent)} />
            </TableCell>
            <TableCell className="text-muted-foreground">
              <p className="line-clamp-2">{agentDescription(agent) ?? '—'}</p>
            </TableCell>
          </TableRow>
        ))}
      </DataTable>

      <ul className="space-y-3 md:hidden" aria-label="Agents">
        {agents.map((agent) => (
          <li key={agent.id} className="relative rounded-lg border bg-surface p-4 shadow-xs">
            <div className="flex items-start justify-between gap-3">
              <Link
                to={paths.agent.getHref(agent.name)}
                className="min-w-0 font-medium break-all text-primary after:absolute after:inset-0 after:rounded-lg"
              >
                {agent.name}
              </Link>
              <ChevronRight aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
              <AgentStateBadge state={agent.state} />
              <span>
                Latest <span className="font-mono text-foreground">{agent.versions.latest.version}</span>
              </span>
            </div>
            {agentDescription(agent) ? (
              <p className="mt-2 line-clamp-3 text-sm text-muted-foreground">{agentDescription(agent)}</p>
            ) : null}
            <div className="mt-3">
              <ProtocolList protocols={enabledProtocols(agent)} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The shape of the table before the data arrives, so nothing jumps when it does. */
export function AgentsTableSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <TableSkeleton
      role="status"
      aria-label="Loading agents"
      rows={rows}
      headerClassName="px-4 py-3"
      headerCell="h-3 w-48"
      rowClassName="flex-wrap gap-4 px-4 py-4"
      cells={['h-4 w-32', 'h-5 w-20 rounded-full', 'h-4 w-8', 'h-5 w-40 rounded-full', 'h-4 min-w-24 flex-1']}
    />
  );
}
