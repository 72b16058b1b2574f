import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useDropzone } from 'react-dropzone';
import { relativeUploadPath } from '../model/file-paths';
import type { UploadQueue } from '../model/upload-queue';

/**
 * Where files enter the upload queue: a drop anywhere on the Files region, the file picker, and the
 * folder picker, all into the folder on screen. When nothing could be taken, `notice` says why.
 */
export function useUploadIntake(queue: UploadQueue, folder: string) {
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

  return {
    notice,
    dismissNotice: () => setNotice(null),
    isDragActive,
    pickFiles: open,
    pickFolder: () => folderInput.current?.click(),
    /** For the drop region itself. */
    rootProps: (className: string) =>
      getRootProps({
        // react-dropzone makes its root "presentation" unless told otherwise; this one is a named region.
        role: 'region',
        // react-dropzone ignores drops that carry no files (text, a link); say why nothing happened.
        onDrop: (e: DragEvent<HTMLElement>) => {
          if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) {
            setNotice('Only files and folders can be dropped here; the dropped item is not a file.');
          }
        },
        className,
      }),
    fileInputProps: getInputProps({ 'aria-label': 'Choose files to upload' }),
    folderInputProps: {
      ref: (el: HTMLInputElement | null) => {
        folderInput.current = el;
        // Not a React prop: set on the element so the picker chooses a folder and keeps its structure.
        if (el) el.webkitdirectory = true;
      },
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        const files = Array.from(e.target.files ?? []);
        e.target.value = '';
        if (files.length > 0) addFiles(files);
        else setNotice('The chosen folder is empty: nothing to upload.');
      },
    },
  };
}

export type UploadIntake = ReturnType<typeof useUploadIntake>;
