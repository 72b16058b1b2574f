import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import {
  ArrowUp,
  CloudUpload,
  FolderOpen,
  FolderUp,
  RefreshCw,
  Search,
  SearchX,
  Upload,
  X,
} from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useDropzone } from 'react-dropzone';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { FileEntry, FileList } from '../../../../contract';
import { ApiErrorPanel } from '../../../components/ui/api-error';
import { Button, buttonVariants } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { Input } from '../../../components/ui/input';
import { RefetchErrorPanel } from '../../../components/ui/refetch-error-panel';
import { Skeleton } from '../../../components/ui/skeleton';
import { ApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { errorMessage } from '../../../lib/format';
import { fileContentUrl } from '../api/file-content';
import { fileQueries } from '../api/file-queries';
import { useUploadQueue, useUploads } from '../hooks/use-upload-queue';
import { arrangeEntries, DEFAULT_SORT, type SortKey, type SortState } from '../lib/entries';
import { baseName, joinPath, normalizeFolder, parentOf, relativeUploadPath } from '../lib/file-paths';
import { folderHref } from '../lib/folder-href';
import type { UploadQueue } from '../lib/upload-queue';
import { ConflictDialog } from './conflict-dialog';
import { DeleteDialog, type DeleteTarget } from './delete-dialog';
import { FileGrid, ROW_HEIGHT, type OpenVia } from './file-grid';
import { FolderBreadcrumbs } from './folder-breadcrumbs';
import { LeaveGuard } from './leave-guard';
import { PreviewPanel } from './preview-panel';
import { UploadPanel } from './upload-panel';

interface FileBrowserProps {
  agent: string;
  sessionId: string;
}

/** Set in the navigation state when a folder was opened from the keyboard, so focus lands in the new listing. */
interface FolderNavState {
  focusList?: boolean;
}

/**
 * The Files tab of a session: the folder named in the URL (`?path=notes/sub`, a file's preview as
 * `&file=`), its entries, a preview beside them, and uploads by drop or picker into the folder on screen.
 * The upload queue lives here, above the folder, so moving between folders never interrupts it.
 */
export function FileBrowser({ agent, sessionId }: FileBrowserProps) {
  const [params] = useSearchParams();
  const folder = normalizeFolder(params.get('path'));
  const previewName = params.get('file') ?? undefined;
  const location = useLocation();
  const focusList = (location.state as FolderNavState | null)?.focusList === true;
  const queue = useUploadQueue(agent, sessionId);
  const hasUploads = useUploads(queue, (state) => state.items.length > 0);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [notice, setNotice] = useState<string | null>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);

  const addFiles = (files: readonly File[]) => {
    setNotice(null);
    void queue.add(
      files.map((file) => ({ body: file, relativePath: relativeUploadPath(file) })),
      folder,
    );
  };

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted) => {
      if (accepted.length > 0) addFiles(accepted);
      else
        setNotice('Nothing to upload: the dropped folder is empty, or what was dropped could not be read.');
    },
    // The listing stays clickable; the picker opens from the Upload buttons only.
    noClick: true,
    noKeyboard: true,
    useFsAccessApi: false,
  });

  const onSort = (key: SortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'name' ? 'asc' : 'desc' },
    );

  return (
    <section
      aria-label="Files"
      {...getRootProps({
        // react-dropzone makes its root "presentation" unless told otherwise; this one is a named region.
        role: 'region',
        // react-dropzone ignores drops that carry no files (text, a link); say why nothing happened.
        onDrop: (e: DragEvent<HTMLElement>) => {
          if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) {
            setNotice('Only files and folders can be dropped here; the dropped item is not a file.');
          }
        },
        // Room below the listing while the upload sheet is up, so it can be scrolled clear of the sheet.
        className: cn('relative space-y-4 outline-none', hasUploads && 'pb-72'),
      })}
    >
      <input {...getInputProps({ 'aria-label': 'Choose files to upload' })} />
      <input
        ref={(el) => {
          folderInput.current = el;
          // Not a React prop: set on the element so the picker chooses a folder and keeps its structure.
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        multiple
        hidden
        aria-label="Choose a folder to upload"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) addFiles(files);
          else setNotice('The chosen folder is empty: nothing to upload.');
        }}
      />

      <FolderView
        key={folder}
        agent={agent}
        sessionId={sessionId}
        folder={folder}
        previewName={previewName}
        sort={sort}
        onSort={onSort}
        focusOnLoad={focusList}
        onUploadFiles={open}
        onUploadFolder={() => folderInput.current?.click()}
        notice={notice}
        onDismissNotice={() => setNotice(null)}
      />

      {isDragActive ? <DropOverlay folder={folder} /> : null}

      <Uploads queue={queue} />
    </section>
  );
}

