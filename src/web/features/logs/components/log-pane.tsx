import { ArrowDownToLine } from 'lucide-react';
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { cn } from '../../../lib/cn';
import { useLogStream } from '../api/use-log-stream';
import { stripAnsi } from '../lib/ansi';
import type { ConsoleOptions } from '../lib/console-options';
import { toLogLine } from '../lib/export';
import type { Search } from '../lib/search';
import { useFlash } from '../hooks/use-flash';
import { useFollowScroll } from '../hooks/use-follow-scroll';
import { usePaneKeyBindings } from '../hooks/use-key-bindings';
import { useLineSelection } from '../hooks/use-line-selection';
import { useLogDownload } from '../hooks/use-log-download';
import { useLogView } from '../hooks/use-log-view';
import { useMatchNavigation } from '../hooks/use-match-navigation';
import { useOpenRows } from '../hooks/use-open-rows';
import { useRangeLink } from '../hooks/use-range-link';
import { useGapFill } from '../hooks/use-gap-fill';
import type { Connection } from '../lib/log-store';
import { useSettings } from '../../../lib/settings';
import { announcement } from './connection-indicator';
import { EmptyLog } from './empty-log';
import { LogPaneContext, useJoinPaneGroup, type PaneApi } from './log-pane-context';
import { LogRow, type RowHandlers } from './log-row';
import { LogStatusBar } from './log-status-bar';
import { RangeBanner } from './range-banner';
import { SelectionBar } from './selection-bar';
import { useNow } from '../../../lib/hooks/use-now';
import { formatNumber } from '../../../lib/format';

interface LogPaneProps {
  agent: string;
  sessionId: string;
  options: ConsoleOptions;
  search: Search;
  update: (patch: Partial<ConsoleOptions>) => void;
  /** The controls above the lines; they reach this pane through `useLogPane()`. */
  header: ReactNode;
  /** Range links belong to a single console's URL; in a side-by-side view they are off. */
  linkable: boolean;
  /** Accessible name of the log region, e.g. "Log lines of ses_123". */
  label: string;
  className?: string;
  /** Extra class for the line area (height). */
  bodyClassName?: string;
  compact?: boolean;
  /**
   * What the line area shows while the stream has given no line at all, in place of the usual
   * message (the single console shows the recording there, for a session gone or quiet).
   */
  emptyFallback?: (connection: Connection, retry: () => void) => ReactNode;
}

/**
 * One session's live log: owns the stream (through useLogStream) and puts together one hook per
 * behaviour (the view, follow scrolling, match navigation, selection, range links) around the
 * virtualized rows. Only rows on screen are in the DOM. The controls inside it read it from context.
 */
