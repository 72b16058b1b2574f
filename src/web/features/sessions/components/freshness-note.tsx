import { formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/hooks/use-now';
import { TRANSIENT_POLL_MS } from '../api/session-queries';

/** "Updated 5 s ago", and whether it is refreshing by itself, so nobody wonders if the view is live. */
export function FreshnessNote({
  updatedAt,
  polling,
  fetching,
}: {
  updatedAt: number;
  polling: boolean;
  fetching: boolean;
}) {
  const now = useNow(10_000);
  if (!updatedAt) return null;
  return (
    <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
      {polling ? (
        <>
          <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-primary" />
          Refreshing every {TRANSIENT_POLL_MS / 1000} s while sessions change
        </>
      ) : fetching ? (
        'Refreshing…'
      ) : (
        <>Updated {formatRelative(updatedAt, Math.max(now, updatedAt))}</>
      )}
    </p>
  );
}
