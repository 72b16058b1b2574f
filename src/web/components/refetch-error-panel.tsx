import type { ReactNode } from 'react';
import { ApiErrorPanel } from './api-error';
import { Button } from './ui/button';

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
  className?: string;
  /** More ways out, after Retry. */
  children?: ReactNode;
}

/** A query's error with a Retry button that fetches it again (and says so while it does). */
export function RefetchErrorPanel({ query, title, className, children }: RefetchErrorPanelProps) {
  return (
    <ApiErrorPanel error={query.error} title={title} className={className}>
      <Button variant="secondary" size="sm" onClick={() => void query.refetch()} disabled={query.isFetching}>
        {query.isFetching ? 'Retrying…' : 'Retry'}
      </Button>
      {children}
    </ApiErrorPanel>
  );
}
