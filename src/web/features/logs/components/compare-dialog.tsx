import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { Modal } from '../../../components/ui/modal';
import { FieldError } from '../../../components/ui/field';
import { Input } from '../../../components/ui/input';
import { routePatterns } from '../../../app/paths';
import { parseSessionLink } from '../../../lib/session-link';
import type { SessionRef } from '../lib/session-ref';

/**
 * Asks which session to put next to the ones in view. Takes a bare session id (same agent), agent/id,
 * or a pasted link to any session page.
 */
export function CompareDialog({
  open,
  currentAgent,
  existing,
  onClose,
  onPick,
  title = 'Compare with another session',
}: {
  open: boolean;
  currentAgent: string;
  existing: readonly SessionRef[];
  onClose: () => void;
  onPick: (ref: SessionRef) => void;
  title?: string;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const inputId = useId();
  const close = () => {
    setText('');
    setProblem(undefined);
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ref = parseSessionLink(text, routePatterns, currentAgent);
    if ('problem' in ref) return setProblem(ref.problem);
    if (existing.some((s) => s.agent === ref.agent && s.sessionId === ref.sessionId)) {
      return setProblem('That session is already in view.');
    }
    setText('');
    setProblem(undefined);
    onPick(ref);
  };
  return (
    <Modal open={open} title={title} onClose={close}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <div className="space-y-1.5">
          <label htmlFor={inputId} className="text-sm font-medium">
            Session id or link
          </label>
          <Input
            id={inputId}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(undefined);
            }}
            placeholder={`ses_… (of ${currentAgent}), agent/ses_…, or a link`}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-error` : `${inputId}-hint`}
            // eslint-disable-next-line jsx-a11y/no-autofocus -- the dialog exists to take this one answer
            autoFocus
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
          />
          {problem ? (
            <FieldError id={`${inputId}-error`}>{problem}</FieldError>
          ) : (
            <p id={`${inputId}-hint`} className="text-xs text-muted-foreground">
              Up to four sessions side by side, each with its own stream. Filters and search apply to all.
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit">Compare</Button>
        </div>
      </form>
    </Modal>
  );
}
