import type { AgentVersion } from '../../../../contract';
import { Badge } from '../../../components/ui/badge';
import { RelativeTime } from '../../../components/ui/relative-time';
import { Skeleton } from '../../../components/ui/skeleton';
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
        <table className="w-full text-sm">
          <caption className="sr-only">Versions</caption>
          <thead className="text-left text-xs text-muted-foreground">
            <tr className="border-b">
              <th scope="col" className="py-2 pr-4 font-medium">
                Version
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Created
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                CPU / memory
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Idle timeout
              </th>
              <th scope="col" className="py-2 font-medium">
                Protocols
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {versions.map((v) => {
              const def = hostedDefinition(v);
              return (
                <tr key={v.id} className="align-top">
                  <th scope="row" className="py-3 pr-4 text-left font-normal">
                    <VersionName version={v} latest={latest} traffic={traffic.get(v.version)} />
                  </th>
                  <td className="py-3 pr-4 whitespace-nowrap text-muted-foreground">
                    <RelativeTime seconds={v.created_at} />
                  </td>
                  <td className="py-3 pr-4">
                    <StatusBadge status={v.status} />
                  </td>
                  <td className="py-3 pr-4 font-mono text-xs leading-6 whitespace-nowrap">
                    {def ? `${def.cpu} CPU · ${def.memory}` : v.definition.kind}
                  </td>
                  <td className="py-3 pr-4 whitespace-nowrap">
                    {def ? formatIdleTimeout(def.session_configuration?.idle_timeout_seconds) : '—'}
                  </td>
                  <td className="py-3">
                    <ProtocolList protocols={protocolsOf(v)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
