import { useId } from 'react';
import { cn } from '../../../lib/cn';
import { DisplayControls } from './display-controls';
import { SearchBox } from './search-box';
import { StreamToggles } from './stream-toggles';
import type { ConsoleOptionsState } from './use-console-options';

/**
 * Stream toggles, search and display choices: everything that lives in the URL. Inside a pane the
 * search counts and moves through that pane's matches; above a group of panes, through each one's.
 */
export function FilterControls({ state, className }: { state: ConsoleOptionsState; className?: string }) {
  const { options, update, search } = state;
  const errorId = useId();
  return (
    <div className={cn('flex flex-wrap items-center gap-x-2 gap-y-1.5', className)}>
      <StreamToggles streams={options.streams} onChange={(streams) => update({ streams })} />
      <SearchBox state={state} errorId={errorId} />
      <DisplayControls options={options} update={update} />
      {search.kind === 'error' ? (
        <p id={errorId} role="alert" className="w-full text-xs font-medium text-destructive">
          {search.message}
        </p>
      ) : null}
    </div>
  );
}
