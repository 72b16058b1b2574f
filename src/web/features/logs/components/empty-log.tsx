import { cn } from '../../../lib/cn';
import type { Connection } from '../lib/log-store';

/** What the line area says when it has no row to show, and why. */
export function EmptyLog({
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
