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

/** The body to start from for a protocol: what its sample agents understand. */
export function exampleBody(protocol: PlaygroundProtocol, message = 'Hello from the console'): string {
  return JSON.stringify(protocol === 'responses' ? { input: message } : { message }, null, 2);
}

/** Why a body cannot be sent, or undefined when it is a JSON object. */
export function bodyProblem(body: string): string | undefined {
  if (!body.trim()) return 'Write a JSON body.';
  try {
    const parsed = JSON.parse(body) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return 'The body must be a JSON object.';
    return undefined;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
  }
}
