import { useMutation, useQuery } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useId, useState } from 'react';
import { ErrorFacts } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';
import { Modal } from '../../../components/ui/modal';
import { Checkbox } from '../../../components/ui/input';
import { fileMutations, fileQueries } from '../api/file-queries';
import { countInConflict, explainFileError, isNotEmptyConflict } from '../model/explain-error';
import { baseName } from '../model/file-paths';
import { FileErrorNote } from './file-error';
import { formatNumber } from '../../../lib/format';

export interface DeleteTarget {
  path: string;
  isDirectory: boolean;
}

interface DeleteDialogProps {
  agent: string;
  sessionId: string;
  target: DeleteTarget | null;
  onClose: () => void;
  onDeleted: (target: DeleteTarget) => void;
}

/**
 * Confirms a delete. A folder is listed first so the dialog can say how much goes with it; a folder
 * that holds anything needs the explicit "delete everything inside" choice, which is what sends the
 * API's recursive flag.
 */
export function DeleteDialog({ target, onClose, ...rest }: DeleteDialogProps) {
  const name = target ? baseName(target.path) : '';
  return (
    <Modal
      open={target !== null}
      title={target?.isDirectory ? `Delete folder “${name}”?` : `Delete “${name}”?`}
      onClose={onClose}
    >
      {/* Keyed so the choice and any error start afresh for each entry. */}
      {target ? <DeleteBody key={target.path} target={target} onClose={onClose} {...rest} /> : null}
    </Modal>
  );
}

function DeleteBody({
  agent,
  sessionId,
  target,
  onClose,
  onDeleted,
}: Omit<DeleteDialogProps, 'target'> & { target: DeleteTarget }) {
  const name = baseName(target.path);
  const checkboxId = useId();
  const [everything, setEverything] = useState(false);
  const count = useQuery({
    ...fileQueries.count(agent, sessionId, target.path),
    enabled: target.isDirectory,
  });
  const remove = useMutation(fileMutations.delete(agent, sessionId));

  const conflictCount = countInConflict(remove.error);
  const notEmptyNow = isNotEmptyConflict(remove.error);
  // Unknown (still counting, or the count failed) counts as "may hold something".
  const holds = !target.isDirectory
    ? 0
    : notEmptyNow
      ? (conflictCount ?? 1)
      : count.data
        ? count.data.count
        : undefined;
  const needsChoice = target.isDirectory && holds !== 0;
  const counting = target.isDirectory && count.isPending && !count.isError;
  const blocked = counting || (needsChoice && !everything) || remove.isPending;

  const confirm = () =>
    remove.mutate(
      { path: target.path, recursive: target.isDirectory && everything },
      {
        onSuccess: () => {
          onDeleted(target);
          onClose();
        },
      },
    );

  return (
    <>
      <div className="space-y-3 text-sm text-foreground/90">
        {!target.isDirectory ? (
          <p>
            <strong className="font-medium break-all">{name}</strong> will be removed from the session’s
            sandbox. This cannot be undone.
          </p>
        ) : counting ? (
          <p role="status" className="text-muted-foreground">
            Looking at what <strong className="font-medium break-all text-foreground">{name}</strong> holds…
          </p>
        ) : count.isError ? (
          <>
            <p>
              What <strong className="font-medium break-all">{name}</strong> holds could not be listed, so it
              is treated as not empty.
            </p>
            <p className="text-xs text-muted-foreground">
              {explainFileError(count.error)} <ErrorFacts error={count.error} />
            </p>
          </>
        ) : holds === 0 ? (
          <p>
            The folder <strong className="font-medium break-all">{name}</strong> is empty. It will be removed
            from the session’s sandbox.
          </p>
        ) : (
          <p>
            The folder <strong className="font-medium break-all">{name}</strong> holds{' '}
            <strong className="font-semibold" data-testid="entry-count">
              {entryCount(holds ?? 0, count.data?.more ?? false)}
            </strong>{' '}
            at its top level; folders among them may hold more.
          </p>
        )}

        {needsChoice && !counting ? (
          <div className="flex items-start gap-3 rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2.5">
            <Checkbox
              id={checkboxId}
              checked={everything}
              onChange={(e) => setEverything(e.target.checked)}
              className="mt-0.5"
            />
            <label htmlFor={checkboxId} className="text-sm">
              <span className="font-medium">Delete everything inside “{name}”</span>
              <span className="block text-xs text-muted-foreground">
                Every file and folder in it goes too. This cannot be undone.
              </span>
            </label>
          </div>
        ) : null}

        {remove.isError ? (
          notEmptyNow ? (
            <div
              role="alert"
              className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
            >
              <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
              <p>
                Nothing was deleted: the folder is not empty
                {conflictCount !== undefined ? ` (it now holds ${entryCount(conflictCount, false)})` : ''}.
                Something was added to it since it was listed. Tick “Delete everything inside” to delete it
                with its contents.
              </p>
            </div>
          ) : (
            <FileErrorNote error={remove.error} />
          )
        ) : null}
      </div>
      <div className="mt-6 flex justify-end gap-2">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- <dialog> reads autofocus to place initial focus on the safe choice */}
        <Button variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="destructive" onClick={confirm} disabled={blocked}>
          {remove.isPending
            ? 'Deleting…'
            : target.isDirectory && needsChoice
              ? 'Delete folder and contents'
              : 'Delete'}
        </Button>
      </div>
    </>
  );
}

function entryCount(n: number, more: boolean): string {
  return `${more ? 'more than ' : ''}${formatNumber(n)} ${n === 1 && !more ? 'entry' : 'entries'}`;
}
