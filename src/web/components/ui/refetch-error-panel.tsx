import type { ReactNode } from 'react';
import { ApiErrorPanel } from './api-error';
import { Button } from './button';

/** The part of a react-query result the panel reads; plain and infinite queries both fit. */
interface Refetchable {
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

interface RefetchErrorPanelProps {
  query: Refetchable;
  /** Says whether anything is still on screen, e.g. "Could not refresh the agent; showing what was loaded". */
  title: string;
  /**
   * How the Retry button shows a retry in flight: disabled and saying "Retrying…" (the default), only
   * disabled (where the page already shows its own refresh spinner), or not at all.
   */
  whileRetrying?: 'say-so' | 'disable' | 'nothing';
  className?: string;
  /** More ways out, after Retry. */
  children?: ReactNode;
}

/** A query's error with a Retry button that fetches it again. */
export function RefetchErrorPanel({
  query,
  title,
  whileRetrying = 'say-so',
  className,
  children,
}: RefetchErrorPanelProps) {
  return (
    <ApiErrorPanel error={query.error} title={title} className={className}>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => void query.refetch()}
        disabled={whileRetrying !== 'nothing' && query.isFetching}
      >
        {whileRetrying === 'say-so' && query.isFetching ? 'Retrying…' : 'Retry'}
      </Button>
      {children}
    </ApiErrorPanel>
  );
}
