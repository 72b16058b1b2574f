import { ArrowUp, FolderUp, RefreshCw, Search, Upload, X } from 'lucide-react';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { cn } from '../../../lib/cn';
import type { OpenVia } from '../hooks/use-folder-navigation';
import type { UploadIntake } from '../hooks/use-upload-intake';
import { FolderBreadcrumbs } from './folder-breadcrumbs';
import { IconAction } from './icon-action';

interface FolderToolbarProps {
  folder: string;
  hrefFor: (folder: string) => string;
  /** Undefined at home. */
  goUp: ((via: OpenVia) => void) | undefined;
  refreshing: boolean;
  onRefresh: () => void;
  filter: string;
  onFilterChange: (filter: string) => void;
  uploads: Pick<UploadIntake, 'notice' | 'dismissNotice' | 'pickFiles' | 'pickFolder'>;
}

/** Where you are and what you can do here: the path, up, refresh, the name filter, and the upload pickers. */
export function FolderToolbar({
  folder,
  hrefFor,
  goUp,
  refreshing,
  onRefresh,
  filter,
  onFilterChange,
  uploads,
}: FolderToolbarProps) {
  return (
    <div className="flex flex-col gap-3">
      <FolderBreadcrumbs folder={folder} hrefFor={hrefFor} />
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
          disabled={refreshing}
          onClick={onRefresh}
        >
          <RefreshCw aria-hidden="true" className={cn(refreshing && 'animate-spin')} />
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
            onChange={(e) => onFilterChange(e.target.value)}
            className="pl-8"
          />
        </div>
        <div className="flex flex-1 justify-end gap-2">
          <Button variant="secondary" onClick={uploads.pickFolder}>
            <FolderUp aria-hidden="true" />
            <span className="max-sm:sr-only">Upload folder</span>
          </Button>
          <Button onClick={uploads.pickFiles}>
            <Upload aria-hidden="true" />
            <span className="max-sm:sr-only">Upload files</span>
          </Button>
        </div>
      </div>
      {uploads.notice ? (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
        >
          <p className="flex-1">{uploads.notice}</p>
          <IconAction icon={X} label="Dismiss message" className="-my-1" onClick={uploads.dismissNotice} />
        </div>
      ) : null}
    </div>
  );
}
