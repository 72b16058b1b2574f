import { FolderOpen, SearchX } from 'lucide-react';
import { Link } from 'react-router';
import type { FileEntry } from '@contract';
import { ApiErrorPanel } from '../../../components/api-error';
import { Button, buttonVariants } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { Kbd } from '../../../components/ui/kbd';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { Skeleton } from '../../../components/ui/skeleton';
import { ApiError } from '../../../lib/api-client';
import { errorMessage, formatNumber } from '../../../lib/format';
import { fileContentUrl } from '../api/file-content';
import type { FolderListingState } from '../hooks/use-folder-listing';
import type { OpenVia } from '../hooks/use-folder-navigation';
import { listingSummary, type SortKey, type SortState } from '../model/entries';
import { baseName, joinPath, parentOf } from '../model/file-paths';
import { folderHref } from '../model/folder-href';
import { FileGrid, ROW_HEIGHT } from './file-grid';

interface FolderListingProps {
  agent: string;
  sessionId: string;
  folder: string;
  listing: FolderListingState;
  /** The entries sorted and filtered, as the grid shows them. */
  rows: readonly FileEntry[];
  filter: string;
  onClearFilter: () => void;
  activeName: string | undefined;
  onActiveChange: (name: string) => void;
  previewName: string | undefined;
  sort: SortState;
  onSort: (key: SortKey) => void;
  onOpen: (entry: FileEntry, via: OpenVia) => void;
  onDelete: (entry: FileEntry) => void;
  focusOnLoad: boolean;
}

/** A folder's entries, or why there are none: loading, empty, nothing matches the filter, or an error. */
export function FolderListing(props: FolderListingProps) {
  const { agent, sessionId, folder, listing, rows, filter } = props;
  const { list, entries } = listing;
  if (list.isPending) return <ListingSkeleton />;
  if (list.isError && !list.data)
    return <ListingError agent={agent} sessionId={sessionId} folder={folder} listing={listing} />;
  return (
    <>
      {list.isRefetchError ? (
        <RefetchErrorPanel
          query={list}
          title="Refreshing failed; showing what loaded before"
          className="m-3"
        />
      ) : null}
      {list.isFetchNextPageError ? (
        <ApiErrorPanel
          error={list.error}
          title={`Loading more entries failed after ${formatNumber(entries.length)}`}
          className="m-3"
        >
          <Button variant="secondary" size="sm" onClick={() => void list.fetchNextPage()}>
            Load the rest
          </Button>
        </ApiErrorPanel>
      ) : null}
      {entries.length === 0 && !list.isFetching ? (
        <EmptyState icon={FolderOpen} title="This folder is empty" className="m-3 border-dashed">
          Drop files or a folder here, or use{' '}
          <span className="font-medium text-foreground">Upload files</span>.
        </EmptyState>
      ) : rows.length === 0 && filter ? (
        <EmptyState icon={SearchX} title="No names match" className="m-3">
          <p>
            Nothing in this folder has “<span className="break-all text-foreground">{filter}</span>” in its
            name.
          </p>
          <Button variant="secondary" size="sm" className="mt-4" onClick={props.onClearFilter}>
            Clear the filter
          </Button>
        </EmptyState>
      ) : (
        <FileGrid
          label={folder ? `Files in ${folder}` : 'Files in Home'}
          rows={rows}
          activeName={props.activeName}
          onActiveChange={props.onActiveChange}
          previewName={props.previewName}
          sort={props.sort}
          onSort={props.onSort}
          folderHref={(entry) => folderHref(agent, sessionId, joinPath(folder, entry.name))}
          downloadHref={(entry) => fileContentUrl(agent, sessionId, joinPath(folder, entry.name))}
          onOpen={props.onOpen}
          onDelete={props.onDelete}
          focusOnLoad={props.focusOnLoad}
        />
      )}
    </>
  );
}

/** How many entries there are (and how many the filter shows), and the keys the listing answers to. */
export function ListingFooter({
  listing,
  shown,
  filter,
}: {
  listing: FolderListingState;
  shown: number;
  filter: string;
}) {
  const { list, entries, complete } = listing;
  return (
    <footer className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-t bg-muted/30 px-3 py-2 text-xs text-muted-foreground">
      <p role="status" data-state={complete ? 'complete' : 'loading'} data-count={entries.length}>
        {list.isPending ? 'Loading…' : listingSummary(entries, shown, filter, complete)}
      </p>
      <p className="hidden md:block" aria-hidden="true">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>Backspace</Kbd> up · <Kbd>Delete</Kbd>{' '}
        delete
      </p>
    </footer>
  );
}

function ListingError({
  agent,
  sessionId,
  folder,
  listing: { list },
}: Pick<FolderListingProps, 'agent' | 'sessionId' | 'folder' | 'listing'>) {
  const error = list.error;
  const status = error instanceof ApiError ? error.status : undefined;
  const home = folderHref(agent, sessionId, '');
  if (status === 404 && folder) {
    return (
      <EmptyState icon={SearchX} title="There is no such folder" className="m-3">
        <p>
          The session home has no folder <span className="font-mono break-all text-foreground">{folder}</span>
          . It may have been deleted or renamed.
        </p>
        <p className="mt-2 text-xs">Server: {errorMessage(error)}</p>
        <Link to={home} className={buttonVariants({ variant: 'secondary', size: 'sm', className: 'mt-4' })}>
          Go to Home
        </Link>
      </EmptyState>
    );
  }
  if (status === 400 && folder && /is a file/.test(errorMessage(error))) {
    return (
      <EmptyState icon={FolderOpen} title="That is a file, not a folder" className="m-3">
        <p>
          <span className="font-mono break-all text-foreground">{folder}</span> is a file.
        </p>
        <Link
          to={folderHref(agent, sessionId, parentOf(folder), baseName(folder))}
          className={buttonVariants({ variant: 'secondary', size: 'sm', className: 'mt-4' })}
        >
          Show it in its folder
        </Link>
      </EmptyState>
    );
  }
  return (
    <RefetchErrorPanel query={list} title="The folder could not be listed" className="m-3">
      {folder ? (
        <Link to={home} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
          Go to Home
        </Link>
      ) : null}
    </RefetchErrorPanel>
  );
}

function ListingSkeleton() {
  return (
    <div aria-hidden="true">
      <div className="h-10 border-b bg-muted/50" />
      {Array.from({ length: 6 }, (_, i) => (
        <div
          key={i}
          className="flex items-center gap-3 border-b border-border/60 px-3"
          style={{ height: ROW_HEIGHT }}
        >
          <Skeleton className="size-4" />
          <Skeleton className="h-3.5" style={{ width: `${30 + ((i * 17) % 40)}%` }} />
        </div>
      ))}
    </div>
  );
}
