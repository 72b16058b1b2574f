import { CheckCircle2, Save, Undo2 } from 'lucide-react';
import { useId } from 'react';
import { InlineApiError } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';

interface FormFooterProps {
  saveLabel: string;
  dirty: boolean;
  /** Why Save is off while the draft is invalid; said next to the button, not only by its greyed look. */
  blocker?: string;
  pending: boolean;
  saved: boolean;
  error: unknown;
  /** The error names a field that now shows it; the panel here still carries code and request id. */
  errorOnField: boolean;
  onDiscard: () => void;
}

/** Save and discard for an editing form, with the reason Save is off, the saved note and the server's error. */
export function FormFooter(props: FormFooterProps) {
  const { saveLabel, dirty, blocker, pending, saved, error, errorOnField, onDiscard } = props;
  const statusId = useId();
  const reason = blocker ?? (dirty ? undefined : 'No changes to save.');
  return (
    <div className="space-y-3 border-t pt-5">
      {error ? (
        <div className="space-y-1">
          {errorOnField ? (
            <p className="text-sm font-medium text-destructive">
              The server refused the change: see the field marked above.
            </p>
          ) : null}
          <InlineApiError error={error} />
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Button type="submit" disabled={Boolean(reason) || pending} aria-describedby={statusId}>
          <Save aria-hidden="true" />
          {pending ? 'Saving…' : saveLabel}
        </Button>
        <Button variant="ghost" onClick={onDiscard} disabled={!dirty || pending}>
          <Undo2 aria-hidden="true" />
          Discard changes
        </Button>
        <p id={statusId} aria-live="polite" className="text-sm">
          {blocker ? (
            <span className="font-medium text-destructive">{blocker}</span>
          ) : dirty ? (
            <span className="text-muted-foreground">Unsaved changes</span>
          ) : saved ? (
            <span className="inline-flex items-center gap-1.5 text-success">
              <CheckCircle2 aria-hidden="true" className="size-4" />
              Saved. Showing what the server stored.
            </span>
          ) : null}
        </p>
      </div>
    </div>
  );
}
