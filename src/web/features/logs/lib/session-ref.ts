import { SESSION_ID_PATTERN } from '../../../../contract';

export interface SessionRef {
  agent: string;
  sessionId: string;
}

export const MAX_COMPARE = 4;

const SESSION_ID = new RegExp(SESSION_ID_PATTERN);
const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;
/** Any console page of a session: its overview, files, logs or full-window logs. */
const SESSION_PATH = /\/agents\/([^/]+)\/sessions\/([^/?#]+)/;

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function checked(agent: string | undefined, sessionId: string | undefined): SessionRef | { problem: string } {
  if (!agent || !AGENT_NAME.test(agent)) return { problem: `“${agent ?? ''}” is not an agent name.` };
  if (!sessionId || !SESSION_ID.test(sessionId)) {
    return { problem: `“${sessionId ?? ''}” is not a session id: 8 to 128 letters, digits, “-” or “_”.` };
  }
  return { agent, sessionId };
}

/**
 * What someone typed into "Compare with…": a session id (of the agent in view), `agent/id`, or a
 * console link to any session page, from any host, since people paste each other's links.
 */
export function parseSessionRef(raw: string, currentAgent: string): SessionRef | { problem: string } {
  const input = raw.trim();
  if (!input) return { problem: 'Type a session id, agent/session-id, or paste a session’s link.' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith('/')) {
    let path: string;
    try {
      path = new URL(input, 'http://console.invalid').pathname;
    } catch {
      return { problem: 'That link cannot be read as a URL.' };
    }
    const m = SESSION_PATH.exec(path);
    if (!m?.[1] || !m[2])
      return { problem: 'That link does not point to a session: expected …/agents/{agent}/sessions/{id}.' };
    return checked(decode(m[1]), decode(m[2]));
  }
  const parts = input.split('/').map((p) => p.trim());
  if (parts.length === 1) return checked(currentAgent, parts[0]);
  if (parts.length === 2) return checked(parts[0], parts[1]);
  return { problem: 'Expected a session id or agent/session-id.' };
}

/** The `s=agent/id` values of a compare URL: valid ones in order, at most four, no repeats. */
export function readCompareParams(values: readonly string[]): { sessions: SessionRef[]; problems: string[] } {
  const sessions: SessionRef[] = [];
  const problems: string[] = [];
  for (const value of values) {
    const slash = value.indexOf('/');
    const ref =
      slash < 0
        ? { problem: `“${value}” is not agent/session-id.` }
        : checked(value.slice(0, slash), value.slice(slash + 1));
    if ('problem' in ref) problems.push(ref.problem);
    else if (sessions.some((s) => s.agent === ref.agent && s.sessionId === ref.sessionId)) continue;
    else if (sessions.length >= MAX_COMPARE)
      problems.push(`At most ${MAX_COMPARE} sessions side by side; ${ref.agent}/${ref.sessionId} left out.`);
    else sessions.push(ref);
  }
  return { sessions, problems };
}
