import { RefreshCw } from 'lucide-react';
import { cn } from '../lib/cn';
import { Button } from './ui/button';

/** The part of a react-query result the button reads; plain and infinite queries both fit. */
interface Refreshable {
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** Fetches a list again at once, rather than at its next poll; it spins and waits while any fetch runs. */
export function RefreshButton({ query }: { query: Refreshable }) {
  return (
    <Button
      variant="secondary"
      onClick={() => void query.refetch()}
      disabled={query.isFetching}
      title="Refresh now"
    >
      <RefreshCw aria-hidden="true" className={cn(query.isFetching && 'animate-spin')} />
      Refresh now
    </Button>
  );
}