export function LogPane(props: LogPaneProps) {
  const { agent, sessionId, options, search, update, header, linkable, label, compact } = props;
  const { store, version, retryNow } = useLogStream(agent, sessionId, options.bufferLines);
  const connection = store.connection;
  const { connection: connectionName } = useSettings();
  useGapFill(
    store,
    version,
    connectionName === undefined ? undefined : { connection: connectionName, agent, sessionId },
  );

  const { view, counts, pausedAt, togglePause } = useLogView(store, version, options, search);
  const {
    scrollRef,
    virtualizer,
    totalSize,
    following,
    unseen,
    jumpToLatest,
    scrollToLine,
    topSeq,
    ...follow
  } = useFollowScroll({ view, counts, wrap: options.wrap });
  const items = virtualizer.getVirtualItems();

  const { currentSeq, matchPosition, moveMatch } = useMatchNavigation({
    view,
    counts,
    topSeq,
    goToLine: scrollToLine,
  });

  const selection = useLineSelection(view, store);
  const { select, selectRange, clear: unselect, entries: selectedEntries } = selection;
  const showRange = useCallback(
    (fromSeq: number, toSeq: number) => {
      selectRange(fromSeq, toSeq);
      // After this render has the rows: scrolling now would aim at rows the view may not hold yet.
      requestAnimationFrame(() => scrollToLine(fromSeq, 'start'));
    },
    [selectRange, scrollToLine],
  );
  const range = useRangeLink({ store, version, options, update, linkable, onFound: showRange });
  const { forget: forgetRange, linkTo } = range;
  const clearSelection = useCallback(() => {
    unselect();
    forgetRange();
  }, [unselect, forgetRange]);
  const selectionLink = useCallback(() => linkTo(selectedEntries()), [linkTo, selectedEntries]);

  const { jsonOpen, fullOpen, toggleJson, toggleFull, closeAll } = useOpenRows();
  const { flash, say, copyText } = useFlash();
  const handlers = useMemo<RowHandlers>(
    () => ({
      onSelect: select,
      onToggleJson: toggleJson,
      onToggleFull: toggleFull,
      onCopy: (entry) =>
        copyText(stripAnsi(entry.message), `Copied line${entry.id !== undefined ? ` ${entry.id}` : ''}.`),
    }),
    [select, toggleJson, toggleFull, copyText],
  );

  const clear = useCallback(() => {
    store.clear();
    unselect();
    closeAll();
    say('Cleared. New lines keep arriving.');
  }, [store, unselect, closeAll, say]);
  const download = useLogDownload({ store, view, agent, sessionId }, say);

  const rootRef = useRef<HTMLDivElement>(null);
  const grouped = useJoinPaneGroup(rootRef, moveMatch);
  usePaneKeyBindings(rootRef, {
    moveMatch: grouped ? undefined : moveMatch,
    clearSelection: selection.active ? clearSelection : undefined,
  });

  const now = useNow(1000, { enabled: options.time === 'relative' });
  const rowNow = options.time === 'relative' ? now : 0;
  const paused = pausedAt !== undefined;
  // Outside the live rows' region: what it shows has its own region and scrolling.
  const fallback = counts.held === 0 && props.emptyFallback !== undefined;

  const api: PaneApi = {
    agent,
    sessionId,
    store,
    connection,
    retryNow,
    heldCount: counts.held,
    shownCount: counts.rows,
    paused,
    togglePause,
    following,
    jumpToLatest,
    matchCount: counts.matches,
    matchPosition,
    nextMatch: () => moveMatch('next'),
    previousMatch: () => moveMatch('previous'),
    clear,
    download,
    selectionLink,
    copyText,
  };

  const selectionCount = selection.active ? selectedEntries().length : 0;

  return (
    <LogPaneContext value={api}>
      <div
        ref={rootRef}
        data-log-pane=""
        data-line-count={counts.held}
        data-shown-count={counts.rows}
        data-received={store.received}
        data-dropped={store.buffer.dropped}
        data-connection={connection.state}
        className={cn(
          'flex min-h-0 flex-col overflow-hidden rounded-lg border bg-surface shadow-xs',
          props.className,
        )}
      >
        {header}
        {range.status && range.status.kind !== 'shown' ? (
          <RangeBanner status={range.status} onDismiss={clearSelection} />
        ) : null}
        <div className={cn('relative min-h-0 flex-1 bg-zinc-950', props.bodyClassName)}>
          {/* A scrolling region must take focus, or keyboard users cannot scroll it (WCAG 2.1.1). */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
          <div
            ref={scrollRef}
            role="log"
            // role=log is polite by default: a flood of lines would drown a screen reader.
            aria-live="off"
            aria-label={label}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            onScroll={follow.onScroll}
            onWheel={follow.onWheel}
            onKeyDown={follow.onKeyDown}
            className="absolute inset-0 overflow-auto overscroll-contain py-1 font-mono text-[12.5px] leading-5 text-zinc-200 focus-visible:outline-offset-[-2px]"
          >
            {counts.rows === 0 && !fallback ? (
              <EmptyLog connection={connection} held={counts.held} paused={paused} onRetry={retryNow} />
            ) : null}
            <div className="relative w-full" style={{ height: totalSize }}>
              {items.map((item) => {
                const seq = view.rowAt(item.index);
                const entry = seq === undefined ? undefined : store.buffer.at(seq);
                if (!entry) return null;
                const opened = jsonOpen.has(entry.seq) || fullOpen.has(entry.seq);
                const fill = entry.kind === 'gap' ? store.fills.get(entry.seq) : undefined;
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
                    currentMatch={currentSeq === entry.seq}
                    selected={selection.isSelected(entry.seq)}
                    jsonOpen={jsonOpen.has(entry.seq)}
                    fullOpen={fullOpen.has(entry.seq)}
                    handlers={handlers}
                    fill={fill}
                    // Measuring reads layout; rows that cannot wrap or open are exactly ROW_HEIGHT and skip it.
                    measure={options.wrap || opened || fill ? virtualizer.measureElement : undefined}
                  />
                );
              })}
            </div>
          </div>
          {fallback ? props.emptyFallback?.(connection, retryNow) : null}
          {!following && counts.rows > 0 ? (
            <button
              type="button"
              onClick={jumpToLatest}
              className="absolute right-4 bottom-3 z-10 inline-flex items-center gap-1.5 rounded-full border border-sky-300/40 bg-sky-500 px-3 py-1 text-xs font-semibold text-zinc-950 shadow-lg hover:bg-sky-400"
            >
              <ArrowDownToLine aria-hidden="true" className="size-3.5" />
              Jump to latest{unseen > 0 ? ` (${formatNumber(unseen)} new)` : ''}
            </button>
          ) : null}
        </div>
        {selection.active ? (
          <SelectionBar
            count={selectionCount}
            onCopy={() =>
              copyText(
                selectedEntries().map(toLogLine).join('\n'),
                `Copied ${formatNumber(selectionCount)} lines.`,
              )
            }
            onCopyLink={
              linkable
                ? () => {
                    const link = selectionLink();
                    if (link) copyText(link, 'Link to the selected lines copied.');
                    else say('None of the selected lines has an id to link to.');
                  }
                : undefined
            }
            onClear={clearSelection}
          />
        ) : null}
        <LogStatusBar
          store={store}
          connection={connection}
          onRetry={retryNow}
          held={counts.held}
          shown={counts.rows}
          paused={paused}
          pausedNew={pausedAt === undefined ? 0 : Math.max(0, store.buffer.lastSeq - pausedAt)}
          flash={flash}
          compact={compact}
        />
        <p role="status" className="sr-only">
          {announcement(connection)}
        </p>
      </div>
    </LogPaneContext>
  );
}
