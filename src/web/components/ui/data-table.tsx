import type { ComponentProps, ReactNode } from 'react';
import { Table, TableBody, TableCaption, TableFrame, TableHead, TableHeader } from './table';

export interface DataTableColumn {
  /** What the heading says; a node, so a column of buttons can have a heading only screen readers hear. */
  label: ReactNode;
  className?: string;
}

interface DataTableProps extends Omit<ComponentProps<typeof Table>, 'children'> {
  /** Names the table for screen readers; it is not shown. */
  caption: string;
  columns: readonly DataTableColumn[];
  /** Props of the framing card (overflow, busy state, a class hiding it on some screens). */
  frameProps?: ComponentProps<typeof TableFrame>;
  headerClassName?: string;
  /** The rows: `TableRow`s. */
  children: ReactNode;
}

/**
 * A framed table with a hidden caption and one row of column headings above its rows: the setup every
 * list of records (agents, sessions) repeats, so each only says its columns and draws its rows.
 */
export function DataTable({
  caption,
  columns,
  frameProps,
  headerClassName,
  children,
  ...table
}: DataTableProps) {
  return (
    <TableFrame {...frameProps}>
      <Table {...table}>
        <TableCaption>{caption}</TableCaption>
        <TableHeader tone="muted" className={headerClassName}>
          <tr>
            {columns.map((column, i) => (
              // The columns are fixed for a table's life, so their order is their identity.
              <TableHead key={i} className={column.className}>
                {column.label}
              </TableHead>
            ))}
          </tr>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </TableFrame>
  );
}
