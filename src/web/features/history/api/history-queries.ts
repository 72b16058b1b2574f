import { infiniteQueryOptions, keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import {
  HISTORY_PATH,
  historyPath,
  type HistoryUsage,
  type RecordingState,
  type SessionHistory,
  type TimelineQuery,
} from '@contract';
import { consoleRequest } from '../../../lib/api-client';
import type { TimelineFilter } from '../model/timeline-search';

/** Which session: the console keeps history per connection, agent and session. */
export interface HistoryRef {
  connection: string;
  agent: string;
  sessionId: string;
}

/** Items per page of the time line: a long screenful, well below the server's 500. */
export const TIMELINE_PAGE = 100;

/** Polled while the recorder listens, so events such as a crash appear without a reload. */
const RECORDING_POLL_MS = 5_000;

const sessionUrl = (ref: HistoryRef) => historyPath(ref.connection, ref.agent, ref.sessionId);

function fetchHistory(ref: HistoryRef, query: TimelineQuery, signal?: AbortSignal) {
  return consoleRequest<SessionHistory>(sessionUrl(ref), { query: { ...query }, signal });
}

/** The filter as the API's query: `types` comma-separated, omitted when all are wanted. */
function timelineQuery(filter: TimelineFilter): TimelineQuery {
  return {
    ...(filter.types && { types: filter.types.join(',') }),
    ...(filter.from && { from: filter.from }),
    ...(filter.to && { to: filter.to }),
  };
}

/** Keys from general to specific: ['history', connection, agent, session, …] covers one session's all. */
export const historyQueries = {
  all: () => ['history'] as const,
  session: (ref: HistoryRef) => [...historyQueries.all(), ref.connection, ref.agent, ref.sessionId] as const,
  /** The time line, newest first; each older page starts `before` the previous one's `next_before`. */
  timeline: (ref: HistoryRef, filter: TimelineFilter) =>
    infiniteQueryOptions({
      queryKey: [...historyQueries.session(ref), 'timeline', filter] as const,
      queryFn: ({ pageParam, signal }) =>
        fetchHistory(ref, { ...timelineQuery(filter), limit: TIMELINE_PAGE, before: pageParam }, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => (last.has_more ? last.next_before : undefined),
      // A new filter keeps the old list (and the filters) on screen until its answer arrives.
      placeholderData: keepPreviousData,
      refetchInterval: (query) =>
        query.state.data?.pages[0]?.recording.state === 'recording' ? RECORDING_POLL_MS : false,
    }),
  /** What the console knows of a session without its time line: the tombstone, the last known record. */
  summary: (ref: HistoryRef) =>
    queryOptions({
      queryKey: [...historyQueries.session(ref), 'summary'] as const,
      queryFn: ({ signal }) => fetchHistory(ref, { limit: 1 }, signal),
    }),
  usage: () =>
    queryOptions({
      queryKey: [...historyQueries.all(), 'usage'] as const,
      queryFn: ({ signal }) => consoleRequest<HistoryUsage>(`${HISTORY_PATH}/usage`, { signal }),
      staleTime: 10_000,
    }),
};

const historyMutationKeys = {
  pin: (ref: HistoryRef) => [...historyQueries.session(ref), 'pin'] as const,
};

export const historyMutations = {
  /** `pinned: true` asks the recorder to keep this session whatever else holds; false lets it go. */
  pin: (ref: HistoryRef) =>
    mutationOptions({
      mutationKey: historyMutationKeys.pin(ref),
      mutationFn: (pinned: boolean) =>
        consoleRequest<RecordingState>(`${sessionUrl(ref)}/pin`, {
          method: pinned ? 'PUT' : 'DELETE',
        }),
      // Settled, not success: a refusal may mean what is on screen is out of date.
      onSettled: (_data, _error, _pinned, _result, { client }) =>
        client.invalidateQueries({ queryKey: historyQueries.session(ref) }),
    }),
};
