import { matchPath } from 'react-router';
import { AGENT_NAME_PATTERN, SESSION_ID_PATTERN } from '@contract';

/** A session someone typed or pasted. */
export interface SessionLink {
  agent: string;
  sessionId: string;
  /**
   * For a pasted console link, the page it pointed to on this console (path, query and hash), so it
   * opens at the same section, filters and all. Absent when only `agent/id` was typed.
   */
  href?: string;
}

export type SessionLinkResult = SessionLink | { problem: string };

const AGENT_NAME = new RegExp(AGENT_NAME_PATTERN);
const SESSION_ID = new RegExp(SESSION_ID_PATTERN);
// Any base works: only the path, query and hash of a pasted link are read.
const ANY_ORIGIN = 'http://console.invalid';

function decode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function checked(agent: string, sessionId: string, href?: string): SessionLinkResult {
  if (!AGENT_NAME.test(agent)) {
    return { problem: `“${agent}” is not an agent name: letters, digits and “-”, at most 63.` };
  }
  if (!SESSION_ID.test(sessionId)) {
    return { problem: `“${sessionId}” is not a session id: 8 to 128 letters, digits, “-” or “_”.` };
  }
  return href === undefined ? { agent, sessionId } : { agent, sessionId, href };
}

function fromUrl(input: string, routes: readonly string[]): SessionLinkResult {
  let url: URL;
  try {
    url = new URL(input, ANY_ORIGIN);
  } catch {
    return { problem: 'That link cannot be read as a URL.' };
  }
  for (const route of routes) {
    const params = matchPath(route, url.pathname)?.params;
    if (params?.agentName === undefined || params.sessionId === undefined) continue;
    const agent = decode(params.agentName);
    const sessionId = decode(params.sessionId);
    if (agent === undefined || sessionId === undefined) break;
    return checked(agent, sessionId, url.pathname + url.search + url.hash);
  }
  return { problem: 'That link does not point to a session: expected …/agents/{agent}/sessions/{id}.' };
}

/**
 * Which session a typed or pasted reference names: `agent/session-id`, `agent session-id`, a bare
 * session id when `currentAgent` is given, or a link to any session page of the console, from any
 * host, since support staff paste links from each other's machines.
 *
 * `routes` are the console's route patterns (app/paths.ts; this layer may not import the app); a link
 * is a session's when one of them matches it with both `:agentName` and `:sessionId`, so a new
 * session page is understood as soon as it has a route.
 */
export function parseSessionLink(
  raw: string,
  routes: readonly string[],
  currentAgent?: string,
): SessionLinkResult {
  const input = raw.trim();
  if (!input) {
    return {
      problem: currentAgent
        ? 'Type a session id, agent/session-id, or paste a session’s link.'
        : 'Type agent/session-id, or paste a session’s link.',
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith('/')) return fromUrl(input, routes);

  const parts = input.split(/\s*\/\s*|\s+/).filter(Boolean);
  if (parts.length === 1 && parts[0]) {
    if (!currentAgent) return { problem: `Add the agent’s name: agent/${parts[0]}.` };
    return checked(currentAgent, parts[0]);
  }
  const [agent, sessionId] = parts;
  if (parts.length !== 2 || !agent || !sessionId) {
    return { problem: 'Expected an agent and a session id, like notes-agent/ses_abc123.' };
  }
  return checked(agent, sessionId);
}
