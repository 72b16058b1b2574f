import { KeyRound } from 'lucide-react';
import { Link } from 'react-router';
import { paths } from '../../../app/paths';
import { ErrorFacts, InlineApiError } from '../../../components/api-error';
import { ApiError } from '../../../lib/api-client';

/** A stop or delete that failed. A 403 gets an explanation, because "not accessible" alone says nothing. */
export function SessionActionError({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.status !== 403) return <InlineApiError error={error} />;
  return (
    <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-3 text-sm">
      <p className="flex items-start gap-2 font-medium text-foreground">
        <KeyRound aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
        This session has an owner; set its isolation key in Settings.
      </p>
      <p className="mt-1.5 text-foreground/90">
        Stopping, deleting and changing files need the key the session was created with, and the key in{' '}
        <Link to={paths.settings.getHref()} className="font-medium text-primary underline underline-offset-2">
          Settings
        </Link>{' '}
        does not match it.
      </p>
      <p className="mt-2 text-muted-foreground">Server: {error.message}</p>
      <p className="mt-1 text-xs text-muted-foreground">
        <ErrorFacts error={error} />
      </p>
    </div>
  );
}
