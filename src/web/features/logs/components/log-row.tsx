import {
  ChevronDown,
  ChevronRight,
  CircleStop,
  Copy,
  Info,
  Moon,
  Plug,
  RotateCcw,
  Unplug,
  type LucideIcon,
} from 'lucide-react';
import { memo, type ReactNode } from 'react';
import { cn } from '../../../lib/cn';
import { stripAnsi } from '../lib/ansi';
import type { TimeMode } from '../lib/console-options';
import { describeGap } from '../lib/export';
import type { LogEntry, StatusKind } from '../lib/frame';
import type { GapFill } from '../lib/log-store';
import { jsonOf, prettyJsonTokens } from '../lib/json-message';
import type { Search } from '../lib/search';
import { describeTime, formatLineTime } from '../lib/time-format';
import { formatNumber } from '../../../lib/format';
import { JsonView, MessageText } from './message-text';

/** One row's height when nothing in it wraps: the virtualizer's estimate, exact for most rows. */
export const ROW_HEIGHT = 20;
/** A giant line shows this much until asked for all of it: the DOM copes, people do not. */
const DISPLAY_LIMIT = 10_000;

/** "12:34:56.789" (local), "12:34:56.789Z" (UTC), "59 min ago" (relative), each plus the gap. */
const TIME_WIDTH: Record<TimeMode, number> = { local: 14, utc: 15, relative: 12, off: 0 };

export interface RowHandlers {
  onSelect: (seq: number, extend: boolean) => void;
  onToggleJson: (seq: number) => void;
  onToggleFull: (seq: number) => void;
  onCopy: (entry: LogEntry) => void;
}

interface LogRowProps {
  entry: LogEntry;
  index: number;
  start: number;
  time: TimeMode;
  /** Only changes while timestamps are relative, so other rows are not re-rendered each second. */
  now: number;
  wrap: boolean;
  search: Search;
  currentMatch: boolean;
  selected: boolean;
  jsonOpen: boolean;
  fullOpen: boolean;
  handlers: RowHandlers;
  measure: ((el: HTMLElement | null) => void) | undefined;
  /** For a gap marker: the lines the recording had for it. */
  fill?: GapFill | undefined;
}

const chars = (n: number) => formatNumber(n);

export const LogRow = memo(function LogRow(props: LogRowProps) {
  const { entry, index, start, wrap, selected, measure } = props;
  const isErr = entry.stream === 'stderr';
  return (
    <div
      ref={measure}
      data-index={index}
      data-seq={entry.seq}
      data-stream={entry.kind === 'gap' ? 'gap' : entry.stream}
      data-selected={selected || undefined}
      className={cn(
        'group absolute top-0 left-0 flex min-w-full items-start border-l-2 border-transparent pr-2',
        wrap ? 'w-full' : 'w-max',
        isErr && 'border-red-400/70 bg-red-500/[0.07]',
        props.currentMatch && 'bg-sky-400/[0.12]',
        selected && 'border-amber-300 bg-amber-300/[0.14]',
      )}
      style={{ transform: `translateY(${start}px)` }}
    >
      {entry.kind === 'gap' ? (
        <GapRow entry={entry} fill={props.fill} time={props.time} now={props.now} />
      ) : (
        <LineRow {...props} />
      )}
    </div>
  );
});

