import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Modal } from '../../../components/ui/modal';
import { Checkbox } from '../../../components/ui/input';
import { baseName, keepBothName, parentOf } from '../model/file-paths';
import type { ConflictDecision, UploadItem } from '../model/upload-items';

interface ConflictDialogProps {
  /** Every file waiting for a decision; the dialog asks about the first. */
  conflicts: readonly UploadItem[];
  onDecide: (id: string, decision: ConflictDecision, applyToAll: boolean) => void;
}

/**
 * Asks what to do about a name that is already taken: replace it, skip this file, or keep both (the
 * new one renamed). With several conflicts, "apply to all" answers them in one go.
 */
export function ConflictDialog({ conflicts, onDecide }: ConflictDialogProps) {
  const first = conflicts[0];
  // Kept here, not per file: ticked, it answers every conflict at once, so no later file sees it stale.
  const [all, setAll] = useState(false);
  return (
    <Modal
      open={first !== undefined}
      title="A file with this name already exists"
      // Escape means "not this one": the safe answer, never a replace.
      onClose={() => first && onDecide(first.id, 'skip', all)}
    >
      {first ? (
        <ConflictBody
          key={first.id}
          item={first}
          total={conflicts.length}
          anyFolder={conflicts.some((c) => c.conflict === 'folder')}
          all={all}
          onAllChange={setAll}
          onDecide={onDecide}
        />
      ) : null}
    </Modal>
  );
}

function ConflictBody({
  item,
  total,
  anyFolder,
  all,
  onAllChange,
  onDecide,
}: {
  item: UploadItem;
  total: number;
  anyFolder: boolean;
  all: boolean;
  onAllChange: (all: boolean) => void;
  onDecide: ConflictDialogProps['onDecide'];
}) {
  const checkboxId = useId();
  const name = baseName(item.path);
  const folder = parentOf(item.path);
  const isFolder = item.conflict === 'folder';
  const decide = (decision: ConflictDecision) => onDecide(item.id, decision, all);
  // Only a hint: the queue picks the actual free name when the choice is made.
  const copyName = keepBothName(name, new Set([name]));
  return (
    <div>
      <div className="space-y-3 text-sm text-foreground/90">
        <p>
          {isFolder ? 'A folder' : 'A file'} named <strong className="font-medium break-all">{name}</strong>{' '}
          is already in <strong className="font-medium break-all">{folder || 'Home'}</strong>.
        </p>
        <p className="text-muted-foreground">
          {isFolder
            ? 'A file cannot replace a folder: keep both to upload it under a new name, or skip it.'
            : `Replace it with the file you are uploading, skip this file, or keep both (the new one as “${copyName}”).`}
        </p>
        {total > 1 ? (
          <div className="flex items-center gap-2 pt-1">
            <Checkbox id={checkboxId} checked={all} onChange={(e) => onAllChange(e.target.checked)} />
            <label htmlFor={checkboxId}>
              Apply to all {total} conflicts
              {anyFolder && !isFolder ? (
                <span className="text-muted-foreground"> (a folder in the way is never replaced)</span>
              ) : null}
            </label>
          </div>
        ) : null}
      </div>
      <div className="mt-6 flex flex-wrap justify-end gap-2">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- <dialog> reads autofocus; the safe choice gets it */}
        <Button variant="secondary" onClick={() => decide('skip')} autoFocus>
          Skip
        </Button>
        <Button variant="secondary" onClick={() => decide('keep-both')}>
          Keep both
        </Button>
        {isFolder ? null : (
          <Button variant="destructive" onClick={() => decide('replace')}>
            Replace
          </Button>
        )}
      </div>
    </div>
  );
}
