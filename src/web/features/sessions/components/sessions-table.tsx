import { LoaderCircle, Square, Trash2 } from 'lucide-react';
import { Link } from 'react-router';
import type { AgentSession } from '@contract';
import { paths } from '../../../app/paths';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { RelativeTime } from '../../../components/ui/relative-time';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { TableCell, TableRow, TableRowHeader } from '../../../components/ui/table';
import { DataTableSkeleton } from '../../../components/ui/table-skeleton';
import { cn } from '../../../lib/cn';
import type { PendingAction } from '../hooks/use-pending-session-actions';
import { StatusBadge } from './status-badge';
import { canDelete, canStop } from '../model/status-info';

interface SessionsTableProps {
  agent: string;
  /** Rows of the page being left, shown until the next page arrives. */
  loading?: boolean;
  sessions: readonly AgentSession[];
  caption: string;
  pending: ReadonlyMap<string, PendingAction>;
  onStop: (sessionId: string) => void;
  onDelete: (sessionId: string) => void;
}

const TH = 'px-3 whitespace-nowrap';
const TD = 'px-3 py-2.5 align-middle whitespace-nowrap';
const COLUMNS: readonly DataTableColumn[] = [
  ...['Session id', 'Status', 'Version', 'Created', 'Last active', 'Expires', 'Stopped'].map((label) => ({
    label,
    className: TH,
  })),
  { label: <span className="sr-only">Actions</span>, className: cn(TH, 'text-right') },
];

/**
 * One row per session. The table keeps its columns and scrolls sideways on a narrow screen, so every
 * field stays where support staff expect it.
 */
export function SessionsTable({
  agent,
  loading,
  sessions,
  caption,
  pending,
  onStop,
  onDelete,
}: SessionsTableProps) {
  return (
    <div>
      <p className="mb-2 text-xs text-muted-foreground sm:hidden">
        Swipe the table sideways for every column.
      </p>
      {/* `relative` makes this the containing block of the visually hidden labels in the cells; without
          it they sit at their static place far right and widen the whole page on a narrow screen. */}
      <DataTable
        caption={caption}
        columns={COLUMNS}
        className="min-w-[60rem] border-collapse"
        headerClassName="border-b"
        frameProps={{
          overflow: 'scroll',
          'aria-busy': loading || undefined,
          className: cn('transition-opacity', loading && 'opacity-60'),
        }}
      >
        {sessions.map((session) => {
          const id = session.agent_session_id;
          const busy = pending.get(id);
          return (
            <TableRow
              key={id}
              interactive
              aria-busy={busy ? true : undefined}
              className={cn(busy && 'bg-muted/40')}
            >
              <TableRowHeader className={cn(TD, 'font-normal')}>
                <span className="flex items-center gap-1">
                  <Link
                    to={paths.session.getHref(agent, id)}
                    className="rounded-sm font-mono text-[13px] font-medium text-primary underline-offset-2 hover:underline"
                  >
                    {id}
                  </Link>
                  <CopyButton value={id} label={`Copy session id ${id}`} className="size-7" />
                </span>
              </TableRowHeader>
              <TableCell className={TD}>
                <StatusBadge status={session.status} />
              </TableCell>
              <TableCell className={cn(TD, 'font-mono text-[13px]')}>
                {session.version_indicator.agent_version}
              </TableCell>
              <TableCell className={cn(TD, 'text-muted-foreground')}>
                <RelativeTime seconds={session.created_at} />
              </TableCell>
              <TableCell className={cn(TD, 'text-muted-foreground')}>
                <RelativeTime seconds={session.last_accessed_at} />
              </TableCell>
              <TableCell className={cn(TD, 'text-muted-foreground')}>
                <RelativeTime seconds={session.expires_at} />
              </TableCell>
              <TableCell className={cn(TD, 'text-muted-foreground')}>
                {session.stopped_at !== undefined ? (
                  <RelativeTime seconds={session.stopped_at} />
                ) : (
                  <>
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">Not stopped</span>
                  </>
                )}
              </TableCell>
              <TableCell className={cn(TD, 'text-right')}>
                {busy ? (
                  <span className="inline-flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
                    <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin" />
                    {busy === 'stop' ? 'Stopping…' : 'Deleting…'}
                  </span>
                ) : (
                  <span className="inline-flex gap-1">
                    <Button
                      variant="ghost"
                      size="sm"
                      className="h-7 px-2"
                      disabled={!canStop(session.status)}
                      onClick={() => onStop(id)}
                      aria-label={`Stop session ${id}`}
                      title="Stop: end its process, keep its files"
                    >
                      <Square aria-hidden="true" />
                      <span className="hidden lg:inline">Stop</span>
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="h-7 px-2 text-destructive hover:bg-destructive/10"
                      disabled={!canDelete(session.status)}
                      onClick={() => onDelete(id)}
                      aria-label={`Delete session ${id}`}
                      title="Delete: remove it with its files and logs"
                    >
                      <Trash2 aria-hidden="true" />
                      <span className="hidden lg:inline">Delete</span>
                    </Button>
                  </span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </DataTable>
    </div>
  );
}

const SKELETON_CELLS = [
  'h-3.5 w-48 rounded',
  'h-5 w-16 rounded-full',
  'hidden h-3.5 w-8 rounded sm:block',
  'hidden h-3.5 w-20 rounded sm:block',
  'hidden h-3.5 w-20 rounded md:block',
  'hidden h-3.5 w-20 rounded md:block',
];

/** The table's shape while the first page loads, so nothing jumps when it arrives. */
export function SessionsTableSkeleton({ rows = 5 }: { rows?: number }) {
  return <DataTableSkeleton rows={rows} cells={SKELETON_CELLS} />;
}