function LineRow({
  entry,
  time,
  now,
  wrap,
  search,
  currentMatch,
  selected,
  jsonOpen,
  fullOpen,
  handlers,
}: LogRowProps) {
  const shownTime = formatLineTime(entry.time, time, now);
  const json = entry.kind === 'line' ? jsonOf(entry) : null;
  const giant = entry.message.length > DISPLAY_LIMIT;
  const text = giant && !fullOpen ? entry.message.slice(0, DISPLAY_LIMIT) : entry.message;
  const label = entry.id !== undefined ? `Line ${entry.id}` : `Line ${entry.seq} (no id)`;
  return (
    <>
      <button
        type="button"
        tabIndex={-1}
        aria-label={label}
        aria-pressed={selected}
        title="Select this line; Shift+click selects a range"
        onClick={(e) => handlers.onSelect(entry.seq, e.shiftKey)}
        className="sticky left-0 z-[1] w-[7ch] shrink-0 bg-zinc-950 pr-2 text-right text-zinc-400 tabular-nums select-none hover:text-zinc-100 group-data-[selected]:bg-[#2a2618] group-data-[selected]:text-amber-200"
      >
        {entry.id ?? ''}
      </button>
      <TimeCell entry={entry} time={time} shown={shownTime} className="text-zinc-400" />
      <StreamTag entry={entry} />
      <div
        data-part="message"
        className={cn(
          'min-w-0 flex-1',
          wrap || (giant && fullOpen) ? 'whitespace-pre-wrap [overflow-wrap:anywhere]' : 'whitespace-pre',
          entry.stream === 'stderr' ? 'text-red-200' : 'text-zinc-200',
        )}
      >
        {entry.kind === 'status' ? (
          <StatusChip kind={entry.status ?? 'other'}>
            <MessageText text={text} search={search} currentMatch={currentMatch} />
          </StatusChip>
        ) : (
          <MessageText text={text} search={search} currentMatch={currentMatch} />
        )}
        {giant ? (
          <button
            type="button"
            onClick={() => handlers.onToggleFull(entry.seq)}
            className="ml-2 rounded border border-zinc-600 px-1.5 text-[11px] text-sky-300 hover:bg-zinc-800"
          >
            {fullOpen ? 'Show less' : `… show all ${chars(entry.message.length)} characters`}
          </button>
        ) : null}
        {json ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={
              jsonOpen ? `Collapse JSON of ${label.toLowerCase()}` : `Expand JSON of ${label.toLowerCase()}`
            }
            aria-expanded={jsonOpen}
            title={jsonOpen ? 'Collapse JSON' : 'Show this JSON pretty-printed'}
            onClick={() => handlers.onToggleJson(entry.seq)}
            className="ml-2 inline-flex h-4 items-center gap-0.5 rounded border border-zinc-700 px-1 align-[-2px] text-[10.5px] leading-none text-zinc-400 hover:border-zinc-500 hover:text-zinc-100"
          >
            {jsonOpen ? (
              <ChevronDown aria-hidden="true" className="size-3" />
            ) : (
              <ChevronRight aria-hidden="true" className="size-3" />
            )}
            JSON
          </button>
        ) : null}
        {json && jsonOpen ? <JsonView tokens={prettyJsonTokens(json.value)} /> : null}
      </div>
      <span className="sticky right-0 ml-2 flex shrink-0 gap-0.5 bg-zinc-950/90 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100">
        <RowButton label={`Copy ${label.toLowerCase()}`} onClick={() => handlers.onCopy(entry)}>
          <Copy aria-hidden="true" />
        </RowButton>
      </span>
    </>
  );
}

function RowButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      tabIndex={-1}
      aria-label={label}
      title={label}
      onClick={onClick}
      className="flex size-5 items-center justify-center rounded text-zinc-400 hover:bg-zinc-700 hover:text-zinc-100 [&_svg]:size-3.5"
    >
      {children}
    </button>
  );
}

function StreamTag({ entry }: { entry: LogEntry }) {
  if (entry.kind === 'status')
    return <span className="w-[4ch] shrink-0 text-sky-300/80 select-none">sys</span>;
  if (entry.stream === 'stderr')
    return <span className="w-[4ch] shrink-0 font-semibold text-red-300 select-none">err</span>;
  if (entry.streamName)
    return (
      <span
        className="max-w-[10ch] shrink-0 truncate pr-1 text-violet-300 select-none"
        title={entry.streamName}
      >
        {entry.streamName}
      </span>
    );
  return (
    <span className="w-[4ch] shrink-0 text-zinc-400 select-none" aria-hidden={entry.raw ? undefined : true}>
      {entry.raw ? 'raw' : 'out'}
    </span>
  );
}

const STATUS_ICON: Record<StatusKind, LucideIcon> = {
  connected: Plug,
  heartbeat: Moon,
  lost: Unplug,
  dropped: Unplug,
  ended: CircleStop,
  shutdown: RotateCcw,
  restarted: RotateCcw,
  other: Info,
};

