import { RefreshCw } from 'lucide-react';
import { cn } from '../../../lib/cn';
import type { Connection } from '../lib/log-store';
import { useNow } from '../../../lib/hooks/use-now';

const DOT: Record<Connection['state'], string> = {
  connecting: 'bg-sky-400 animate-pulse',
  live: 'bg-emerald-400',
  reconnecting: 'bg-amber-400 animate-pulse',
  ended: 'bg-zinc-400',
  failed: 'bg-red-400',
};

/** The stream's state in words; the reason rides along in the tooltip and for screen readers. */
export function ConnectionIndicator({
  connection,
  onRetry,
  className,
}: {
  connection: Connection;
  onRetry: () => void;
  className?: string;
}) {
  const counting = connection.state === 'reconnecting';
  const now = useNow(250, { enabled: counting });
  const label = connectionLabel(connection, now);
  const reason = 'reason' in connection ? connection.reason : undefined;
  const action =
    connection.state === 'reconnecting'
      ? 'Retry now'
      : connection.state === 'failed'
        ? 'Retry'
        : connection.state === 'ended'
          ? 'Reconnect'
          : undefined;
  return (
    <span
      className={cn('inline-flex min-w-0 items-center gap-2', className)}
      data-connection={connection.state}
    >
      <span aria-hidden="true" className={cn('size-2 shrink-0 rounded-full', DOT[connection.state])} />
      <span className="min-w-0 truncate" title={reason}>
        <span className="font-medium">{label}</span>
        {reason && connection.state !== 'live' ? <span className="text-zinc-400"> · {reason}</span> : null}
        {connection.state === 'failed' && connection.requestId ? (
          <span className="text-zinc-400"> · request id {connection.requestId}</span>
        ) : null}
      </span>
      {action ? (
        <button
          type="button"
          onClick={onRetry}
          className="inline-flex shrink-0 items-center gap-1 rounded border border-zinc-600 px-1.5 py-px text-[11px] font-medium text-zinc-100 hover:bg-zinc-700"
        >
          <RefreshCw aria-hidden="true" className="size-3" />
          {action}
        </button>
      ) : null}
    </span>
  );
}

function connectionLabel(connection: Connection, now: number): string {
  switch (connection.state) {
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return 'Live';
    case 'reconnecting': {
      const s = Math.ceil((connection.retryAt - now) / 1000);
      return s > 0 ? `Reconnecting in ${s} s` : 'Reconnecting…';
    }
    case 'ended':
      return 'Ended';
    case 'failed':
      return 'Failed';
  }
}

/** What a screen reader hears: once per change of state, never per line or per countdown tick. */
export function announcement(connection: Connection): string {
  switch (connection.state) {
    case 'connecting':
      return 'Connecting to the log stream.';
    case 'live':
      return 'Log stream live.';
    case 'reconnecting':
      return `Log stream lost: ${connection.reason} Reconnecting.`;
    case 'ended':
      return `Log stream ended: ${connection.reason}`;
    case 'failed':
      return `Log stream failed: ${connection.reason}`;
  }
}
