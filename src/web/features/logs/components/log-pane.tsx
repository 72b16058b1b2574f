import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { ArrowDownToLine, Link2, X } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  type UIEvent,
} from 'react';
import { cn } from '../../../lib/cn';
import { useLogStream } from '../api/use-log-stream';
import { formatRange, writeOptions, type ConsoleOptions, type LineRange } from '../lib/console-options';
import { exportFileName, exportText, toLogLine, type ExportFormat } from '../lib/export';
import { stripAnsi } from '../lib/ansi';
import type { LogEntry } from '../lib/frame';
import type { Connection, LogStore } from '../lib/log-store';
import { LogView, type ViewFilter } from '../lib/log-view';
import type { Search } from '../lib/search';
import { announcement } from './connection-indicator';
import { LogRow, ROW_HEIGHT, type RowHandlers } from './log-row';
import { LogStatusBar } from './log-status-bar';
import { useNow } from '../../../lib/hooks/use-now';

export type ExportScope = 'shown' | 'all';

/** What a pane offers the controls around it (the toolbar, or a compare header). */
export interface PaneApi {
  agent: string;
  sessionId: string;
  store: LogStore;
  connection: Connection;
  retryNow: () => void;
  heldCount: number;
  shownCount: number;
  paused: boolean;
  togglePause: () => void;
  following: boolean;
  jumpToLatest: () => void;
  matchCount: number;
  /** 1-based position of the current match, when there is one. */
  matchPosition: number | undefined;
  nextMatch: () => void;
  previousMatch: () => void;
  clear: () => void;
  download: (scope: ExportScope, format: ExportFormat) => void;
  /** Link to the lines selected now, with the current filters; undefined when none have ids. */
  selectionLink: () => string | undefined;
  /** Copies text and says so in the status bar. */
  copyText: (text: string, done: string) => void;
}

/** Sent on `document` by a search box: every pane moves to its next or previous match. */
export const MATCH_EVENT = 'log-console:match';
export type MatchDirection = 'next' | 'previous';

interface LogPaneProps {
  agent: string;
  sessionId: string;
  options: ConsoleOptions;
  search: Search;
  update: (patch: Partial<ConsoleOptions>) => void;
  /** The controls above the lines, given this pane's API. */
  header: (api: PaneApi) => ReactNode;
  /** Range links belong to a single console's URL; in a side-by-side view they are off. */
  linkable: boolean;
  /** Accessible name of the log region, e.g. "Log lines of ses_123". */
  label: string;
  className?: string;
  /** Extra class for the line area (height). */
  bodyClassName?: string;
  compact?: boolean;
}

interface Selection {
  anchor: number;
  focus: number;
}

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/**
 * One session's live log: owns the stream (through useLogStream), the filtered view, follow and pause,
 * selection, search navigation and the virtualized rows. Only rows on screen are in the DOM.
 */
