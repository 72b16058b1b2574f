import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/format';
import type { PlaygroundProtocol } from '../api/send-request';

export interface HistoryEntry {
  id: string;
  protocol: PlaygroundProtocol;
  body: string;
  stream: boolean;
  startedAt: number;
  durationMs?: number;
  status?: number;
  requestId?: string;
  /** The reply as received, cut to keep the stored history small. */
  reply?: string;
  error?: { code: string; message: string; status: number; requestId?: string };
  cancelled?: boolean;
}

const MAX_ENTRIES = 50;
const MAX_REPLY_CHARS = 20_000;
const key = (agent: string, sessionId: string) => `asc.playground.${agent}/${sessionId}`;

/** This tab's requests to one session, newest first; kept in sessionStorage so a reload keeps them. */
export function loadHistory(agent: string, sessionId: string): HistoryEntry[] {
  try {
    const raw = sessionStorage.getItem(key(agent, sessionId));
    const parsed = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(parsed) ? (parsed as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

export function saveHistory(agent: string, sessionId: string, entries: HistoryEntry[]): void {
  const trimmed = entries
    .slice(0, MAX_ENTRIES)
    .map((e) =>
      e.reply && e.reply.length > MAX_REPLY_CHARS
        ? { ...e, reply: `${e.reply.slice(0, MAX_REPLY_CHARS)}\n…` }
        : e,
    );
  try {
    sessionStorage.setItem(key(agent, sessionId), JSON.stringify(trimmed));
  } catch {
    // Storage full or refused: the history still lives on this page.
  }
}

/** A request as it starts: what was sent and when; the outcome is added when it ends. */
export function startEntry(protocol: PlaygroundProtocol, body: string, stream: boolean): HistoryEntry {
  return {
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    protocol,
    body,
    stream,
    startedAt: Date.now(),
  };
}

/**
 * A request that ended without a reply: cancelled, or failed with the server's error (status, code and
 * request id kept to quote). What arrived before the end is kept as the reply.
 */
export function endedEntry(
  entry: HistoryEntry,
  error: unknown,
  cancelled: boolean,
  partialReply: string | undefined,
): HistoryEntry {
  if (cancelled) return { ...entry, cancelled: true, reply: partialReply };
  return {
    ...entry,
    reply: partialReply,
    error:
      error instanceof ApiError
        ? { code: error.code, message: error.message, status: error.status, requestId: error.requestId }
        : { code: 'error', message: errorMessage(error), status: 0 },
    ...(error instanceof ApiError && { status: error.status, requestId: error.requestId }),
  };
}

/** One line naming an earlier request: its protocol and the start of its body. */
export function entrySummary(entry: HistoryEntry): string {
  return `${entry.protocol === 'responses' ? 'Responses' : 'Invocations'}: ${entry.body.replace(/\s+/g, ' ').slice(0, 80)}`;
}
