import { useEffect, useRef, useState } from 'react';
import { sendPlaygroundRequest, type PlaygroundProtocol, type ReplyProgress } from '../api/send-request';
import { endedEntry, loadHistory, saveHistory, startEntry, type HistoryEntry } from '../model/history';

/** The request on its way: what was sent, how to cancel it, and what has arrived so far. */
export interface RunningRequest {
  entry: HistoryEntry;
  controller: AbortController;
  progress?: ReplyProgress;
}

/**
 * Requests to one session, one at a time, and this tab's history of them (kept in sessionStorage, so
 * a reload keeps it). Leaving the page cancels a request still running.
 */
export function usePlaygroundRun(
  agent: string,
  sessionId: string,
  onRunningChange?: (running: boolean) => void,
) {
  const [history, setHistory] = useState<HistoryEntry[]>(() => loadHistory(agent, sessionId));
  const [running, setRunning] = useState<RunningRequest>();
  // The state above lags a render behind; this says at once whether a request is on its way.
  const runningRef = useRef<RunningRequest | undefined>(undefined);

  useEffect(() => saveHistory(agent, sessionId, history), [agent, sessionId, history]);
  useEffect(() => () => runningRef.current?.controller.abort(), []);

  async function send(body: string, protocol: PlaygroundProtocol, stream: boolean) {
    if (runningRef.current) return;
    const entry = startEntry(protocol, body, stream);
    const controller = new AbortController();
    const run: RunningRequest = { entry, controller };
    runningRef.current = run;
    setRunning(run);
    onRunningChange?.(true);
    let finished: HistoryEntry;
    try {
      const result = await sendPlaygroundRequest(
        { agent, sessionId, protocol, body, stream },
        controller.signal,
        (progress) => {
          run.progress = progress;
          setRunning({ ...run });
        },
      );
      finished = { ...entry, status: result.status, requestId: result.requestId, reply: result.text };
    } catch (err) {
      finished = endedEntry(entry, err, controller.signal.aborted, run.progress?.text);
    }
    finished.durationMs = Date.now() - entry.startedAt;
    runningRef.current = undefined;
    setRunning(undefined);
    setHistory((h) => [finished, ...h]);
    onRunningChange?.(false);
  }

  return { history, running, send };
}