/**
 * The upload sheet, the questions about names already taken, and the guard against leaving: the parts
 * that follow every progress tick, so the listing beside them does not re-render with each.
 */
function Uploads({ queue }: { queue: UploadQueue }) {
  const state = useUploads(queue);
  return (
    <>
      <UploadPanel
        state={state}
        onCancel={(id) => queue.cancel(id)}
        onCancelAll={() => queue.cancelAll()}
        onRetry={(id) => queue.retry(id)}
        onRetryFailed={() => queue.retryFailed()}
        onDismiss={(id) => queue.dismiss(id)}
        onClear={() => queue.clearFinished()}
      />
      <ConflictDialog
        conflicts={state.items.filter((i) => i.status === 'conflict')}
        onDecide={(id, decision, all) => queue.resolveConflict(id, decision, all)}
      />
      <LeaveGuard busy={state.totals.busy} onLeave={() => queue.cancelAll()} />
    </>
  );
}

interface FolderViewProps extends FileBrowserProps {
  folder: string;
  previewName: string | undefined;
  sort: SortState;
  onSort: (key: SortKey) => void;
  focusOnLoad: boolean;
  onUploadFiles: () => void;
  onUploadFolder: () => void;
  notice: string | null;
  onDismissNotice: () => void;
}

/** One folder: keyed by its path, so the filter, the active row and the dialogs start afresh in each. */
function FolderView(props: FolderViewProps) {
  const { agent, sessionId, folder, previewName, sort } = props;
  const navigate = useNavigate();
  const list = useInfiniteQuery(fileQueries.list(agent, sessionId, folder));
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = list;
  const [filter, setFilter] = useState('');
  const [activeName, setActiveName] = useState<string>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const listingRef = useRef<HTMLDivElement>(null);

  // Every page, one after another, each shown as it arrives: the first rows are on screen after one
  // round trip however big the folder is.
  useEffect(() => {
    if (hasNextPage && !isFetching && !isFetchNextPageError) void fetchNextPage();
  }, [hasNextPage, isFetching, isFetchNextPageError, fetchNextPage]);

  const entries = useMemo(() => list.data?.pages.flatMap((p) => p.entries) ?? [], [list.data]);
  const emptyOrMissing = (list.isSuccess && entries.length === 0) || (list.isError && !list.data);

  // Opened from the keyboard with no row to land on (empty or missing folder): focus the listing
  // itself, so Backspace still goes back up.
  useEffect(() => {
    if (props.focusOnLoad && emptyOrMissing) listingRef.current?.focus();
  }, [props.focusOnLoad, emptyOrMissing]);
  const rows = useMemo(() => arrangeEntries(entries, sort, filter), [entries, sort, filter]);
  const preview =
    previewName === undefined ? undefined : entries.find((e) => e.name === previewName && !e.is_directory);
  const complete = list.isSuccess && !hasNextPage;

  const href = (target: string, file?: string) => folderHref(agent, sessionId, target, file);
  const goTo = (target: string, via: OpenVia) =>
    void navigate(href(target), { state: { focusList: via === 'keyboard' } satisfies FolderNavState });
  const goUp = folder ? (via: OpenVia) => goTo(parentOf(folder), via) : undefined;
  const focusActiveRow = () =>
    listingRef.current?.querySelector<HTMLElement>('[role="row"][tabindex="0"]')?.focus();

  const open = (entry: FileEntry, via: OpenVia) => {
    setActiveName(entry.name);
    if (entry.is_directory) goTo(joinPath(folder, entry.name), via);
    else void navigate(href(folder, entry.name), { replace: true });
  };
  const closePreview = () => {
    void navigate(href(folder), { replace: true });
    focusActiveRow();
  };

  return (
    <>
      <div className="flex flex-col gap-3">
        <FolderBreadcrumbs folder={folder} hrefFor={(target) => href(target)} />
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            size="icon"
            aria-label="Up one folder"
            title="Up one folder (Backspace)"
            disabled={!goUp}
            onClick={() => goUp?.('pointer')}
          >
            <ArrowUp aria-hidden="true" />
          </Button>
          <Button
            variant="secondary"
            size="icon"
            aria-label="Refresh"
            title="Refresh"
            disabled={list.isFetching}
            onClick={() => void list.refetch()}
          >
            <RefreshCw aria-hidden="true" className={cn(list.isFetching && 'animate-spin')} />
          </Button>
          <div className="relative min-w-40 flex-1 sm:max-w-xs">
            <Search
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
            />
            <Input
              type="search"
              aria-label="Filter by name"
              placeholder="Filter by name"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className="pl-8"
            />
          </div>
          <div className="flex flex-1 justify-end gap-2">
            <Button variant="secondary" onClick={props.onUploadFolder}>
              <FolderUp aria-hidden="true" />
              <span className="max-sm:sr-only">Upload folder</span>
            </Button>
            <Button onClick={props.onUploadFiles}>
              <Upload aria-hidden="true" />
              <span className="max-sm:sr-only">Upload files</span>
            </Button>
          </div>
        </div>
        {props.notice ? (
          <div
            role="alert"
            className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
          >
            <p className="flex-1">{props.notice}</p>
            <Button
              variant="ghost"
              size="icon"
              className="-my-1 size-7"
              aria-label="Dismiss message"
              onClick={props.onDismissNotice}
            >
              <X aria-hidden="true" />
            </Button>
          </div>
        ) : null}
      </div>

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
          onKeyDown={(e) => {
            if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
            if (e.key === 'Backspace' && goUp) {
              e.preventDefault();
              goUp('keyboard');
            } else if (e.key === 'Escape' && preview) {
              e.preventDefault();
              closePreview();
            }
          }}
          className="min-w-0 overflow-hidden rounded-lg border bg-surface shadow-xs focus-visible:outline-offset-0"
        >
          <Listing
            {...props}
            list={list}
            entries={entries}
            rows={rows}
            filter={filter}
            onClearFilter={() => setFilter('')}
            activeName={activeName}
            onActiveChange={setActiveName}
            onOpen={open}
            onDelete={(entry) =>
              setDeleting({ path: joinPath(folder, entry.name), isDirectory: entry.is_directory })
            }
          />
          <footer className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-t bg-muted/30 px-3 py-2 text-xs text-muted-foreground">
            <p role="status" data-state={complete ? 'complete' : 'loading'} data-count={entries.length}>
              {list.isPending ? 'Loading…' : statusText(entries, rows.length, filter, complete)}
            </p>
            <p className="hidden md:block" aria-hidden="true">
              <Kbd>↑</Kbd> <Kbd>↓</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>Backspace</Kbd> up ·{' '}
              <Kbd>Delete</Kbd> delete
            </p>
          </footer>
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
          if (baseName(target.path) === previewName) void navigate(href(folder), { replace: true });
        }}
      />
    </>
  );
}

