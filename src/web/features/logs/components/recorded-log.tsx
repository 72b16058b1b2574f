import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowUpToLine } from 'lucide-react';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../../lib/api-client';
import { errorMessage, formatNumber } from '../../../lib/format';
import { useNow } from '../../../lib/hooks/use-now';
import { recordedEntry, recordedQueries, type RecordingRef } from '../api/recorded-lines';
import { useFlash } from '../hooks/use-flash';
import { useOpenRows } from '../hooks/use-open-rows';
import { stripAnsi } from '../lib/ansi';
import type { ConsoleOptions } from '../lib/console-options';
import type { LineStream, LogEntry } from '../lib/frame';
import type { Connection } from '../lib/log-store';
import { compileSearch, type Search } from '../lib/search';
import { describeTime } from '../lib/time-format';
import { EmptyLog } from './empty-log';
import { LogRow, ROW_HEIGHT, type RowHandlers } from './log-row';

/** The FTS words of a query as a highlight for the rows: operators and quotes out, prefixes as they are. */
function highlightFor(q: string): Search {
  if (q === '') return { kind: 'none' };
  const words = q
    .split(/[\s"()*^:+-]+/)
    .filter((w) => w && !/^(AND|OR|NOT|NEAR)$/.test(w))
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return words.length ? compileSearch(words.join('|'), { matchCase: false, regex: true }) : { kind: 'none' };
}

/** The one stream to ask the server for, when exactly one is shown; otherwise the rows filter. */
function serverStream(streams: Record<LineStream, boolean>): LineStream | undefined {
  const on = (Object.keys(streams) as LineStream[]).filter((s) => streams[s]);
  return on.length === 1 ? on[0] : undefined;
}

/**
 * A recording's lines, newest at the bottom as in the live view, paged back from the server with
 * `before` through any number of lines; with a query, the server's full-text matches, newest first.
 */
export const RecordedLines = memo(function RecordedLines({
  recording,
  options,
  note,
  label,
}: {
  recording: RecordingRef;
  options: ConsoleOptions;
  /** Said above the lines: why they are recorded ones, and up to when. */
  note?: ReactNode;
  label: string;
}) {
  const q = options.query.trim();
  const stream = serverStream(options.streams);
  const pages = useInfiniteQuery(recordedQueries.pages(recording, { q, stream }));
  const { stdout, stderr, status } = options.streams;
  const entries = useMemo(() => {
    const shown = { stdout, stderr, status };
    const out: LogEntry[] = [];
    const all = pages.data?.pages ?? [];
    // Each page is newest first and older than the one before: read backwards for oldest first.
    for (let p = all.length - 1; p >= 0; p--) {
      const data = all[p]!.data;
      for (let i = data.length - 1; i >= 0; i--) {
        const entry = recordedEntry(data[i]!);
        if (shown[entry.stream]) out.push(entry);
      }
    }
    return out;
  }, [pages.data, stdout, stderr, status]);
  // Rows are memoized: a new highlight object would draw every one of them again.
  const highlight = useMemo(() => highlightFor(q), [q]);
  const total = pages.data?.pages[0]?.total;
  const searching = q !== '';

  if (pages.isPending) {
    return <Centered>{searching ? 'Searching the recording…' : 'Loading the recording…'}</Centered>;
  }
  // A failed older page keeps the lines already shown; only a failed first page has nothing to show.
  if (pages.isError && pages.data === undefined) {
    return <RecordedError error={pages.error} searching={searching} />;
  }
  const olderFailed = pages.isFetchNextPageError ? pages.error : undefined;

  const loaded = entries.length;
  const summary = searching
    ? loaded === 0
      ? 'No recorded line matches.'
      : total !== undefined
        ? `${formatNumber(total)} ${total === 1 ? 'match' : 'matches'} in the recording${
            total > loaded ? `, the newest ${formatNumber(loaded)} shown` : ''
          }.`
        : `${formatNumber(loaded)}${pages.hasNextPage ? '+' : ''} matches in the recording.`
    : loaded === 0
      ? 'Nothing recorded for this session.'
      : `${formatNumber(loaded)} recorded ${loaded === 1 ? 'line' : 'lines'} shown${pages.hasNextPage ? '; older ones are kept' : ''}.`;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-800 bg-zinc-900 px-3 py-1.5 font-sans text-xs text-zinc-300">
        {note ? <div className="w-full">{note}</div> : null}
        <p role="status" className="min-w-0 flex-1">
          {summary}
        </p>
        {pages.hasNextPage ? (
          <button
            type="button"
            onClick={() => void pages.fetchNextPage()}
            disabled={pages.isFetchingNextPage}
            className="inline-flex items-center gap-1 rounded-md border border-zinc-600 px-2 py-0.5 font-medium text-zinc-100 hover:bg-zinc-800 disabled:opacity-60"
          >
            <ArrowUpToLine aria-hidden="true" className="size-3.5" />
            {pages.isFetchingNextPage ? 'Loading…' : searching ? 'Older matches' : 'Load earlier (recorded)'}
          </button>
        ) : null}
        {olderFailed ? (
          <p role="alert" className="w-full text-red-300">
            The older lines could not be read. {errorMessage(olderFailed)}
          </p>
        ) : null}
      </div>
      {loaded > 0 ? (
        <RecordedList entries={entries} options={options} search={highlight} label={label} />
      ) : null}
    </div>
  );
});

function Centered({ children }: { children: ReactNode }) {
  return <p className="px-4 pt-8 text-center font-sans text-sm text-zinc-400">{children}</p>;
}

function RecordedError({ error, searching }: { error: Error; searching: boolean }) {
  const refused = error instanceof ApiError && error.status === 400;
  const gone = error instanceof ApiError && error.status === 404;
  return (
    <div role="alert" className="mx-auto max-w-lg px-4 pt-8 text-center font-sans">
      <p className="text-sm font-semibold text-red-300">
        {refused && searching
          ? 'The recording could not be searched with that query'
          : gone
            ? 'This console has no recording of the session'
            : 'The recording could not be read'}
      </p>
      <p className="mt-1 text-sm break-words text-zinc-300">{errorMessage(error)}</p>
      {refused && searching ? (
        <p className="mt-1 text-xs text-zinc-400">
          Search takes words, &quot;phrases&quot;, prefix* and AND, OR, NOT.
        </p>
      ) : null}
      {error instanceof ApiError && error.requestId ? (
        <p className="mt-1 font-mono text-xs text-zinc-400">request id {error.requestId}</p>
      ) : null}
    </div>
  );
}

/** The rows, virtualized as the live ones are; older pages go on top without moving what is on screen. */
function RecordedList({
  entries,
  options,
  search,
  label,
}: {
  entries: LogEntry[];
  options: ConsoleOptions;
  search: Search;
  label: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler in this build
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => entries[i]?.seq ?? -1 - i,
    overscan: 12,
  });

  // Opening on the newest line, as the live view does; when older lines arrive on top, the line that
  // was first stays where it was on screen.
  const first = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const head = entries[0]?.seq;
    if (!el || head === undefined) return;
    if (first.current === undefined) {
      virtualizer.scrollToIndex(entries.length - 1, { align: 'end' });
    } else if (head !== first.current) {
      const added = entries.findIndex((e) => e.seq === first.current);
      if (added > 0) el.scrollTop += added * ROW_HEIGHT;
    }
    first.current = head;
  }, [entries, virtualizer]);

  const { jsonOpen, fullOpen, toggleJson, toggleFull } = useOpenRows();
  const { flash, copyText } = useFlash();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const onSelect = useCallback((seq: number) => setSelected((s) => (s === seq ? undefined : seq)), []);
  const handlers = useMemo<RowHandlers>(
    () => ({
      onSelect,
      onToggleJson: toggleJson,
      onToggleFull: toggleFull,
      onCopy: (entry) =>
        copyText(stripAnsi(entry.message), `Copied line${entry.id !== undefined ? ` ${entry.id}` : ''}.`),
    }),
    [onSelect, toggleJson, toggleFull, copyText],
  );
  const now = useNow(1000, { enabled: options.time === 'relative' });
  const rowNow = options.time === 'relative' ? now : 0;

  return (
    <div className="relative min-h-0 flex-1">
      {/* A scrolling region must take focus, or keyboard users cannot scroll it (WCAG 2.1.1). */}
      <div
        ref={scrollRef}
        role="log"
        aria-live="off"
        aria-label={label}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        data-recorded-lines={entries.length}
        className="absolute inset-0 overflow-auto overscroll-contain py-1 font-mono text-[12.5px] leading-5 text-zinc-200 focus-visible:outline-offset-[-2px]"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            const opened = jsonOpen.has(entry.seq) || fullOpen.has(entry.seq);
            return (
              <LogRow
                key={item.key}
                entry={entry}
                index={item.index}
                start={item.start}
                time={options.time}
                now={rowNow}
                wrap={options.wrap}
                search={search}
                currentMatch={false}
                selected={selected === entry.seq}
                jsonOpen={jsonOpen.has(entry.seq)}
                fullOpen={fullOpen.has(entry.seq)}
                handlers={handlers}
                measure={options.wrap || opened ? virtualizer.measureElement : undefined}
              />
            );
          })}
        </div>
      </div>
      {flash ? (
        <p
          role="status"
          className="absolute right-3 bottom-2 rounded bg-zinc-800 px-2 py-0.5 font-sans text-xs text-zinc-100"
        >
          {flash}
        </p>
      ) : null}
    </div>
  );
}

