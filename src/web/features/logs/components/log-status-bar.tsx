import { Moon, Pause } from 'lucide-react';
import { cn } from '../../../lib/cn';
import type { Connection, LogStore } from '../lib/log-store';
import { formatAgo } from '../lib/time-format';
import { ConnectionIndicator } from './connection-indicator';
import { useNow } from '../../../lib/hooks/use-now';
import { formatNumber } from '../../../lib/format';

const n = (v: number) => formatNumber(v);

/**
 * The line under the log: connection, how many lines, how fast, what was dropped, and how long it has
 * been quiet. Ticks once a second on its own, so the rows above do not re-render for it.
 */
export function LogStatusBar({
  store,
  connection,
  onRetry,
  held,
  shown,
  paused,
  pausedNew,
  flash,
  compact,
}: {
  store: LogStore;
  connection: Connection;
  onRetry: () => void;
  held: number;
  shown: number;
  paused: boolean;
  pausedNew: number;
  flash: string | undefined;
  compact?: boolean;
}) {
  const now = useNow(1000);
  const rate = store.rate();
  const dropped = store.buffer.dropped;
  const lastLine = store.lastLineAt;
  const quiet = store.quietSince !== undefined;
  const sep = (
    <span aria-hidden="true" className="text-zinc-400">
      ·
    </span>
  );
  return (
    <div
      className={cn(
        'flex flex-wrap items-center gap-x-2.5 gap-y-1 border-t border-zinc-800 bg-zinc-900 px-3 py-1.5 text-xs text-zinc-300',
        compact && 'text-[11px]',
      )}
    >
      <ConnectionIndicator connection={connection} onRetry={onRetry} className="max-w-full" />
      {sep}
      <span data-testid="line-count" className="tabular-nums">
        {n(held)} {held === 1 ? 'line' : 'lines'}
        {shown !== held ? <span className="text-zinc-400"> ({n(shown)} shown)</span> : null}
      </span>
      {sep}
      <span className="tabular-nums" title="Lines per second over the last two seconds">
        {n(Math.round(rate))} lines/s
      </span>
      {dropped > 0 ? (
        <>
          {sep}
          <span
            className="text-amber-300 tabular-nums"
            title={`The console holds at most ${n(store.buffer.limit)} lines`}
          >
            {n(dropped)} older {dropped === 1 ? 'line' : 'lines'} dropped (buffer {n(store.buffer.limit)})
          </span>
        </>
      ) : null}
      {lastLine !== undefined ? (
        <>
          {sep}
          <span className="tabular-nums">last line {formatAgo(now - lastLine)}</span>
        </>
      ) : null}
      {quiet ? (
        <span
          className="inline-flex items-center gap-1 rounded-full border border-zinc-600 px-1.5 text-zinc-300"
          title="The server said nothing was logged for a while"
        >
          <Moon aria-hidden="true" className="size-3" />
          quiet
        </span>
      ) : null}
      {paused ? (
        <span className="inline-flex items-center gap-1 rounded-full bg-amber-400/15 px-1.5 font-medium text-amber-200">
          <Pause aria-hidden="true" className="size-3" />
          Paused{pausedNew > 0 ? ` · ${n(pausedNew)} new held` : ''}
        </span>
      ) : null}
      <span role="status" className="ml-auto text-sky-200 empty:hidden">
        {flash}
      </span>
    </div>
  );
}
