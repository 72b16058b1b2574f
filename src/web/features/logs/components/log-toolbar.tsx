import {
  CaseSensitive,
  ChevronDown,
  ChevronUp,
  Clock,
  Download,
  Eraser,
  Filter,
  Link2,
  MoreHorizontal,
  Pause,
  Play,
  Regex,
  Search as SearchIcon,
  WrapText,
  X,
} from 'lucide-react';
import { useEffect, useId, useRef, type ComponentProps, type ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn';
import { TIME_MODES, type TimeMode } from '../lib/console-options';
import type { LineStream } from '../lib/frame';
import { MAX_BUFFER_LINES, MIN_BUFFER_LINES } from '../lib/log-buffer';
import { MATCH_EVENT, type MatchDirection, type PaneApi } from './log-pane';
import { Popover, PopoverHeading, PopoverItem } from '../../../components/ui/popover';
import type { ConsoleOptionsState } from './use-console-options';

const TIME_LABEL: Record<TimeMode, string> = {
  local: 'Local',
  utc: 'UTC',
  relative: 'Relative',
  off: 'No time',
};

const BUFFER_CHOICES = [10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000].filter(
  (n) => n >= MIN_BUFFER_LINES && n <= MAX_BUFFER_LINES,
);

/** A compact toolbar button: an icon, a label that hides on narrow screens, and a tooltip. */
export function ToolButton({
  icon,
  label,
  pressed,
  showLabel = 'md',
  className,
  ...props
}: Omit<ComponentProps<'button'>, 'children'> & {
  icon: ReactNode;
  label: string;
  pressed?: boolean;
  /** From which width the label shows next to the icon; 'never' for icon-only buttons. */
  showLabel?: 'always' | 'sm' | 'md' | 'lg' | 'never';
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={props.title ?? label}
      className={cn(
        'inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md px-2 text-[13px] font-medium text-foreground transition-colors hover:bg-muted disabled:pointer-events-none disabled:opacity-45 [&_svg]:size-4 [&_svg]:shrink-0',
        pressed && 'bg-accent text-accent-foreground hover:bg-accent/80',
        className,
      )}
      {...props}
    >
      {icon}
      <span
        className={cn(
          showLabel === 'never' && 'sr-only',
          showLabel === 'sm' && 'sr-only sm:not-sr-only',
          showLabel === 'md' && 'sr-only md:not-sr-only',
          showLabel === 'lg' && 'sr-only lg:not-sr-only',
        )}
      >
        {label}
      </span>
    </button>
  );
}

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

interface FilterControlsProps {
  state: ConsoleOptionsState;
  /** Match count and navigation, when one pane owns them (not side by side). */
  matches?: { count: number; position: number | undefined; next: () => void; previous: () => void };
  className?: string;
}

/**
 * Stream toggles, search and display choices: everything that lives in the URL. Ctrl/Cmd+F or `f`
 * focuses the search (the header keeps `/` for opening a session); Enter and Shift+Enter move through
 * matches, as n and N do outside the box.
 */
export function FilterControls({ state, matches, className }: FilterControlsProps) {
  const { options, update, search, draft, setDraft } = state;
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || document.querySelector('dialog[open]')) return;
      const find = (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'f';
      const plainF = e.key === 'f' && !e.ctrlKey && !e.metaKey && !isTyping(e.target);
      if (!find && !plainF) return;
      // The browser's own find cannot see lines that are not on screen; this search can.
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const sendMatch = (direction: MatchDirection) => {
    if (matches) {
      if (direction === 'next') matches.next();
      else matches.previous();
    } else {
      document.dispatchEvent(new CustomEvent(MATCH_EVENT, { detail: direction }));
    }
  };

  const toggleStream = (s: LineStream) =>
    update({ streams: { ...options.streams, [s]: !options.streams[s] } });
  const searching = search.kind === 'ok';
  const pending = draft !== options.query;

  return (
    <div className={cn('flex flex-wrap items-center gap-x-2 gap-y-1.5', className)}>
      <div
        role="group"
        aria-label="Streams"
        className="flex items-center rounded-md border bg-background p-0.5"
      >
        {(['stdout', 'stderr', 'status'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={options.streams[s]}
            title={`${options.streams[s] ? 'Hide' : 'Show'} ${s} lines`}
            onClick={() => toggleStream(s)}
            className={cn(
              'inline-flex h-7 items-center gap-1.5 rounded px-2 font-mono text-xs font-medium transition-colors',
              options.streams[s]
                ? 'bg-surface text-foreground shadow-xs'
                : 'text-muted-foreground line-through decoration-muted-foreground/60 hover:text-foreground',
            )}
          >
            <span
              aria-hidden="true"
              className={cn(
                'size-1.5 rounded-full',
                s === 'stdout' ? 'bg-emerald-500' : s === 'stderr' ? 'bg-red-500' : 'bg-sky-500',
                !options.streams[s] && 'opacity-40',
              )}
            />
            {s}
          </button>
        ))}
      </div>

      <div className="flex min-w-0 flex-[1_1_18rem] items-center gap-1">
        <div
          className={cn(
            'flex h-8 min-w-0 flex-1 items-center gap-1 rounded-md border border-input bg-surface pr-0.5 pl-2 shadow-xs focus-within:border-ring focus-within:outline-2 focus-within:outline-ring/40',
            search.kind === 'error' && 'border-destructive focus-within:outline-destructive/40',
          )}
        >
          <SearchIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          <input
            ref={input}
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                // Search now, without waiting for the typing pause.
                if (pending) update({ query: draft });
                sendMatch(e.shiftKey ? 'previous' : 'next');
              } else if (e.key === 'Escape' && draft) {
                e.preventDefault();
                setDraft('');
              }
            }}
            aria-label="Search lines"
            aria-invalid={search.kind === 'error' || undefined}
            aria-describedby={search.kind === 'error' ? errorId : undefined}
            placeholder="Search lines (Ctrl+F)"
            spellCheck={false}
            className="h-full min-w-0 flex-1 bg-transparent text-sm outline-none placeholder:text-muted-foreground/80 [&::-webkit-search-cancel-button]:hidden"
          />
          {draft ? (
            <button
              type="button"
              aria-label="Clear search"
              title="Clear search"
              onClick={() => {
                setDraft('');
                update({ query: '' });
                input.current?.focus();
              }}
              className="flex size-6 items-center justify-center rounded text-muted-foreground hover:bg-muted hover:text-foreground"
            >
              <X aria-hidden="true" className="size-3.5" />
            </button>
          ) : null}
          <OptionToggle
            label="Match case"
            pressed={options.matchCase}
            onClick={() => update({ matchCase: !options.matchCase })}
          >
            <CaseSensitive aria-hidden="true" />
          </OptionToggle>
          <OptionToggle
            label="Regular expression"
            pressed={options.regex}
            onClick={() => update({ regex: !options.regex })}
          >
            <Regex aria-hidden="true" />
          </OptionToggle>
          <OptionToggle
            label="Show only matching lines"
            pressed={options.onlyMatching}
            onClick={() => update({ onlyMatching: !options.onlyMatching })}
          >
            <Filter aria-hidden="true" />
          </OptionToggle>
        </div>
        {matches ? (
          <div className="flex shrink-0 items-center">
            <span
              className="px-1 text-center text-xs whitespace-nowrap text-muted-foreground tabular-nums"
              aria-live="polite"
            >
              {searching
                ? matches.count === 0
                  ? 'No matches'
                  : matches.position !== undefined
                    ? `${matches.position.toLocaleString('en-US')} of ${matches.count.toLocaleString('en-US')}`
                    : `${matches.count.toLocaleString('en-US')} ${matches.count === 1 ? 'match' : 'matches'}`
                : ''}
            </span>
            <ToolButton
              icon={<ChevronUp aria-hidden="true" />}
              label="Previous match"
              title="Previous match (Shift+N)"
              showLabel="never"
              disabled={!searching || matches.count === 0}
              onClick={matches.previous}
              className="w-8 px-0"
            />
            <ToolButton
              icon={<ChevronDown aria-hidden="true" />}
              label="Next match"
              title="Next match (N)"
              showLabel="never"
              disabled={!searching || matches.count === 0}
              onClick={matches.next}
              className="w-8 px-0"
            />
          </div>
        ) : null}
      </div>

      <div className="flex items-center gap-1">
        <label
          title="Timestamps"
          className="inline-flex h-8 items-center gap-1 rounded-md border border-input bg-surface pr-1 pl-2 text-[13px] shadow-xs focus-within:border-ring"
        >
          <Clock aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          <select
            aria-label="Timestamps"
            value={options.time}
            onChange={(e) => update({ time: e.target.value as TimeMode })}
            className="h-full bg-transparent pr-1 outline-none"
          >
            {TIME_MODES.map((m) => (
              <option key={m} value={m}>
                {TIME_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <ToolButton
          icon={<WrapText aria-hidden="true" />}
          label="Wrap lines"
          pressed={options.wrap}
          onClick={() => update({ wrap: !options.wrap })}
          showLabel="never"
        />
      </div>
      {search.kind === 'error' ? (
        <p id={errorId} role="alert" className="w-full text-xs font-medium text-destructive">
          {search.message}
        </p>
      ) : null}
    </div>
  );
}

function OptionToggle({
  label,
  pressed,
  onClick,
  children,
}: {
  label: string;
  pressed: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      title={label}
      onClick={onClick}
      className={cn(
        'flex size-7 shrink-0 items-center justify-center rounded text-muted-foreground hover:bg-muted hover:text-foreground [&_svg]:size-4',
        pressed && 'bg-accent text-accent-foreground ring-1 ring-primary/40 hover:bg-accent',
      )}
    >
      {children}
    </button>
  );
}

interface PaneActionsProps {
  api: PaneApi;
  /** The buffer size choice lives in the URL too. */
  bufferLines: number;
  onBufferLines: (n: number) => void;
  /** Extra entries for the "More" panel (full window, compare, …). */
  more?: (close: () => void) => ReactNode;
  compact?: boolean;
}

/** What acts on one pane's lines: pause, download, clear, and the rest under "More". */
export function PaneActions({ api, bufferLines, onBufferLines, more, compact }: PaneActionsProps) {
  const bufferId = useId();
  const label = compact ? 'never' : 'md';
  return (
    <div className="flex items-center gap-0.5">
      <ToolButton
        icon={api.paused ? <Play aria-hidden="true" /> : <Pause aria-hidden="true" />}
        label="Pause"
        title={
          api.paused
            ? 'Resume: show the lines that arrived while paused'
            : 'Pause: keep receiving, stop scrolling'
        }
        pressed={api.paused}
        onClick={api.togglePause}
        showLabel={label}
      />
      <Popover
        label="Download"
        trigger={(p) => (
          <ToolButton
            {...p}
            icon={<Download aria-hidden="true" />}
            label="Download"
            title="Download lines"
            showLabel={compact ? 'never' : 'lg'}
          />
        )}
      >
        {(close) => (
          <>
            <PopoverHeading>Shown lines ({api.shownCount.toLocaleString('en-US')})</PopoverHeading>
            {(['log', 'jsonl'] as const).map((f) => (
              <PopoverItem
                key={`shown-${f}`}
                onClick={() => {
                  api.download('shown', f);
                  close();
                }}
              >
                <Download aria-hidden="true" />
                Shown as .{f}
              </PopoverItem>
            ))}
            <PopoverHeading>Everything held ({api.heldCount.toLocaleString('en-US')})</PopoverHeading>
            {(['log', 'jsonl'] as const).map((f) => (
              <PopoverItem
                key={`all-${f}`}
                onClick={() => {
                  api.download('all', f);
                  close();
                }}
              >
                <Download aria-hidden="true" />
                All held as .{f}
              </PopoverItem>
            ))}
          </>
        )}
      </Popover>
      <ToolButton
        icon={<Eraser aria-hidden="true" />}
        label="Clear"
        title="Clear the lines held here (the session keeps its log)"
        onClick={api.clear}
        showLabel={compact ? 'never' : 'lg'}
      />
      <Popover
        label="More log actions"
        trigger={(p) => (
          <ToolButton {...p} icon={<MoreHorizontal aria-hidden="true" />} label="More" showLabel="never" />
        )}
      >
        {(close) => (
          <>
            <div className="px-2.5 py-1.5">
              <label htmlFor={bufferId} className="block text-xs font-medium text-muted-foreground">
                Lines held in this console
              </label>
              <select
                id={bufferId}
                value={bufferLines}
                onChange={(e) => onBufferLines(Number(e.target.value))}
                className="mt-1 h-8 w-full rounded-md border border-input bg-surface px-2 text-sm"
              >
                {(BUFFER_CHOICES.includes(bufferLines)
                  ? BUFFER_CHOICES
                  : [...BUFFER_CHOICES, bufferLines].sort((a, b) => a - b)
                ).map((n) => (
                  <option key={n} value={n}>
                    {n.toLocaleString('en-US')} lines
                  </option>
                ))}
              </select>
              <p className="mt-1 text-xs text-muted-foreground">When full, the oldest lines go first.</p>
            </div>
            {more?.(close)}
          </>
        )}
      </Popover>
    </div>
  );
}

/** A link styled as a toolbar button (full window and back). */
export function ToolLink({
  to,
  icon,
  label,
  showLabel = 'lg',
}: {
  to: string;
  icon: ReactNode;
  label: string;
  showLabel?: 'lg' | 'never';
}) {
  return (
    <Link
      to={to}
      title={label}
      className="inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md px-2 text-[13px] font-medium text-foreground hover:bg-muted [&_svg]:size-4"
    >
      {icon}
      <span className={showLabel === 'never' ? 'sr-only' : 'sr-only lg:not-sr-only'}>{label}</span>
    </Link>
  );
}

/** The single-session "More" entry: a link to exactly this view (filters, search, display). */
export function CopyViewLinkItem({ close, onCopy }: { close: () => void; onCopy: () => void }) {
  return (
    <>
      <div className="my-1 border-t" />
      <PopoverItem
        onClick={() => {
          onCopy();
          close();
        }}
      >
        <Link2 aria-hidden="true" />
        Copy link to this view
      </PopoverItem>
    </>
  );
}
