import { useInfiniteQuery } from '@tanstack/react-query';
import { History, Unplug } from 'lucide-react';
import { useSearchParams } from 'react-router';
import type { RecordingState } from '@contract';
import { ApiErrorPanel } from '../../../components/api-error';
import { RefetchErrorPanel } from '../../../components/refetch-error-panel';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { ApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useSettings } from '../../../lib/settings';
import { historyQueries, type HistoryRef } from '../api/history-queries';
import { readTimelineSearch, writeTimelineSearch, type TimelineFilter } from '../model/timeline-search';
import { HistoryFilters } from './history-filters';
import { RecordingPanel } from './recording-panel';
import { TimelineEntry } from './timeline-item';

const NOT_RECORDED: RecordingState = { state: 'never', reasons: [], pinned: false, lines: 0 };

interface HistoryViewProps {
  agent: string;
  sessionId: string;
}

/**
 * A session's history as the console remembers it: its recording, then events, audit entries and gaps
 * in one time line, newest first, filtered by type and time range through the URL.
 */
export function HistoryView({ agent, sessionId }: HistoryViewProps) {
  const { connection } = useSettings();
  if (!connection) {
    return (
      <EmptyState icon={Unplug} title="No history for an endpoint set directly">
        <p>
          The console keeps history per connection. Choose the local host or a Foundry project in Settings to
          see what it recorded.
        </p>
      </EmptyState>
    );
  }
  return <ConnectedHistory historyRef={{ connection, agent, sessionId }} />;
}

function ConnectedHistory({ historyRef }: { historyRef: HistoryRef }) {
  const [search, setSearch] = useSearchParams();
  const filter = readTimelineSearch(search);
  const query = useInfiniteQuery(historyQueries.timeline(historyRef, filter));
  const setFilter = (next: TimelineFilter) => setSearch(writeTimelineSearch(next));
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((page) => page.timeline) ?? [];
  const filtered = Boolean(filter.types || filter.from || filter.to);

  if (query.isPending) {
    return (
      <div className="space-y-3">
        <span role="status" className="sr-only">
          Loading history…
        </span>
        <div aria-hidden="true" className="h-20 animate-pulse rounded-lg bg-muted" />
        <div aria-hidden="true" className="h-40 animate-pulse rounded-lg bg-muted" />
      </div>
    );
  }
  if (!first) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <div className="space-y-4">
          {/* Record still works: a pin makes the console keep a session it has not met yet. */}
          <RecordingPanel historyRef={historyRef} recording={NOT_RECORDED} />
          <EmptyState icon={History} title="No history of this session yet">
            <p>
              The console records a session once it is active on the local host, or opened, created, invoked
              or pinned through this console on a Foundry project.
            </p>
            <p className="mt-3 text-xs">Server: {query.error.message}</p>
          </EmptyState>
        </div>
      );
    }
    return <RefetchErrorPanel query={query} title="The history could not be loaded" />;
  }

  return (
    <div className="space-y-4">
      <h2 className="sr-only">History</h2>
      {/* A gone session has nothing left to record: its panel says what was kept, with no pin. */}
      <RecordingPanel historyRef={historyRef} recording={first.recording} canPin={!first.tombstone} />
      <HistoryFilters filter={filter} onChange={setFilter} />
      <p role="status" className="text-xs text-muted-foreground">
        {query.isPlaceholderData ? 'Loading the filtered time line…' : ''}
      </p>
      {query.isError && !query.isFetchNextPageError ? (
        <RefetchErrorPanel query={query} title="Refreshing the history failed; showing what loaded last" />
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          icon={History}
          title={filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}
        >
          {filtered ? (
            <p>Show more types or widen the time range.</p>
          ) : (
            <p>Events, audit entries and gaps of this session appear here as they happen.</p>
          )}
        </EmptyState>
      ) : (
        <ol
          aria-label="Time line, newest first"
          aria-busy={query.isPlaceholderData}
          className={cn('space-y-2', query.isPlaceholderData && 'opacity-60')}
        >
          {items.map((item, i) => (
            <TimelineEntry key={`${item.type}-${item.time}-${i}`} item={item} />
          ))}
        </ol>
      )}
      {query.isFetchNextPageError ? (
        <ApiErrorPanel error={query.error} title="Older entries could not be loaded" />
      ) : null}
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? 'Loading older…' : 'Load older'}
          </Button>
        </div>
      ) : items.length > 0 ? (
        <p className="text-center text-xs text-muted-foreground">The beginning of what the console kept.</p>
      ) : null}
    </div>
  );
}
