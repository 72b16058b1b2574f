import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { cn } from '../../../lib/cn';
import { useOpenedFromKeyboard } from '../hooks/use-folder-navigation';
import { useUploadIntake } from '../hooks/use-upload-intake';
import { useUploadQueue, useUploads } from '../hooks/use-upload-queue';
import { DEFAULT_SORT, nextSort, type SortState } from '../model/entries';
import { normalizeFolder } from '../model/file-paths';
import { DropOverlay } from './drop-overlay';
import { FolderView } from './folder-view';
import { UploadSheet } from './upload-sheet';

interface FileBrowserProps {
  agent: string;
  sessionId: string;
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
  const focusList = useOpenedFromKeyboard();
  const queue = useUploadQueue(agent, sessionId);
  const hasUploads = useUploads(queue, (state) => state.items.length > 0);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const uploads = useUploadIntake(queue, folder);

  return (
    <section
      aria-label="Files"
      // Room below the listing while the upload sheet is up, so it can be scrolled clear of the sheet.
      {...uploads.rootProps(cn('relative space-y-4 outline-none', hasUploads && 'pb-72'))}
    >
      <input {...uploads.fileInputProps} />
      <input
        {...uploads.folderInputProps}
        type="file"
        multiple
        hidden
        aria-label="Choose a folder to upload"
      />

      <FolderView
        key={folder}
        agent={agent}
        sessionId={sessionId}
        folder={folder}
        previewName={previewName}
        sort={sort}
        onSort={(key) => setSort((s) => nextSort(s, key))}
        focusOnLoad={focusList}
        uploads={uploads}
      />

      {uploads.isDragActive ? <DropOverlay folder={folder} /> : null}

      <UploadSheet queue={queue} />
    </section>
  );
}
