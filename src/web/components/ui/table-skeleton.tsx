import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';
import { Skeleton } from './skeleton';

interface TableSkeletonProps extends ComponentProps<'div'> {
  rows: number;
  /** The classes of one row's placeholders, left to right; every row repeats them. */
  cells: readonly string[];
  /** Spacing of a row, to match the real table's rows. */
  rowClassName?: string;
  /** Sizes the header strip to the real table's header. */
  headerClassName?: string;
  /** The classes of a placeholder in the header strip, when it has one. */
  headerCell?: string;
}

/** A framed table's shape (header strip and rows) before its data arrives, so nothing jumps when it does. */
export function TableSkeleton({
  rows,
  cells,
  rowClassName,
  headerClassName,
  headerCell,
  className,
  ...props
}: TableSkeletonProps) {
  return (
    <div className={cn('rounded-lg border bg-surface shadow-xs', className)} {...props}>
      <div className={cn('border-b bg-muted/50', headerClassName)}>
        {headerCell ? <Skeleton className={headerCell} /> : null}
      </div>
      <div className="divide-y">
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className={cn('flex items-center', rowClassName)}>
            {cells.map((cell, i) => (
              <Skeleton key={i} className={cell} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * A `DataTable`'s shape before its rows arrive: its header strip, and rows spaced as its cells are. Hidden
 * from screen readers; the page says it is loading in words of its own.
 */
export function DataTableSkeleton({ rows, cells }: Pick<TableSkeletonProps, 'rows' | 'cells'>) {
  return (
    <TableSkeleton
      aria-hidden="true"
      className="overflow-hidden"
      rows={rows}
      headerClassName="h-10"
      rowClassName="gap-6 px-3 py-3.5"
      cells={cells}
    />
  );
}
