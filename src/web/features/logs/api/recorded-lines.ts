import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { historyPath, type RecordedLine, type RecordedLines, type RecordedLinesQuery } from '@contract';
import { consoleRequest } from '../../../lib/api-client';
import { classifyStatus, type LineStream, type LogEntry } from '../lib/frame';

/** Which recording: the console server keeps them per connection, agent and session. */
export interface RecordingRef {
  connection: string;
  agent: string;
  sessionId: string;
}

/** Lines per page of recorded history: several screenfuls, and quick to fetch and draw. */
const RECORDED_PAGE = 200;

export function fetchRecordedLines(
  ref: RecordingRef,
  query: RecordedLinesQuery,
  signal?: AbortSignal,
): Promise<RecordedLines> {
  return consoleRequest<RecordedLines>(`${historyPath(ref.connection, ref.agent, ref.sessionId)}/lines`, {
    query: { ...query },
    signal,
  });
}

/** What a recorded view asks for beyond paging: a full-text search, when there is one. */
export interface RecordedFilter {
  q: string;
  /** Only this stream, when the view shows one. */
  stream: LineStream | undefined;
}

export const recordedQueries = {
  all: () => ['recorded-lines'] as const,
  recording: (ref: RecordingRef) =>
    [...recordedQueries.all(), ref.connection, ref.agent, ref.sessionId] as const,
  /** Newest first, `before` the oldest seq held for each older page. */
  pages: (ref: RecordingRef, filter: RecordedFilter) =>
    infiniteQueryOptions({
      queryKey: [...recordedQueries.recording(ref), 'pages', filter] as const,
      queryFn: ({ pageParam, signal }) =>
        fetchRecordedLines(
          ref,
          { limit: RECORDED_PAGE, before: pageParam, q: filter.q || undefined, stream: filter.stream },
          signal,
        ),
      initialPageParam: undefined as number | undefined,
      getNextPageParam: (last) => (last.has_more ? oldestSeq(last.data) : undefined),
      // A recording grows while the session runs; a second look a little later should see it.
      staleTime: 5_000,
    }),
  /** Whether there is anything recorded at all, and its newest line: one line is enough to know. */
  latest: (ref: RecordingRef) =>
    queryOptions({
      queryKey: [...recordedQueries.recording(ref), 'latest'] as const,
      queryFn: ({ signal }) => fetchRecordedLines(ref, { limit: 1 }, signal),
      staleTime: 5_000,
    }),
};

function oldestSeq(lines: readonly RecordedLine[]): number | undefined {
  let oldest: number | undefined;
  for (const line of lines) if (oldest === undefined || line.seq < oldest) oldest = line.seq;
  return oldest;
}

const KNOWN_STREAMS = new Set<string>(['stdout', 'stderr', 'status']);

/**
 * A recorded line as the rows draw a live one. Its `seq` is the recorder's, which is unique and
 * ordered within the recording, as a live entry's is within its buffer.
 */
export function recordedEntry(line: RecordedLine): LogEntry {
  const known = KNOWN_STREAMS.has(line.stream);
  const stream = known ? (line.stream as LineStream) : 'stdout';
  const id = line.id === undefined || !/^\d{1,15}$/.test(line.id) ? line.id : Number(line.id);
  return {
    seq: line.seq,
    id,
    kind: stream === 'status' ? 'status' : 'line',
    stream,
    streamName: known ? undefined : line.stream,
    time: line.time,
    message: line.message,
    raw: false,
    status: stream === 'status' ? classifyStatus(line.message) : undefined,
    gap: undefined,
  };
}
