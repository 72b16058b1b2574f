import { ErrorFacts } from '../../../components/api-error';
import { Badge } from '../../../components/ui/badge';
import { CopyButton } from '../../../components/ui/copy-button';
import { ApiError } from '../../../lib/api-client';
import { useNow } from '../../../lib/hooks/use-now';
import type { RunningRequest } from '../hooks/use-playground-run';
import type { HistoryEntry } from '../model/history';
import { hasStreamedError, prettyReply } from '../model/request-draft';

/** The reply arriving, with a duration that keeps counting until it ends. */
export function RunningReply({ running }: { running: RunningRequest }) {
  const now = useNow(100);
  return (
    <ReplyView
      heading="Sending…"
      status={running.progress?.status}
      requestId={running.progress?.requestId}
      durationMs={Math.max(0, now - running.entry.startedAt)}
      text={running.progress?.text}
    />
  );
}

/** A finished request's reply, or how it failed or was cancelled. */
export function HistoryReply({
  entry,
  heading,
  compact,
}: {
  entry: HistoryEntry;
  heading: string;
  compact?: boolean;
}) {
  return (
    <ReplyView
      heading={heading}
      status={entry.status}
      requestId={entry.requestId}
      durationMs={entry.durationMs}
      text={entry.reply}
      cancelled={entry.cancelled}
      error={entry.error}
      compact={compact}
    />
  );
}

/** Status, duration and request id of a reply, its error if any, and its text. */
function ReplyView(props: {
  heading: string;
  status?: number;
  requestId?: string;
  durationMs?: number;
  text?: string;
  cancelled?: boolean;
  error?: HistoryEntry['error'];
  compact?: boolean;
}) {
  const { heading, status, requestId, durationMs, text, cancelled, error, compact } = props;
  const streamedError = hasStreamedError(text);
  const ok = status !== undefined && status >= 200 && status < 300 && !error && !streamedError;
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className={compact ? 'min-w-0 truncate font-medium' : 'text-sm font-semibold'}>{heading}</h3>
        {status !== undefined ? (
          <Badge variant={ok ? 'success' : 'destructive'} dot>
            HTTP {status}
          </Badge>
        ) : null}
        {cancelled ? <Badge variant="warning">Cancelled</Badge> : null}
        {streamedError ? <Badge variant="destructive">The agent reported an error</Badge> : null}
        {durationMs !== undefined ? (
          <span className="text-xs text-muted-foreground tabular-nums">
            {(durationMs / 1000).toFixed(2)} s
          </span>
        ) : null}
        {requestId ? (
          <span className="inline-flex items-center gap-1 font-mono text-xs text-muted-foreground">
            request id {requestId}
            <CopyButton value={requestId} label="Copy request id" size="sm" className="h-6 px-1.5" />
          </span>
        ) : null}
      </div>
      {error ? (
        <div
          role="alert"
          className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm"
        >
          <p>{error.message}</p>
          <p className="mt-1 text-xs text-muted-foreground">
            <ErrorFacts error={new ApiError(error.status, error.code, error.message, error.requestId)} />
          </p>
        </div>
      ) : null}
      {text ? (
        <pre
          className={
            compact
              ? 'max-h-24 overflow-auto rounded bg-muted p-2 font-mono text-xs whitespace-pre-wrap break-words'
              : 'max-h-96 overflow-auto rounded bg-muted p-3 font-mono text-xs whitespace-pre-wrap break-words'
          }
        >
          {prettyReply(text)}
        </pre>
      ) : null}
    </div>
  );
}