/**
 * In the live pane while its stream has given no line: the recording instead, when it has lines (a
 * session that is gone, ended or quiet), with a note saying so; else what the pane says today.
 */
export function RecordedFallback({
  recording,
  connection,
  retry,
  options,
  onOpenRecorded,
}: {
  recording: RecordingRef;
  connection: Connection;
  retry: () => void;
  options: ConsoleOptions;
  onOpenRecorded: () => void;
}) {
  const waiting = connection.state === 'connecting';
  const latest = useQuery({ ...recordedQueries.latest(recording), enabled: !waiting });
  const newest = latest.data?.data[0];
  if (waiting || !newest) {
    return <EmptyLog connection={connection} held={0} paused={false} onRetry={retry} />;
  }
  const gone = connection.state === 'failed' && connection.status === 404;
  const why = gone
    ? 'This session is gone (deleted or expired)'
    : connection.state === 'ended'
      ? 'The live log stream has ended'
      : connection.state === 'live'
        ? 'The session has written nothing since the console connected'
        : 'The live log stream is not connected';
  const note = (
    <p>
      <span className="font-semibold text-zinc-100">Recorded lines.</span> {why}; these are the lines this
      console recorded, up to{' '}
      <time dateTime={newest.time} title={describeTime(newest.time)}>
        {new Date(newest.time).toLocaleString()}
      </time>
      .{' '}
      <button type="button" onClick={onOpenRecorded} className="font-medium text-sky-300 underline">
        Search the recording
      </button>
      {connection.state === 'failed' || connection.state === 'ended' ? (
        <>
          {' · '}
          <button type="button" onClick={retry} className="font-medium text-sky-300 underline">
            {connection.state === 'failed' ? 'Try the live stream again' : 'Reconnect'}
          </button>
        </>
      ) : null}
    </p>
  );
  return (
    <div className="absolute inset-0 bg-zinc-950">
      <RecordedLines
        recording={recording}
        options={{ ...options, query: '' }}
        note={note}
        label={`Recorded log lines of session ${recording.sessionId}`}
      />
    </div>
  );
}
