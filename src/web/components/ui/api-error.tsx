import type { ReactNode } from 'react';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/format';
import { CopyButton } from './copy-button';
import { ErrorPanel } from './error-panel';

/** A title for an error in words a support engineer can act on. */
export function errorTitle(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong';
  if (error.status === 0) return 'The endpoint cannot be reached';
  if (error.status === 401) return 'Not signed in to this endpoint';
  if (error.status === 403) return 'Not allowed';
  if (error.status === 404) return 'Not found';
  if (error.status === 409) return 'Conflict';
  if (error.status === 413) return 'Too large';
  if (error.status >= 500) return 'The server failed';
  return 'The request was refused';
}

/** The facts to quote in a ticket: status, code, request id, as one copyable line. */
export function errorFacts(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return [
    error.status ? `HTTP ${error.status}` : 'no response',
    error.code,
    error.requestId && `request id ${error.requestId}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function ErrorFacts({ error }: { error: unknown }) {
  const facts = errorFacts(error);
  if (!facts) return null;
  const copyText = `${facts}\n${errorMessage(error)}`;
  return (
    <span className="inline-flex flex-wrap items-center gap-1 font-mono">
      {facts}
      <CopyButton value={copyText} label="Copy error details" size="sm" className="h-6 px-1.5" />
    </span>
  );
}

/** The server's message, code and request id, with a copy button; never hides what was already on screen. */
export function ApiErrorPanel({
  error,
  title,
  children,
  className,
}: {
  error: unknown;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <ErrorPanel
      title={title ?? errorTitle(error)}
      message={errorMessage(error)}
      details={<ErrorFacts error={error} />}
      className={className}
    >
      {children}
    </ErrorPanel>
  );
}

/** A one-line error for inside forms and dialogs. */
export function InlineApiError({ error }: { error: unknown }) {
  return (
    <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm">
      <p className="text-foreground">{errorMessage(error)}</p>
      <p className="mt-1 text-xs text-muted-foreground">
        <ErrorFacts error={error} />
      </p>
    </div>
  );
}
