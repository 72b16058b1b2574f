import type { AgentVersion } from '@contract';
import { Badge } from '../../../components/ui/badge';
import { RelativeTime } from '../../../components/ui/relative-time';
import { Skeleton } from '../../../components/ui/skeleton';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TableRowHeader,
} from '../../../components/ui/table';
import { cn } from '../../../lib/cn';
import { formatIdleTimeout, hostedDefinition } from '../model/agent-display';
import { ProtocolList } from './protocol-list';

function protocolsOf(version: AgentVersion): string[] {
  return (hostedDefinition(version)?.protocol_versions ?? []).map((p) => `${p.protocol} ${p.version}`);
}

function StatusBadge({ status }: { status: string | undefined }) {
  if (!status) return <span className="text-muted-foreground">—</span>;
  const variant = /^(active|succeeded|ready)$/i.test(status)
    ? 'success'
    : /fail|error/i.test(status)
      ? 'destructive'
      : 'neutral';
  return <Badge variant={variant}>{status}</Badge>;
}

// Unframed, inside the agent's card: flush left, with the gap between columns on the right.
const HEAD = 'px-0 py-2 pr-4';
const CELL = 'px-0 py-3 pr-4';

interface VersionsTableProps {
  versions: readonly AgentVersion[];
  latest: string;
  /** Share of new sessions each version gets from the endpoint's version selector. */
  traffic: ReadonlyMap<string, number>;
}

/** Every version of the agent: a table on wide screens, a list of cards on narrow ones. */
export function VersionsTable({ versions, latest, traffic }: VersionsTableProps) {
  return (
    <>
      <div className="hidden md:block">
        <Table>
          <TableCaption>Versions</TableCaption>
          <TableHeader>
            <tr className="border-b">
              <TableHead className={HEAD}>Version</TableHead>
              <TableHead className={HEAD}>Created</TableHead>
              <TableHead className={HEAD}>Status</TableHead>
              <TableHead className={HEAD}>CPU / memory</TableHead>
              <TableHead className={HEAD}>Idle timeout</TableHead>
              <TableHead className={cn(HEAD, 'pr-0')}>Protocols</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {versions.map((v) => {
              const def = hostedDefinition(v);
              return (
                <TableRow key={v.id} className="align-top">
                  <TableRowHeader className={cn(CELL, 'font-normal')}>
                    <VersionName version={v} latest={latest} traffic={traffic.get(v.version)} />
                  </TableRowHeader>
                  <TableCell className={cn(CELL, 'whitespace-nowrap text-muted-foreground')}>
                    <RelativeTime seconds={v.created_at} />
                  </TableCell>
                  <TableCell className={CELL}>
                    <StatusBadge status={v.status} />
                  </TableCell>
                  <TableCell className={cn(CELL, 'font-mono text-xs leading-6 whitespace-nowrap')}>
                    {def ? `${def.cpu} CPU · ${def.memory}` : v.definition.kind}
                  </TableCell>
                  <TableCell className={cn(CELL, 'whitespace-nowrap')}>
                    {def ? formatIdleTimeout(def.session_configuration?.idle_timeout_seconds) : '—'}
                  </TableCell>
                  <TableCell className={cn(CELL, 'pr-0')}>
                    <ProtocolList protocols={protocolsOf(v)} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>

      <ul aria-label="Versions" className="divide-y md:hidden">
        {versions.map((v) => {
          const def = hostedDefinition(v);
          return (
            <li key={v.id} className="py-3 first:pt-0 last:pb-0">
              <div className="flex items-center justify-between gap-2">
                <VersionName version={v} latest={latest} traffic={traffic.get(v.version)} />
                <StatusBadge status={v.status} />
              </div>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1.5 text-xs">
                <dt className="text-muted-foreground">Created</dt>
                <dd>
                  <RelativeTime seconds={v.created_at} />
                </dd>
                <dt className="text-muted-foreground">CPU / memory</dt>
                <dd className="font-mono">{def ? `${def.cpu} CPU · ${def.memory}` : v.definition.kind}</dd>
                <dt className="text-muted-foreground">Idle timeout</dt>
                <dd>{def ? formatIdleTimeout(def.session_configuration?.idle_timeout_seconds) : '—'}</dd>
              </dl>
              <div className="mt-2">
                <ProtocolList protocols={protocolsOf(v)} />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function VersionName({
  version,
  latest,
  traffic,
}: {
  version: AgentVersion;
  latest: string;
  traffic?: number;
}) {
  return (
    <span className="flex flex-col gap-1">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-mono font-medium">{version.version}</span>
        {version.version === latest ? <Badge variant="info">Latest</Badge> : null}
        {traffic !== undefined ? <Badge>{traffic}% traffic</Badge> : null}
      </span>
      {version.description ? (
        <span className="max-w-xs text-xs text-muted-foreground">{version.description}</span>
      ) : null}
    </span>
  );
}

export function VersionsTableSkeleton() {
  return (
    <div role="status" aria-label="Loading versions" className="space-y-3">
      {[0, 1].map((i) => (
        <div key={i} className="flex flex-wrap items-center gap-4">
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-5 w-40 rounded-full" />
        </div>
      ))}
    </div>
  );
}
