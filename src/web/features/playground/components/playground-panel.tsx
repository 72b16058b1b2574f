import { RotateCcw, Send, Square } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorFacts } from '../../../components/api-error';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { Checkbox, Input, Select, Textarea } from '../../../components/ui/input';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/format';
import { useNow } from '../../../lib/hooks/use-now';
import { sendPlaygroundRequest, type PlaygroundProtocol, type ReplyProgress } from '../api/send-request';
import { bodyProblem, exampleBody, loadHistory, saveHistory, type HistoryEntry } from '../lib/history';

interface PlaygroundPanelProps {
  agent: string;
  sessionId: string;
  /** The protocols the agent's endpoint serves; the playground offers only these. */
  protocols: PlaygroundProtocol[];
  /** Told when a request starts and ends, so the page can refresh what the agent may change meanwhile. */
  onRunningChange?: (running: boolean) => void;
}

type Mode = 'message' | 'json';

interface Running {
  entry: HistoryEntry;
  controller: AbortController;
  progress?: ReplyProgress;
}

/**
 * Send a message (or, for invocations, a raw JSON body) to the session and watch the reply arrive,
 * with its status, duration and request id; earlier requests stay listed and can be sent again.
 */
export function PlaygroundPanel({ agent, sessionId, protocols, onRunningChange }: PlaygroundPanelProps) {
  const [protocol, setProtocol] = useState<PlaygroundProtocol>(protocols[0] ?? 'invocations');
  const [mode, setMode] = useState<Mode>('message');
  const [message, setMessage] = useState('');
  const [json, setJson] = useState(() => exampleBody(protocols[0] ?? 'invocations'));
  const [stream, setStream] = useState(true);
  const [history, setHistory] = useState<HistoryEntry[]>(() => loadHistory(agent, sessionId));
  const [running, setRunning] = useState<Running>();
  const formId = useId();
  const runningRef = useRef<Running | undefined>(undefined);
  // A live duration while a request runs.
  const now = useNow(100, { enabled: running !== undefined });

  useEffect(() => saveHistory(agent, sessionId, history), [agent, sessionId, history]);
  // Leaving the page ends a request still running.
  useEffect(() => () => runningRef.current?.controller.abort(), []);

  const rawMode = protocol === 'invocations' && mode === 'json';
  const body = rawMode ? json : JSON.stringify(protocol === 'responses' ? { input: message } : { message });
  const problem = rawMode ? bodyProblem(json) : message.trim() ? undefined : 'Write a message.';

  async function send(entryBody: string, entryProtocol: PlaygroundProtocol, entryStream: boolean) {
    if (runningRef.current) return;
    const entry: HistoryEntry = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
      protocol: entryProtocol,
      body: entryBody,
      stream: entryStream,
      startedAt: Date.now(),
    };
    const controller = new AbortController();
    const run: Running = { entry, controller };
    runningRef.current = run;
    setRunning(run);
    onRunningChange?.(true);
    let finished: HistoryEntry;
    try {
      const result = await sendPlaygroundRequest(
        { agent, sessionId, protocol: entryProtocol, body: entryBody, stream: entryStream },
        controller.signal,
        (progress) => {
          run.progress = progress;
          setRunning({ ...run });
        },
      );
      finished = { ...entry, status: result.status, requestId: result.requestId, reply: result.text };
    } catch (err) {
      finished = controller.signal.aborted
        ? { ...entry, cancelled: true, reply: run.progress?.text }
        : {
            ...entry,
            reply: run.progress?.text,
            error:
              err instanceof ApiError
                ? { code: err.code, message: err.message, status: err.status, requestId: err.requestId }
                : { code: 'error', message: errorMessage(err), status: 0 },
            ...(err instanceof ApiError && { status: err.status, requestId: err.requestId }),
          };
    }
    finished.durationMs = Date.now() - entry.startedAt;
    runningRef.current = undefined;
    setRunning(undefined);
    setHistory((h) => [finished, ...h]);
    onRunningChange?.(false);
  }

  const latest = running ? undefined : history[0];

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <form
        id={formId}
        aria-label="Send a request"
        className="flex flex-col gap-3 rounded-lg border bg-surface p-4 shadow-xs"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) void send(body, protocol, stream);
        }}
      >
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1.5 text-sm font-medium">
            Protocol
            <Select
              value={protocol}
              onChange={(e) => {
                const next = e.target.value as PlaygroundProtocol;
                setProtocol(next);
                if (next === 'responses') setMode('message');
              }}
              className="w-44"
            >
              {protocols.map((p) => (
                <option key={p} value={p}>
                  {p === 'responses' ? 'Responses' : 'Invocations'}
                </option>
              ))}
            </Select>
          </label>
          {protocol === 'invocations' ? (
            <fieldset className="flex items-center gap-3 text-sm">
              <legend className="sr-only">Body</legend>
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name={`${formId}-mode`}
                  checked={mode === 'message'}
                  onChange={() => setMode('message')}
                  className="accent-primary"
                />
                Plain message
              </label>
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name={`${formId}-mode`}
                  checked={mode === 'json'}
                  onChange={() => setMode('json')}
                  className="accent-primary"
                />
                Raw JSON
              </label>
            </fieldset>
          ) : null}
          <div className="flex items-center gap-2 text-sm">
            <Checkbox
              id={`${formId}-stream`}
              checked={stream}
              onChange={(e) => setStream(e.target.checked)}
            />
            <label htmlFor={`${formId}-stream`}>Ask for a streamed reply</label>
          </div>
        </div>
        {rawMode ? (
          <div className="flex flex-col gap-1.5 text-sm font-medium">
            <label htmlFor={`${formId}-body`}>JSON body</label>
            <Textarea
              id={`${formId}-body`}
              value={json}
              onChange={(e) => setJson(e.target.value)}
              spellCheck={false}
              aria-invalid={problem ? true : undefined}
              className="min-h-32 font-mono text-xs"
            />
          </div>
        ) : (
          <div className="flex flex-col gap-1.5 text-sm font-medium">
            <label htmlFor={`${formId}-message`}>Message</label>
            <Input
              id={`${formId}-message`}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              placeholder={
                protocol === 'invocations' ? 'e.g. quarterly report' : 'e.g. Remember the demo is on Friday'
              }
            />
          </div>
        )}
        {problem && (rawMode || message) ? (
          <p role="alert" className="text-sm text-destructive">
            {problem}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={Boolean(problem) || Boolean(running)}>
            <Send aria-hidden="true" />
            Send
          </Button>
          {running ? (
            <Button variant="secondary" onClick={() => running.controller.abort()}>
              <Square aria-hidden="true" />
              Cancel
            </Button>
          ) : null}
          {problem && !rawMode && !message ? (
            <span className="text-sm text-muted-foreground">{problem}</span>
          ) : null}
        </div>
      </form>

      <section aria-label="Reply" aria-live="polite" className="rounded-lg border bg-surface p-4 shadow-xs">
        {running ? (
          <ReplyView
            heading="Sending…"
            status={running.progress?.status}
            requestId={running.progress?.requestId}
            durationMs={Math.max(0, now - running.entry.startedAt)}
            text={running.progress?.text}
          />
        ) : latest ? (
          <HistoryReply entry={latest} heading="Reply" />
        ) : (
          <p className="text-sm text-muted-foreground">
            Send a request to see the agent&rsquo;s reply here, with its status, duration and request id.
          </p>
        )}
      </section>

      {history.length > 1 || (history.length === 1 && running) ? (
        <section aria-label="Earlier requests" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Earlier requests in this session</h3>
          <ol className="flex flex-col gap-2">
            {history.slice(running ? 0 : 1).map((entry) => (
              <li key={entry.id} className="rounded-md border bg-surface p-3 text-sm">
                <HistoryReply entry={entry} heading={summary(entry)} compact />
                <Button
                  variant="secondary"
                  size="sm"
                  className="mt-2"
                  disabled={Boolean(running)}
                  onClick={() => void send(entry.body, entry.protocol, entry.stream)}
                >
                  <RotateCcw aria-hidden="true" />
                  Send again
                </Button>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

function summary(entry: HistoryEntry): string {
  return `${entry.protocol === 'responses' ? 'Responses' : 'Invocations'}: ${entry.body.replace(/\s+/g, ' ').slice(0, 80)}`;
}

function HistoryReply({
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
  // A streamed reply is 200 from its first byte; a failure later in it comes as an `error` event.
  const streamedError = Boolean(text && /^event: error$/m.test(text));
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
          {pretty(text)}
        </pre>
      ) : null}
    </div>
  );
}

/** JSON replies pretty-printed; streams and text as they came. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