interface ListingProps extends FolderViewProps {
  list: UseInfiniteQueryResult<InfiniteData<FileList>>;
  entries: readonly FileEntry[];
  rows: readonly FileEntry[];
  filter: string;
  onClearFilter: () => void;
  activeName: string | undefined;
  onActiveChange: (name: string) => void;
  onOpen: (entry: FileEntry, via: OpenVia) => void;
  onDelete: (entry: FileEntry) => void;
}

function Listing(props: ListingProps) {
  const { agent, sessionId, folder, list, entries, rows, filter } = props;
  if (list.isPending) return <ListingSkeleton />;
  if (list.isError && !list.data) return <ListingError {...props} />;
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
          title={`Loading more entries failed after ${entries.length.toLocaleString('en-US')}`}
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

function ListingError({ agent, sessionId, folder, list }: ListingProps) {
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

function DropOverlay({ folder }: { folder: string }) {
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none absolute inset-0 z-20 flex items-center justify-center rounded-xl border-2 border-dashed border-primary bg-primary/10 backdrop-blur-[2px]"
    >
      <div className="flex flex-col items-center gap-3 rounded-xl bg-surface/95 px-8 py-6 text-center shadow-lg">
        <div className="flex size-14 items-center justify-center rounded-full bg-primary/15 text-primary">
          <CloudUpload className="size-7" />
        </div>
        <p className="text-base font-semibold">Drop to upload</p>
        <p className="max-w-64 text-sm text-muted-foreground">
          into <span className="font-medium break-all text-foreground">{folder || 'Home'}</span>; dropped
          folders keep their structure
        </p>
      </div>
    </div>
  );
}

function isTextField(target: EventTarget): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

function Kbd({ children }: { children: string }) {
  return (
    <kbd className="rounded border bg-surface px-1 py-px font-sans text-[11px] text-foreground/80 shadow-xs">
      {children}
    </kbd>
  );
}

function statusText(entries: readonly FileEntry[], shown: number, filter: string, complete: boolean): string {
  const n = entries.length;
  const folders = entries.filter((e) => e.is_directory).length;
  const parts = [`${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'}`];
  if (complete && folders > 0)
    parts.push(`${folders.toLocaleString('en-US')} ${folders === 1 ? 'folder' : 'folders'}`);
  if (filter.trim()) parts.push(`${shown.toLocaleString('en-US')} shown`);
  if (!complete) parts.push('loading more…');
  return parts.join(' · ');
}
