import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ChevronsUpDown, Download, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { FileEntry } from '@contract';
import { buttonVariants } from '../../../components/ui/button';
import { RelativeTime } from '../../../components/ui/relative-time';
import { cn } from '../../../lib/cn';
import type { OpenVia } from '../hooks/use-folder-navigation';
import type { SortKey, SortState } from '../model/entries';
import { formatBytes, formatExactBytes } from '../model/format-bytes';
import { FileIcon } from './file-icon';

export const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 40;
/** Rows a PageUp/PageDown moves. */
const PAGE_ROWS = 10;

// One template for header and rows so columns line up; Size and Modified step aside on narrow screens
// (the name cell then shows them on a second line).
const COLUMNS =
  'grid gap-x-4 grid-cols-[minmax(0,1fr)_4.75rem] sm:grid-cols-[minmax(0,1fr)_6rem_4.75rem] md:grid-cols-[minmax(0,1fr)_6rem_8.5rem_4.75rem]';

interface FileGridProps {
  /** The grid's accessible name, e.g. "Files in notes/sub". */
  label: string;
  /** Sorted and filtered; their count is the grid's aria-rowcount. */
  rows: readonly FileEntry[];
  /** The row with the tab stop, by name so it survives re-sorting and new pages. */
  activeName: string | undefined;
  onActiveChange: (name: string) => void;
  previewName: string | undefined;
  sort: SortState;
  onSort: (key: SortKey) => void;
  folderHref: (entry: FileEntry) => string;
  downloadHref: (entry: FileEntry) => string;
  onOpen: (entry: FileEntry, via: OpenVia) => void;
  onDelete: (entry: FileEntry) => void;
  /** Put focus on the active row once rows are there (after opening a folder from the keyboard). */
  focusOnLoad: boolean;
}

/**
 * A folder's entries as an ARIA grid, virtualised so only the rows in view (plus a margin) are in the
 * DOM: thousands of entries scroll as lightly as ten. One row is in the tab order at a time (roving
 * tabindex); arrows move, Enter opens, Delete asks to delete (Backspace, going up, is the listing's).
 */
