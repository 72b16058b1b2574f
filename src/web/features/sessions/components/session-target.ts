import { paths } from '../../../app/paths';
import { isSessionId } from './session-id-check';

export type SessionTarget = { href: string } | { problem: string };

const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;
const SESSION_ROUTE = /^\/agents\/([^/]+)\/sessions\/([^/]+)(\/files|\/logs)?\/?$/;

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function check(agent: string, sessionId: string): string | undefined {
  if (!AGENT_NAME.test(agent)) return `“${agent}” is not an agent name.`;
  if (!isSessionId(sessionId)) {
    return `“${sessionId}” is not a session id: 8 to 128 letters, digits, “-” or “_”.`;
  }
  return undefined;
}

/**
 * Where a typed or pasted reference to a session leads. Accepts `agent/session-id`, `agent session-id`,
 * a bare session id when an agent is already in view, and any console URL of a session page (from any
 * host, since support staff paste links from each other's machines); keeps the section of such a URL.
 */
export function parseSessionTarget(raw: string, currentAgent?: string): SessionTarget {
  const input = raw.trim();
  if (!input) return { problem: 'Type agent/session-id, or paste a session’s link.' };

  const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith('/');
  if (looksLikeUrl) {
    let url: URL;
    try {
      url = new URL(input, 'http://console.invalid');
    } catch {
      return { problem: 'That link cannot be read as a URL.' };
    }
    const match = SESSION_ROUTE.exec(url.pathname);
    const agent = match?.[1] && decode(match[1]);
    const sessionId = match?.[2] && decode(match[2]);
    if (!agent || !sessionId) {
      return { problem: 'That link does not point to a session: expected …/agents/{agent}/sessions/{id}.' };
    }
    const problem = check(agent, sessionId);
    if (problem) return { problem };
    const section = match[3];
    const base =
      section === '/files'
        ? paths.sessionFiles.getHref(agent, sessionId)
        : section === '/logs'
          ? paths.sessionLogs.getHref(agent, sessionId)
          : paths.session.getHref(agent, sessionId);
    return { href: base + url.search + url.hash };
  }

  const parts = input.split(/\s*\/\s*|\s+/).filter(Boolean);
  if (parts.length === 1 && parts[0]) {
    if (!currentAgent) return { problem: `Add the agent’s name: agent/${parts[0]}.` };
    parts.unshift(currentAgent);
  }
  const [agent, sessionId] = parts;
  if (parts.length !== 2 || !agent || !sessionId) {
    return { problem: 'Expected an agent and a session id, like notes-agent/ses_abc123.' };
  }
  const problem = check(agent, sessionId);
  return problem ? { problem } : { href: paths.session.getHref(agent, sessionId) };
}
