import { AGENT_NAME_PATTERN, SESSION_ID_PATTERN } from '@contract';

export interface SessionRef {
  agent: string;
  sessionId: string;
}

export const MAX_COMPARE = 4;

const SESSION_ID = new RegExp(SESSION_ID_PATTERN);
const AGENT_NAME = new RegExp(AGENT_NAME_PATTERN);

function checked(agent: string | undefined, sessionId: string | undefined): SessionRef | { problem: string } {
  if (!agent || !AGENT_NAME.test(agent)) return { problem: `“${agent ?? ''}” is not an agent name.` };
  if (!sessionId || !SESSION_ID.test(sessionId)) {
    return { problem: `“${sessionId ?? ''}” is not a session id: 8 to 128 letters, digits, “-” or “_”.` };
  }
  return { agent, sessionId };
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