function StatusChip({ kind, children }: { kind: StatusKind; children: ReactNode }) {
  const Icon = STATUS_ICON[kind];
  const tone =
    kind === 'heartbeat'
      ? 'border-zinc-500/40 bg-zinc-400/10 text-zinc-300'
      : kind === 'ended' || kind === 'shutdown'
        ? 'border-amber-400/40 bg-amber-400/10 text-amber-200'
        : 'border-sky-400/30 bg-sky-400/10 text-sky-200';
  return (
    <span
      className={cn(
        'inline-flex max-w-full items-center gap-1.5 rounded-full border px-2 align-top text-[11.5px] leading-[18px]',
        tone,
      )}
    >
      <Icon aria-hidden="true" className="size-3 shrink-0" />
      <span className="min-w-0">{children}</span>
    </span>
  );
}

function GapRow({
  entry,
  fill,
  time,
  now,
}: {
  entry: LogEntry;
  fill: GapFill | undefined;
  time: TimeMode;
  now: number;
}) {
  if (!entry.gap) return null;
  const missed = entry.gap.lost + entry.gap.dropped > 0;
  const filled = fill?.lines.length ?? 0;
  const marker = (
    <div
      className={cn(
        'flex w-full min-w-[40ch] items-center gap-2 px-2 text-[11.5px]',
        filled > 0 ? 'text-zinc-400' : missed ? 'text-amber-200' : 'text-sky-200',
      )}
      role="note"
      aria-label="Gap in the log"
      title={entry.gap.reason ? `Why: ${entry.gap.reason}` : undefined}
    >
      <span aria-hidden="true" className="h-px flex-1 border-t border-dashed border-current opacity-50" />
      <Unplug aria-hidden="true" className="size-3 shrink-0" />
      <span className="shrink-0 whitespace-nowrap">
        {describeGap(entry.gap)}
        {filled > 0
          ? ` · ${fill?.more ? 'the first ' : ''}${formatNumber(filled)} ${filled === 1 ? 'line' : 'lines'} filled from the recording`
          : ''}
      </span>
      <span aria-hidden="true" className="h-px flex-1 border-t border-dashed border-current opacity-50" />
    </div>
  );
  if (!fill || filled === 0) return marker;
  return (
    <div className="flex w-full flex-col">
      {marker}
      <div
        role="group"
        aria-label={`${formatNumber(filled)} lines from the recording`}
        className="ml-[7ch] border-l border-dashed border-zinc-600 pl-2 text-zinc-400"
      >
        {fill.lines.map((line) => (
          <RecordedLineText key={line.seq} entry={line} time={time} now={now} />
        ))}
      </div>
    </div>
  );
}

/** The line's time in the mode chosen, or nothing when the mode is off or the line has none. */
function TimeCell({
  entry,
  time,
  shown,
  className,
}: {
  entry: LogEntry;
  time: TimeMode;
  shown: string | undefined;
  className?: string;
}) {
  if (shown === undefined) return null;
  return (
    <span
      className={cn('shrink-0 pr-2 tabular-nums select-none', className)}
      // Box-sized with its padding: the longest text of the mode, plus 2ch of gap.
      style={{ width: `${TIME_WIDTH[time]}ch` }}
      title={describeTime(entry.time)}
    >
      {shown}
    </span>
  );
}

/** A line the stream missed and the recording had: plain and dimmed, so it reads as filled in. */
function RecordedLineText({ entry, time, now }: { entry: LogEntry; time: TimeMode; now: number }) {
  const shownTime = formatLineTime(entry.time, time, now);
  return (
    <div data-recorded="" className="flex items-start whitespace-pre">
      <span className="w-[7ch] shrink-0 pr-2 text-right tabular-nums select-none">{entry.id ?? ''}</span>
      <TimeCell entry={entry} time={time} shown={shownTime} />
      <StreamTag entry={entry} />
      <span className={cn('min-w-0 flex-1', entry.stream === 'stderr' && 'text-red-300/80')}>
        {stripAnsi(entry.message.slice(0, DISPLAY_LIMIT))}
      </span>
    </div>
  );
}
