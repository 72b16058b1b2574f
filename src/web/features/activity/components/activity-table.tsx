import { Link } from 'react-router';
import type { AuditEntry } from '@contract';
import { paths } from '../../../app/paths';
import { Badge } from '../../../components/ui/badge';
import { CopyButton } from '../../../components/ui/copy-button';
import { DataTable } from '../../../components/ui/data-table';
import { TableCell, TableRow } from '../../../components/ui/table';
import { DataTableSkeleton } from '../../../components/ui/table-skeleton';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatNumber, formatUtc } from '../../../lib/format';
import { ACTION_LABELS, outcomeText } from '../model/entry-display';

const TH = 'px-3 whitespace-nowrap';
const COLUMNS = ['Time', 'Who', 'Connection', 'Action', 'Target', 'Outcome', 'Request id'].map((label) => ({
  label,
  className: TH,
}));
const TD = 'px-3 py-2.5 align-top';
const MONO = 'font-mono text-[13px]';

/** Exact, as a record should be: "52,428,800 bytes". */
const formatBytes = (bytes: number) => `${formatNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;

function Nothing({ what }: { what: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-muted-foreground">
        —
      </span>
      <span className="sr-only">{what}</span>
    </>
  );
}

/**
 * One row per entry, newest first. A session links to its page only when the entry's connection is the
 * one in use: the session page shows the connection in use, and the same id elsewhere is another session.
 */
export function ActivityTable({
  entries,
  caption,
  connection,
  loading,
}: {
  entries: readonly AuditEntry[];
  caption: string;
  /** The connection the console uses now. */
  connection: string | undefined;
  loading?: boolean;
}) {
  return (
    <div>
      <p className="mb-2 text-xs text-muted-foreground sm:hidden">
        Swipe the table sideways for every column.
      </p>
      <DataTable
        caption={caption}
        columns={COLUMNS}
        className="min-w-[64rem] border-collapse"
        headerClassName="border-b"
        frameProps={{
          overflow: 'scroll',
          'aria-busy': loading || undefined,
          className: cn('transition-opacity', loading && 'opacity-60'),
        }}
      >
        {entries.map((entry) => (
          <ActivityRow key={entry.id} entry={entry} connection={connection} />
        ))}
      </DataTable>
    </div>
  );
}

function ActivityRow({ entry, connection }: { entry: AuditEntry; connection: string | undefined }) {
  const time = new Date(entry.time);
  const outcome = outcomeText(entry);
  const linked =
    entry.agent !== undefined && entry.connection !== undefined && entry.connection === connection;
  return (
    <TableRow>
      <TableCell className={cn(TD, 'whitespace-nowrap')}>
        <time dateTime={entry.time} title={formatUtc(time)}>
          {formatDateTime(time)}
        </time>
      </TableCell>
      <TableCell className={TD}>
        {entry.label ? (
          <span className="flex flex-col">
            <span className="font-medium">{entry.label}</span>
            <span className="text-xs text-muted-foreground">
              <span className="sr-only">server user </span>
              {entry.person}
            </span>
          </span>
        ) : (
          <span>{entry.person}</span>
        )}
      </TableCell>
      <TableCell className={cn(TD, MONO)}>{entry.connection ?? <Nothing what="No connection" />}</TableCell>
      <TableCell className={TD}>
        <span className="flex flex-col">
          <span>{ACTION_LABELS[entry.action]}</span>
          <span className={cn(MONO, 'text-xs text-muted-foreground')}>
            {entry.method} {entry.action}
          </span>
        </span>
      </TableCell>
      <TableCell className={cn(TD, MONO, 'max-w-[18rem] break-all')}>
        {entry.agent === undefined && entry.session === undefined && entry.path === undefined ? (
          <Nothing what="No target" />
        ) : (
          <span className="flex flex-col gap-0.5">
            {entry.agent !== undefined ? <span title="Agent">{entry.agent}</span> : null}
            {entry.session !== undefined ? (
              linked ? (
                <Link
                  to={paths.session.getHref(entry.agent!, entry.session)}
                  className="text-primary underline-offset-2 hover:underline"
                  title="Session"
                >
                  {entry.session}
                </Link>
              ) : (
                <span title="Session">{entry.session}</span>
              )
            ) : null}
            {entry.path !== undefined ? (
              <span title="Path" className="text-muted-foreground">
                {entry.path}
              </span>
            ) : null}
            {entry.bytes !== undefined ? (
              <span className="text-xs text-muted-foreground">{formatBytes(entry.bytes)}</span>
            ) : null}
          </span>
        )}
      </TableCell>
      <TableCell className={cn(TD, 'whitespace-nowrap')}>
        <span className="flex flex-col items-start gap-1">
          <Badge variant={outcome.tone} dot>
            {outcome.label}
          </Badge>
          {outcome.detail ? <span className={cn(MONO, 'text-xs')}>{outcome.detail}</span> : null}
        </span>
      </TableCell>
      <TableCell className={cn(TD, MONO, 'text-xs')}>
        {entry.request_id ? (
          <span className="flex items-center gap-1">
            <span className="max-w-[9rem] truncate" title={entry.request_id}>
              {entry.request_id}
            </span>
            <CopyButton
              value={entry.request_id}
              label={`Copy request id ${entry.request_id}`}
              className="size-7"
            />
          </span>
        ) : (
          <Nothing what="No request id" />
        )}
      </TableCell>
    </TableRow>
  );
}

const SKELETON_CELLS = [
  'h-3.5 w-32 rounded',
  'h-3.5 w-24 rounded',
  'hidden h-3.5 w-12 rounded sm:block',
  'h-3.5 w-28 rounded',
  'hidden h-3.5 w-40 rounded md:block',
  'hidden h-5 w-14 rounded-full md:block',
];

/** The table's shape while the first page loads. */
export function ActivityTableSkeleton({ rows = 6 }: { rows?: number }) {
  return <DataTableSkeleton rows={rows} cells={SKELETON_CELLS} />;
}
