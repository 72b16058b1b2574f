import { ErrorFacts } from '../../../components/api-error';
import { cn } from '../../../lib/cn';
import { explainFileError } from '../model/explain-error';

/** A file operation's failure, explained, with status, code and request id to quote. */
export function FileErrorNote({ error, className }: { error: unknown; className?: string }) {
  return (
    <div
      role="alert"
      className={cn('rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm', className)}
    >
      <p className="break-words text-foreground">{explainFileError(error)}</p>
      <p className="mt-1 text-xs text-muted-foreground">
        <ErrorFacts error={error} />
      </p>
    </div>
  );
}
