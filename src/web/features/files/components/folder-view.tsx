import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FileEntry } from '@contract';
import { cn } from '../../../lib/cn';
import { isTypingTarget } from '../../../lib/hooks/use-hotkey';
import { fileContentUrl } from '../api/file-content';
import { useFolderListing } from '../hooks/use-folder-listing';
import { useFolderNavigation, type OpenVia } from '../hooks/use-folder-navigation';
import type { UploadIntake } from '../hooks/use-upload-intake';
import { arrangeEntries, type SortKey, type SortState } from '../model/entries';
import { baseName, joinPath } from '../model/file-paths';
import { DeleteDialog, type DeleteTarget } from './delete-dialog';
import { FolderListing, ListingFooter } from './folder-listing';
import { FolderToolbar } from './folder-toolbar';
import { PreviewPanel } from './preview-panel';

interface FolderViewProps {
  agent: string;
  sessionId: string;
  folder: string;
  previewName: string | undefined;
  sort: SortState;
  onSort: (key: SortKey) => void;
  /** Opened from the keyboard: focus goes into the listing once it is drawn. */
  focusOnLoad: boolean;
  uploads: UploadIntake;
}

/** One folder: keyed by its path, so the filter, the active row and the dialogs start afresh in each. */
export function FolderView(props: FolderViewProps) {
  const { agent, sessionId, folder, previewName, sort, focusOnLoad } = props;
  const listing = useFolderListing(agent, sessionId, folder);
  const { list, entries } = listing;
  const nav = useFolderNavigation(agent, sessionId, folder);
  const [filter, setFilter] = useState('');
  const [activeName, setActiveName] = useState<string>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const listingRef = useRef<HTMLDivElement>(null);

  const emptyOrMissing = (list.isSuccess && entries.length === 0) || (list.isError && !list.data);
  // Opened from the keyboard with no row to land on (empty or missing folder): focus the listing
  // itself, so Backspace still goes back up.
  useEffect(() => {
    if (focusOnLoad && emptyOrMissing) listingRef.current?.focus();
  }, [focusOnLoad, emptyOrMissing]);

  const rows = useMemo(() => arrangeEntries(entries, sort, filter), [entries, sort, filter]);
  const preview =
    previewName === undefined ? undefined : entries.find((e) => e.name === previewName && !e.is_directory);

  const focusActiveRow = () =>
    listingRef.current?.querySelector<HTMLElement>('[role="row"][tabindex="0"]')?.focus();
  const open = (entry: FileEntry, via: OpenVia) => {
    setActiveName(entry.name);
    if (entry.is_directory) nav.goTo(joinPath(folder, entry.name), via);
    else nav.showPreview(entry.name);
  };
  const closePreview = () => {
    nav.closePreview();
    focusActiveRow();
  };
  const onListingKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
    if (e.key === 'Backspace' && nav.goUp) {
      e.preventDefault();
      nav.goUp('keyboard');
    } else if (e.key === 'Escape' && preview) {
      e.preventDefault();
      closePreview();
    }
  };

  return (
    <>
      <FolderToolbar
        folder={folder}
        hrefFor={(target) => nav.href(target)}
        goUp={nav.goUp}
        refreshing={list.isFetching}
        onRefresh={() => void list.refetch()}
        filter={filter}
        onFilterChange={setFilter}
        uploads={props.uploads}
      />

      <div
        className={cn(
          'grid items-start gap-4',
          preview && 'lg:grid-cols-[minmax(0,1fr)_minmax(18rem,26rem)]',
        )}
      >
        {/* Backspace and Escape work anywhere in the listing, also when it has no rows to focus. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- keys bubble here from the grid and empty states */}
        <div
          ref={listingRef}
          role="region"
          aria-label="Folder contents"
          tabIndex={-1}
          onKeyDown={onListingKeyDown}
          className="min-w-0 overflow-hidden rounded-lg border bg-surface shadow-xs focus-visible:outline-offset-0"
        >
          <FolderListing
            agent={agent}
            sessionId={sessionId}
            folder={folder}
            listing={listing}
            rows={rows}
            filter={filter}
            onClearFilter={() => setFilter('')}
            activeName={activeName}
            onActiveChange={setActiveName}
            previewName={previewName}
            sort={sort}
            onSort={props.onSort}
            onOpen={open}
            onDelete={(entry) =>
              setDeleting({ path: joinPath(folder, entry.name), isDirectory: entry.is_directory })
            }
            focusOnLoad={focusOnLoad}
          />
          <ListingFooter listing={listing} shown={rows.length} filter={filter} />
        </div>
        {preview ? (
          <div className="max-lg:order-first">
            <PreviewPanel
              agent={agent}
              sessionId={sessionId}
              entry={preview}
              path={joinPath(folder, preview.name)}
              downloadHref={fileContentUrl(agent, sessionId, joinPath(folder, preview.name))}
              onClose={closePreview}
            />
          </div>
        ) : null}
      </div>

      <DeleteDialog
        agent={agent}
        sessionId={sessionId}
        target={deleting}
        onClose={() => {
          setDeleting(null);
          focusActiveRow();
        }}
        onDeleted={(target) => {
          if (baseName(target.path) === previewName) nav.closePreview();
        }}
      />
    </>
  );
}