export function LogPane(props: LogPaneProps) {
  const { agent, sessionId, options, search, update, header, linkable, label, compact } = props;
  const { store, version, retryNow } = useLogStream(agent, sessionId, options.bufferLines);
  const connection = store.connection;

  // ----- the filtered view: a new one when the filter changes, else brought up to date per batch
  const filter = useMemo<ViewFilter>(
    () => ({
      streams: {
        stdout: options.streams.stdout,
        stderr: options.streams.stderr,
        status: options.streams.status,
      },
      search,
      onlyMatching: options.onlyMatching && search.kind === 'ok',
    }),
    [options.streams.stdout, options.streams.stderr, options.streams.status, search, options.onlyMatching],
  );
  const view = useMemo(() => new LogView(filter), [filter]);
  const [pausedAt, setPausedAt] = useState<number | undefined>(undefined);
  const counts = useMemo(() => {
    view.update(store.buffer, pausedAt ?? Number.MAX_SAFE_INTEGER);
    return { rows: view.length, matches: view.matchCount, held: store.buffer.length };
    // `version` is the signal that the buffer changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, store, pausedAt, version]);

  // Whether the pane sticks to the newest line (until the reader scrolls up); see follow mode below.
  const [following, setFollowing] = useState(true);

  // ----- virtual rows
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => view.rowAt(i) ?? -1 - i, [view]);
  // The virtualizer picks rows from where the pane was scrolled at the last frame, and new lines
  // arrive below that. Following, the newest rows are drawn at once, as many as fit on screen, in
  // the same render that grows the list: the scroll to them then finds them there.
  const rangeExtractor = useCallback(
    (range: Range) => {
      if (!following) return defaultRangeExtractor(range);
      const last = range.count - 1;
      const first = Math.max(0, last - (range.endIndex - range.startIndex) - range.overscan);
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    },
    [following],
  );
  // No React Compiler in this build; the virtualizer's functions are only used inside this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: counts.rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRow,
    getItemKey,
    rangeExtractor,
    overscan: 12,
    // Rows for a new scroll position render within the scroll event, before the frame paints: a frame
    // never shows the pane scrolled to rows not drawn yet. (Off, and without the range extractor, a
    // 100,000-line flood flickered through 7 blank frames of 40.)
    useFlushSync: true,
  });
  const items = virtualizer.getVirtualItems();
  // Heights measured with wrapping on are wrong with it off, and the other way round.
  useEffect(() => virtualizer.measure(), [virtualizer, options.wrap]);
  const totalSize = virtualizer.getTotalSize();

  // ----- follow mode: stick to the bottom until the reader scrolls up
  const [unseenAfter, setUnseenAfter] = useState(0);
  const anchor = useRef<{ seq: number; offset: number } | undefined>(undefined);
  const stopFollowing = useCallback(() => {
    setFollowing((was) => {
      if (was) setUnseenAfter(view.rowAt(view.length - 1) ?? 0);
      return false;
    });
  }, [view]);

  // The content height the pane last scrolled to the bottom of while following.
  const followedSize = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (following) {
      // Setting scrollTop makes the browser lay out the page there and then, inside this task; only
      // when the content grew (or following just began). The render that the scroll itself causes
      // (new rows for the new range) then leaves layout to the next frame.
      if (followedSize.current !== totalSize) {
        el.scrollTop = el.scrollHeight;
        followedSize.current = totalSize;
      }
      return;
    }
    followedSize.current = undefined;
    // Not following: keep the line at the top of the screen where it is while old lines leave the buffer.
    const a = anchor.current;
    if (!a) return;
    const index = view.indexAtOrAfter(a.seq);
    const item = virtualizer.measurementsCache[index];
    if (!item) return;
    const target = item.start + a.offset;
    if (Math.abs(el.scrollTop - target) > 1) el.scrollTop = target;
  }, [following, counts, totalSize, view, virtualizer]);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom && !following) setFollowing(true);
    else if (!atBottom && following) stopFollowing();
    const first = virtualizer.getVirtualItems().find((it) => it.end > el.scrollTop);
    const seq = first ? view.rowAt(first.index) : undefined;
    anchor.current = first && seq !== undefined ? { seq, offset: el.scrollTop - first.start } : undefined;
  };

  const jumpToLatest = useCallback(() => setFollowing(true), []);
  const unseen = following ? 0 : counts.rows - view.indexAtOrAfter(unseenAfter + 1);

  // ----- search matches: the current one is remembered by seq, so it survives old lines leaving
  const [current, setCurrent] = useState<{ view: LogView; seq: number } | undefined>(undefined);
  const currentSeq = current?.view === view ? current.seq : undefined;
  const matchPosition = useMemo(() => {
    if (currentSeq === undefined) return undefined;
    const i = view.matchIndexAtOrAfter(currentSeq);
    return view.matchAt(i) === currentSeq ? i + 1 : undefined;
  }, [view, currentSeq, counts]); // eslint-disable-line react-hooks/exhaustive-deps

  const goToRow = useCallback(
    (seq: number, align: 'center' | 'start' = 'center') => {
      const index = view.indexAtOrAfter(seq);
      if (index >= view.length) return;
      const el = scrollRef.current;
      // Everything fits on screen: nothing to scroll, so no reason to stop following.
      if (el && el.scrollHeight > el.clientHeight) stopFollowing();
      virtualizer.scrollToIndex(index, { align });
    },
    [view, virtualizer, stopFollowing],
  );

  const moveMatch = useCallback(
    (direction: MatchDirection) => {
      const count = view.matchCount;
      if (count === 0) return;
      let index: number;
      if (currentSeq === undefined) {
        // Start from what is on screen rather than from the top of 100,000 lines.
        const top = virtualizer.getVirtualItems()[0];
        const topSeq = (top && view.rowAt(top.index)) ?? 0;
        index = view.matchIndexAtOrAfter(topSeq);
        if (direction === 'previous') index -= 1;
      } else {
        const at = view.matchIndexAtOrAfter(currentSeq);
        index = direction === 'next' ? (view.matchAt(at) === currentSeq ? at + 1 : at) : at - 1;
      }
      index = ((index % count) + count) % count;
      const seq = view.matchAt(index);
      if (seq === undefined) return;
      setCurrent({ view, seq });
      goToRow(seq);
    },
    [view, currentSeq, virtualizer, goToRow],
  );

  // ----- selection, and opening a link to a range of lines
  const [selection, setSelection] = useState<Selection | undefined>(undefined);
  const selFrom = selection ? Math.min(selection.anchor, selection.focus) : undefined;
  const selTo = selection ? Math.max(selection.anchor, selection.focus) : undefined;
  const [rangeState, setRangeState] = useState<{ key: string; status: RangeStatus } | undefined>(undefined);
  const rangeKey = linkable && options.lines ? formatRange(options.lines) : undefined;

  useEffect(() => {
    if (!rangeKey || !options.lines) return;
    if (rangeState?.key === rangeKey && rangeState.status.kind !== 'waiting') return;
    const found = locateRange(store, options.lines);
    if (found.kind === 'waiting' && rangeState?.key === rangeKey) return;
    setRangeState({ key: rangeKey, status: found });
    if (found.kind === 'shown' || found.kind === 'partial') {
      setSelection({ anchor: found.fromSeq, focus: found.toSeq });
      // After this render has the rows: scrolling now would aim at rows the view may not hold yet.
      requestAnimationFrame(() => goToRow(found.fromSeq, 'start'));
    }
  }, [rangeKey, options.lines, store, version, rangeState, goToRow]);

  const clearSelection = useCallback(() => {
    setSelection(undefined);
    if (options.lines) update({ lines: undefined });
  }, [options.lines, update]);

  // ----- row state: which JSON views and giant lines are open
  const [jsonOpen, setJsonOpen] = useState<ReadonlySet<number>>(() => new Set());
  const [fullOpen, setFullOpen] = useState<ReadonlySet<number>>(() => new Set());
  const [flash, setFlash] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(undefined), 2500);
    return () => clearTimeout(t);
  }, [flash]);

  const copy = useCallback((text: string, done: string) => {
    if (!navigator.clipboard) {
      setFlash('Copying needs a secure (https or localhost) page.');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setFlash(done),
      () => setFlash('The browser refused to copy.'),
    );
  }, []);

  const handlers = useMemo<RowHandlers>(
    () => ({
      onSelect: (seq, extend) =>
        setSelection((sel) => {
          if (extend && sel) return { anchor: sel.anchor, focus: seq };
          if (sel && sel.anchor === seq && sel.focus === seq) return undefined;
          return { anchor: seq, focus: seq };
        }),
      onToggleJson: (seq) => setJsonOpen((s) => toggle(s, seq)),
      onToggleFull: (seq) => setFullOpen((s) => toggle(s, seq)),
      onCopy: (entry) =>
        copy(stripAnsi(entry.message), `Copied line${entry.id !== undefined ? ` ${entry.id}` : ''}.`),
    }),
    [copy],
  );

  const selectedEntries = useCallback((): LogEntry[] => {
    if (selFrom === undefined || selTo === undefined) return [];
    const out: LogEntry[] = [];
    for (let i = view.indexAtOrAfter(selFrom); i < view.length; i++) {
      const seq = view.rowAt(i)!;
      if (seq > selTo) break;
      const e = store.buffer.at(seq);
      if (e) out.push(e);
    }
    return out;
  }, [selFrom, selTo, view, store]);

  const selectionLink = useCallback((): string | undefined => {
    const ids = selectedEntries()
      .map((e) => e.id)
      .filter((id): id is number => typeof id === 'number');
    if (!linkable || ids.length === 0) return undefined;
    const range: LineRange = { from: ids[0]!, to: ids[ids.length - 1]! };
    const params = writeOptions(new URLSearchParams(window.location.search), { ...options, lines: range });
    return `${window.location.origin}${window.location.pathname}?${params.toString()}`;
  }, [selectedEntries, linkable, options]);

  // ----- actions
  const togglePause = useCallback(() => {
    setPausedAt((p) => (p === undefined ? store.buffer.lastSeq : undefined));
  }, [store]);

  const clear = useCallback(() => {
    store.clear();
    setSelection(undefined);
    setJsonOpen(new Set());
    setFullOpen(new Set());
    setFlash('Cleared. New lines keep arriving.');
  }, [store]);

  const download = useCallback(
    (scope: ExportScope, format: ExportFormat) => {
      const entries: LogEntry[] = [];
      if (scope === 'all') for (const e of store.buffer.range()) entries.push(e);
      else
        for (let i = 0; i < view.length; i++) {
          const e = store.buffer.at(view.rowAt(i)!);
          if (e) entries.push(e);
        }
      const blob = new Blob([exportText(entries, format)], {
        type: format === 'log' ? 'text/plain;charset=utf-8' : 'application/x-ndjson;charset=utf-8',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = exportFileName(agent, sessionId, format, scope);
      document.body.append(a);
      a.click();
      a.remove();
      // Revoked later: some browsers read the blob after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setFlash(
        `Downloading ${entries.length.toLocaleString('en-US')} ${scope === 'all' ? 'held' : 'shown'} lines.`,
      );
    },
    [store, view, agent, sessionId],
  );

  // ----- keyboard: n / N move between matches, Escape clears the selection
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const mine = () => {
      const active = document.activeElement;
      const inPane = active?.closest('[data-log-pane]');
      // With focus in one pane, only that one; otherwise every pane on the page.
      return !inPane || inPane === rootRef.current;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]') || !mine()) return;
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        moveMatch(e.shiftKey ? 'previous' : 'next');
      } else if (e.key === 'Escape' && selection) {
        clearSelection();
      }
    };
    const onMatch = (e: Event) => moveMatch((e as CustomEvent<MatchDirection>).detail);
    document.addEventListener('keydown', onKey);
    document.addEventListener(MATCH_EVENT, onMatch);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener(MATCH_EVENT, onMatch);
    };
  }, [moveMatch, selection, clearSelection]);

  const onRegionKey = (e: ReactKeyboardEvent) => {
    if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) stopFollowing();
    if (e.key === 'End') jumpToLatest();
  };

  const now = useNow(1000, { enabled: options.time === 'relative' });
  const rowNow = options.time === 'relative' ? now : 0;

  const api: PaneApi = {
    agent,
    sessionId,
    store,
    connection,
    retryNow,
    heldCount: counts.held,
    shownCount: counts.rows,
    paused: pausedAt !== undefined,
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
    copyText: copy,
  };

  const selectionCount = selection ? selectedEntries().length : 0;
  const rangeStatus = rangeState?.key === rangeKey ? rangeState?.status : undefined;

  return (
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
      {header(api)}
      {rangeStatus && rangeStatus.kind !== 'shown' ? (
        <RangeBanner status={rangeStatus} onDismiss={clearSelection} />
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
          onScroll={onScroll}
          onWheel={(e) => {
            if (e.deltaY < 0) stopFollowing();
          }}
          onKeyDown={onRegionKey}
          className="absolute inset-0 overflow-auto overscroll-contain py-1 font-mono text-[12.5px] leading-5 text-zinc-200 focus-visible:outline-offset-[-2px]"
        >
          {counts.rows === 0 ? (
            <EmptyLog
              connection={connection}
              held={counts.held}
              paused={pausedAt !== undefined}
              onRetry={retryNow}
            />
          ) : null}
          <div className="relative w-full" style={{ height: totalSize }}>
            {items.map((item) => {
              const seq = view.rowAt(item.index);
              const entry = seq === undefined ? undefined : store.buffer.at(seq);
              if (!entry) return null;
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
                  selected={
                    selFrom !== undefined && selTo !== undefined && entry.seq >= selFrom && entry.seq <= selTo
                  }
                  jsonOpen={jsonOpen.has(entry.seq)}
                  fullOpen={fullOpen.has(entry.seq)}
                  handlers={handlers}
                  // Measuring reads layout; rows that cannot wrap or open are exactly ROW_HEIGHT and skip it.
                  measure={
                    options.wrap || jsonOpen.has(entry.seq) || fullOpen.has(entry.seq)
                      ? virtualizer.measureElement
                      : undefined
                  }
                />
              );
            })}
          </div>
        </div>
        {!following && counts.rows > 0 ? (
          <button
            type="button"
            onClick={jumpToLatest}
            className="absolute right-4 bottom-3 z-10 inline-flex items-center gap-1.5 rounded-full border border-sky-300/40 bg-sky-500 px-3 py-1 text-xs font-semibold text-zinc-950 shadow-lg hover:bg-sky-400"
          >
            <ArrowDownToLine aria-hidden="true" className="size-3.5" />
            Jump to latest{unseen > 0 ? ` (${unseen.toLocaleString('en-US')} new)` : ''}
          </button>
        ) : null}
      </div>
      {selection ? (
        <SelectionBar
          count={selectionCount}
          onCopy={() =>
            copy(
              selectedEntries().map(toLogLine).join('\n'),
              `Copied ${selectionCount.toLocaleString('en-US')} lines.`,
            )
          }
          onCopyLink={
            linkable
              ? () => {
                  const link = selectionLink();
                  if (link) copy(link, 'Link to the selected lines copied.');
                  else setFlash('None of the selected lines has an id to link to.');
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
        paused={pausedAt !== undefined}
        pausedNew={pausedAt === undefined ? 0 : Math.max(0, store.buffer.lastSeq - pausedAt)}
        flash={flash}
        compact={compact}
      />
      <p role="status" className="sr-only">
        {announcement(connection)}
      </p>
    </div>
  );
}

function estimateRow(): number {
  return ROW_HEIGHT;
}

function toggle(set: ReadonlySet<number>, seq: number): ReadonlySet<number> {
  const next = new Set(set);
  if (!next.delete(seq)) next.add(seq);
  return next;
}

type RangeStatus =
  | { kind: 'waiting' }
  | { kind: 'missing'; range: LineRange; oldest: number | undefined }
  | { kind: 'shown'; fromSeq: number; toSeq: number }
  | { kind: 'partial'; fromSeq: number; toSeq: number; range: LineRange; firstHeld: number };

/** Where the lines a link names are in the buffer, if they are there (yet, or still). */
function locateRange(store: LogStore, range: LineRange): RangeStatus {
  let fromSeq: number | undefined;
  let toSeq: number | undefined;
  let firstHeldId: number | undefined;
  let newestId: number | undefined;
  let oldest: number | undefined;
  for (const e of store.buffer.range()) {
    if (typeof e.id !== 'number') continue;
    oldest ??= e.id;
    newestId = e.id;
    if (e.id >= range.from && e.id <= range.to) {
      fromSeq ??= e.seq;
      firstHeldId ??= e.id;
      toSeq = e.seq;
    }
  }
  if (fromSeq !== undefined && toSeq !== undefined && firstHeldId !== undefined) {
    if (firstHeldId > range.from) return { kind: 'partial', fromSeq, toSeq, range, firstHeld: firstHeldId };
    return { kind: 'shown', fromSeq, toSeq };
  }
  // Lines after the range have arrived, so the range itself is gone.
  if (newestId !== undefined && newestId > range.to) return { kind: 'missing', range, oldest };
  return { kind: 'waiting' };
}

function RangeBanner({ status, onDismiss }: { status: RangeStatus; onDismiss: () => void }) {
  const text =
    status.kind === 'waiting'
      ? 'Waiting for the linked lines to arrive…'
      : status.kind === 'missing'
        ? `Lines ${formatRange(status.range).replace('-', '–')} are no longer held${status.oldest !== undefined ? `; the oldest line held is ${status.oldest}` : ''}.`
        : status.kind === 'partial'
          ? `Lines ${status.range.from}–${status.firstHeld - 1} of the link are no longer held; the rest is highlighted.`
          : '';
  return (
    <div
      role="status"
      className="flex items-center gap-2 border-b border-amber-400/30 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:bg-amber-400/10 dark:text-amber-100"
    >
      <Link2 aria-hidden="true" className="size-3.5 shrink-0" />
      <span className="min-w-0 flex-1">{text}</span>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss"
        className="rounded p-0.5 hover:bg-amber-400/20"
      >
        <X aria-hidden="true" className="size-3.5" />
      </button>
    </div>
  );
}

function SelectionBar({
  count,
  onCopy,
  onCopyLink,
  onClear,
}: {
  count: number;
  onCopy: () => void;
  onCopyLink: (() => void) | undefined;
  onClear: () => void;
}) {
  const button =
    'inline-flex items-center gap-1 rounded border border-zinc-600 px-2 py-0.5 font-medium text-zinc-100 hover:bg-zinc-700';
  return (
    <div
      role="group"
      aria-label="Selected lines"
      className="flex flex-wrap items-center gap-2 border-t border-amber-300/30 bg-[#1f1c12] px-3 py-1.5 text-xs text-amber-100"
    >
      <span className="font-medium">
        {count.toLocaleString('en-US')} {count === 1 ? 'line' : 'lines'} selected
      </span>
      <span className="text-amber-100/70">Shift+click a line number to extend</span>
      <span className="ml-auto flex flex-wrap gap-1.5">
        <button type="button" className={button} onClick={onCopy}>
          Copy lines
        </button>
        {onCopyLink ? (
          <button type="button" className={button} onClick={onCopyLink}>
            <Link2 aria-hidden="true" className="size-3.5" />
            Copy link to lines
          </button>
        ) : null}
        <button type="button" className={button} onClick={onClear}>
          Clear selection
        </button>
      </span>
    </div>
  );
}

function EmptyLog({
  connection,
  held,
  paused,
  onRetry,
}: {
  connection: Connection;
  held: number;
  paused: boolean;
  onRetry: () => void;
}) {
  if (held === 0 && (connection.state === 'failed' || connection.state === 'ended')) {
    const failed = connection.state === 'failed';
    return (
      <div className="absolute inset-x-0 top-8 mx-auto max-w-lg px-4 text-center font-sans">
        <p className={cn('text-sm font-semibold', failed ? 'text-red-300' : 'text-zinc-200')}>
          {failed ? 'The log stream could not be opened' : 'The log stream has ended'}
        </p>
        <p className="mt-1 text-sm break-words text-zinc-300">{connection.reason}</p>
        {failed && connection.requestId ? (
          <p className="mt-1 font-mono text-xs text-zinc-400">request id {connection.requestId}</p>
        ) : null}
        <button
          type="button"
          onClick={onRetry}
          className="mt-3 rounded-md border border-zinc-600 px-3 py-1 text-xs font-medium text-zinc-100 hover:bg-zinc-800"
        >
          {failed ? 'Try again' : 'Reconnect'}
        </button>
      </div>
    );
  }
  const text =
    held > 0
      ? 'No line matches the filters.'
      : paused
        ? 'Paused before any line arrived.'
        : connection.state === 'live'
          ? 'Connected. Waiting for the session to write something…'
          : connection.state === 'connecting'
            ? 'Connecting to the log stream…'
            : 'Not connected yet; retrying.';
  return <p className="absolute inset-x-0 top-8 px-4 text-center font-sans text-sm text-zinc-400">{text}</p>;
}
