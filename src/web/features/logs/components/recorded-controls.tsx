import { History, Radio, Search as SearchIcon, X } from 'lucide-react';
import { useRef, type ReactNode } from 'react';
import { cn } from '../../../lib/cn';
import type { ConsoleOptionsState } from './use-console-options';

/** Where the pane's lines come from: the live stream, or the console's recording of it. */
export type LogSource = 'live' | 'recorded';

/** Live or recorded: two pressed-or-not buttons, as the stream toggles are. */
export function SourceSwitch({ source, onChange }: { source: LogSource; onChange: (s: LogSource) => void }) {
  const button = (value: LogSource, label: string, icon: ReactNode, title: string) => (
    <button
      type="button"
      aria-pressed={source === value}
      title={title}
      onClick={() => onChange(value)}
      className={cn(
        'inline-flex h-7 items-center gap-1 rounded px-2 text-[13px] font-medium text-muted-foreground hover:bg-muted hover:text-foreground [&_svg]:size-3.5',
        source === value && 'bg-accent text-accent-foreground ring-1 ring-primary/40 hover:bg-accent',
      )}
    >
      {icon}
      {label}
    </button>
  );
  return (
    <div
      role="group"
      aria-label="Source of the lines"
      className="flex h-8 items-center gap-0.5 rounded-md border border-input bg-surface px-0.5 shadow-xs"
    >
      {button('live', 'Live', <Radio aria-hidden="true" />, 'The live log stream')}
      {button(
        'recorded',
        'Recorded',
        <History aria-hidden="true" />,
        'What this console recorded of the session, searched on the server',
      )}
    </div>
  );
}

/**
 * The search box of the recorded view: what it holds goes to the server as a full-text search (SQLite
 * FTS5: words, "phrases", prefix*, AND/OR/NOT), not as the live view's text or regular expression.
 */
export function RecordedSearchBox({ state }: { state: ConsoleOptionsState }) {
  const { draft, setDraft, update, options } = state;
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="flex h-8 min-w-0 flex-[1_1_18rem] items-center gap-1 rounded-md border border-input bg-surface pr-0.5 pl-2 shadow-xs focus-within:border-ring focus-within:outline-2 focus-within:outline-ring/40">
      <SearchIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
      <input
        ref={input}
        type="search"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (draft !== options.query) update({ query: draft });
          } else if (e.key === 'Escape' && draft) {
            e.preventDefault();
            setDraft('');
          }
        }}
        aria-label="Search the recording"
        placeholder='Search the recording: words, "phrases", prefix*'
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
    </div>
  );
}
