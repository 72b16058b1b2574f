import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { describeApiError, type ErrorDescription } from '../lib/error-text';
import { errorMessage } from '../lib/format';
import { CopyButton } from './ui/copy-button';
import { ErrorPanel } from './error-panel';
import { TextWithCode } from './ui/text-with-code';

/**
 * What to do, under the server's message. Under a page's own title ("Could not load the agents") a
 * connection problem also names itself, so "Foundry refused the sign-in token" is never hidden.
 */
function ErrorAdvice({ description, titled }: { description: ErrorDescription; titled: boolean }) {
  const lead = titled && description.connection ? description.title : undefined;
  if (!lead && !description.advice) return null;
  return (
    <p className="mt-2 text-foreground/90">
      {lead ? <strong className="font-semibold">{lead}.</strong> : null}
      {lead && description.advice ? ' ' : null}
      {description.advice ? <TextWithCode text={description.advice} /> : null}
    </p>
  );
}

/** The facts to quote in a ticket: status, code, request id, as one copyable line. */
function errorFacts(error: unknown): string | undefined {
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
  const description = describeApiError(error);
  return (
    <ErrorPanel
      title={title ?? description.title}
      message={<TextWithCode text={errorMessage(error)} />}
      advice={<ErrorAdvice description={description} titled={title !== undefined} />}
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
      <p className="text-foreground">
        <TextWithCode text={errorMessage(error)} />
      </p>
      <ErrorAdvice description={describeApiError(error)} titled />
      <p className="mt-1 text-xs text-muted-foreground">
        <ErrorFacts error={error} />
      </p>
    </div>
  );
}