export function FileGrid(props: FileGridProps) {
  const { rows, activeName, onActiveChange, onOpen, onDelete } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const found = activeName === undefined ? -1 : rows.findIndex((r) => r.name === activeName);
  const activeIndex = found < 0 ? 0 : found;
  const focusPending = useRef(false);

  // The active row always stays rendered, even scrolled out of view, so focus is never lost with it.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < range.count && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this component opts out of memoisation for it.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.name ?? index,
    rangeExtractor,
  });

  /** Focuses the active row; false when it is not rendered (yet). */
  const focusRow = useCallback(() => {
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    row?.focus({ preventScroll: true });
    return row != null;
  }, [activeIndex]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    focusRow();
  }, [focusRow]);

  // The first render has no rows yet (the virtualizer measures its scroll box after mounting), so this
  // tries again once rows are drawn.
  const rendered = virtualizer.getVirtualItems().length;
  const autoFocused = useRef(false);
  useEffect(() => {
    if (!props.focusOnLoad || autoFocused.current || rendered === 0) return;
    autoFocused.current = focusRow();
  }, [props.focusOnLoad, rendered, focusRow]);

  const moveTo = (index: number) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!target) return;
    const next = rows.indexOf(target);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (next === activeIndex) {
      focusRow();
      return;
    }
    focusPending.current = true;
    onActiveChange(target.name);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const entry = rows[activeIndex];
    const onRow = (e.target as HTMLElement).getAttribute('role') === 'row';
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'PageDown':
        moveTo(activeIndex + PAGE_ROWS);
        break;
      case 'PageUp':
        moveTo(activeIndex - PAGE_ROWS);
        break;
      case 'Enter':
        // On a link or button inside the row, Enter does what that control does.
        if (onRow && entry) onOpen(entry, 'keyboard');
        else handled = false;
        break;
      case 'Delete':
        if (entry) onDelete(entry);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const items = virtualizer.getVirtualItems();

  return (
    <div
      ref={scrollRef}
      role="grid"
      // Focusable for the role's sake; the rows inside carry the tab stop.
      tabIndex={-1}
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-colcount={4}
      onKeyDown={onKeyDown}
      className="group/grid relative max-h-[min(65vh,44rem)] min-h-0 overflow-auto overscroll-contain"
    >
      <div
        role="row"
        aria-rowindex={1}
        className={cn(
          COLUMNS,
          'sticky top-0 z-10 h-10 items-center border-b bg-muted/80 px-3 text-xs font-medium text-muted-foreground backdrop-blur supports-[backdrop-filter]:bg-muted/60',
        )}
      >
        <SortHeader label="Name" sortKey="name" sort={props.sort} onSort={props.onSort} />
        <SortHeader
          label="Size"
          sortKey="size"
          sort={props.sort}
          onSort={props.onSort}
          className="hidden justify-end sm:flex"
        />
        <SortHeader
          label="Modified"
          sortKey="modified"
          sort={props.sort}
          onSort={props.onSort}
          className="hidden md:flex"
        />
        <div role="columnheader" className="text-right">
          <span className="sr-only">Actions</span>
        </div>
      </div>
      <div
        role="rowgroup"
        className="relative"
        style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}
      >
        {items.map((item) => {
          const entry = rows[item.index];
          if (!entry) return null;
          const active = item.index === activeIndex;
          return (
            <Row
              key={item.key}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              entry={entry}
              active={active}
              previewing={entry.name === props.previewName}
              folderHref={props.folderHref}
              downloadHref={props.downloadHref}
              onActivate={() => onActiveChange(entry.name)}
              onOpen={(via) => onOpen(entry, via)}
              onDelete={() => onDelete(entry)}
            />
          );
        })}
      </div>
    </div>
  );
}

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: SortKey;
  sort: SortState;
  onSort: (key: SortKey) => void;
  className?: string;
}) {
  const current = sort.key === sortKey;
  const Icon = !current ? ChevronsUpDown : sort.direction === 'asc' ? ArrowUp : ArrowDown;
  return (
    <div
      role="columnheader"
      aria-sort={current ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={cn('flex items-center', className)}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className={cn(
          '-mx-1.5 inline-flex h-7 items-center gap-1 rounded px-1.5 hover:bg-muted hover:text-foreground',
          current && 'text-foreground',
        )}
      >
        {label}
        <Icon aria-hidden="true" className={cn('size-3.5', !current && 'opacity-50')} />
      </button>
    </div>
  );
}

interface RowProps {
  index: number;
  top: number;
  entry: FileEntry;
  active: boolean;
  previewing: boolean;
  folderHref: (entry: FileEntry) => string;
  downloadHref: (entry: FileEntry) => string;
  onActivate: () => void;
  onOpen: (via: OpenVia) => void;
  onDelete: () => void;
}

function Row({
  index,
  top,
  entry,
  active,
  previewing,
  folderHref,
  downloadHref,
  onActivate,
  onOpen,
  onDelete,
}: RowProps) {
  // Controls inside a row are reachable by Tab only in the active row, so Tab leaves the grid quickly.
  const tab = active ? 0 : -1;
  const size = entry.is_directory ? 'Folder' : formatBytes(entry.size);
  const nameClass =
    'min-w-0 truncate rounded-sm text-left underline-offset-2 hover:underline focus-visible:outline-offset-1';
  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the grid handles the keys of every row (arrows, Enter, Delete)
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      aria-label={entry.name}
      data-active={active || undefined}
      data-index={index}
      tabIndex={tab}
      onClick={onActivate}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !active) onActivate();
      }}
      onDoubleClick={() => onOpen('pointer')}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      className={cn(
        COLUMNS,
        'absolute inset-x-0 top-0 items-center border-b border-border/60 px-3 text-sm transition-colors outline-offset-[-2px] hover:bg-muted/50',
        // The active row stands out only while the grid has focus; otherwise it would look selected for nothing.
        'group-focus-within/grid:data-active:bg-muted/70',
        previewing && 'bg-accent hover:bg-accent',
      )}
    >
      <div role="gridcell" className="flex min-w-0 items-center gap-3">
        <FileIcon name={entry.name} isDirectory={entry.is_directory} />
        <span className="flex min-w-0 flex-col">
          {entry.is_directory ? (
            <Link to={folderHref(entry)} tabIndex={tab} className={cn(nameClass, 'font-medium')}>
              {entry.name}
            </Link>
          ) : (
            <button type="button" tabIndex={tab} onClick={() => onOpen('pointer')} className={nameClass}>
              {entry.name}
            </button>
          )}
          <span className="truncate text-xs text-muted-foreground sm:hidden">
            {size} · <RelativeTime seconds={entry.modified_time} />
          </span>
        </span>
      </div>
      <div
        role="gridcell"
        className="hidden text-right text-muted-foreground tabular-nums sm:block"
        title={entry.is_directory ? undefined : formatExactBytes(entry.size)}
      >
        {entry.is_directory ? <span className="text-xs">—</span> : size}
      </div>
      <div role="gridcell" className="hidden truncate text-muted-foreground md:block">
        <RelativeTime seconds={entry.modified_time} />
      </div>
      <div role="gridcell" className="flex justify-end gap-0.5">
        {entry.is_directory ? null : (
          <a
            href={downloadHref(entry)}
            download={entry.name}
            tabIndex={tab}
            aria-label={`Download ${entry.name}`}
            title="Download"
            className={buttonVariants({ variant: 'ghost', size: 'icon', className: 'size-8' })}
          >
            <Download aria-hidden="true" />
          </a>
        )}
        <button
          type="button"
          tabIndex={tab}
          aria-label={`Delete ${entry.name}`}
          title="Delete"
          onClick={(e) => {
            e.stopPropagation();
            onActivate();
            onDelete();
          }}
          className={buttonVariants({
            variant: 'ghost',
            size: 'icon',
            className: 'size-8 text-muted-foreground hover:text-destructive',
          })}
        >
          <Trash2 aria-hidden="true" />
        </button>
      </div>
    </div>
  );
}
