import { CaseSensitive, ChevronDown, ChevronUp, Filter, Regex, Search as SearchIcon, X } from 'lucide-react';
import { useContext, useRef, type ReactNode } from 'react';
import { cn } from '../../../lib/cn';
import { useFindShortcut } from '../hooks/use-key-bindings';
import type { MatchDirection } from '../hooks/use-match-navigation';
import { LogPaneContext, usePaneGroupMatch, type PaneApi } from './log-pane-context';
import { ToolButton } from './tool-button';
import type { ConsoleOptionsState } from './use-console-options';
import { formatNumber } from '../../../lib/format';

/**
 * The search box and its options. Inside a pane it moves through that pane's matches and counts them;
 * above a group of panes it moves each pane (they count their own). Enter and Shift+Enter move, as n
 * and N do outside the box.
 */
export function SearchBox({ state, errorId }: { state: ConsoleOptionsState; errorId: string }) {
  const { options, update, search, draft, setDraft } = state;
  const input = useRef<HTMLInputElement>(null);
  useFindShortcut(input);
  const pane = useContext(LogPaneContext);
  const moveGroup = usePaneGroupMatch();
  const pending = draft !== options.query;

  const move = (direction: MatchDirection) => {
    if (pane) {
      if (direction === 'next') pane.nextMatch();
      else pane.previousMatch();
    } else {
      moveGroup(direction);
    }
  };

  return (
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
              move(e.shiftKey ? 'previous' : 'next');
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
      {pane ? <MatchNavigator pane={pane} searching={search.kind === 'ok'} /> : null}
    </div>
  );
}

/** "3 of 12" and the buttons to the previous and next match of one pane. */
function MatchNavigator({ pane, searching }: { pane: PaneApi; searching: boolean }) {
  const { matchCount: count, matchPosition: position } = pane;
  return (
    <div className="flex shrink-0 items-center">
      <span
        className="px-1 text-center text-xs whitespace-nowrap text-muted-foreground tabular-nums"
        aria-live="polite"
      >
        {searching
          ? count === 0
            ? 'No matches'
            : position !== undefined
              ? `${formatNumber(position)} of ${formatNumber(count)}`
              : `${formatNumber(count)} ${count === 1 ? 'match' : 'matches'}`
          : ''}
      </span>
      <ToolButton
        icon={<ChevronUp aria-hidden="true" />}
        label="Previous match"
        title="Previous match (Shift+N)"
        showLabel="never"
        disabled={!searching || count === 0}
        onClick={pane.previousMatch}
        className="w-8 px-0"
      />
      <ToolButton
        icon={<ChevronDown aria-hidden="true" />}
        label="Next match"
        title="Next match (N)"
        showLabel="never"
        disabled={!searching || count === 0}
        onClick={pane.nextMatch}
        className="w-8 px-0"
      />
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
