import { configure } from '@testing-library/dom';
import { afterAll, expect, inject } from 'vitest';
import { apiPaths, ISOLATION_KEY_HEADER, type AgentSession } from '@contract';
import { DEFAULT_SETTINGS, saveSettings } from '../../src/web/lib/settings';
import { apiUrl, type Query } from './http';

/** Where the web tests' host (started by web-host-setup.ts) listens, and its data folder. */
export interface WebHostInfo {
  /** `http://127.0.0.1:{port}` */
  origin: string;
  /** The project endpoint: `{origin}/api/projects/local` */
  endpoint: string;
  dataDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    webHost: WebHostInfo;
  }
}

export interface WebHost extends WebHostInfo {
  /** `endpoint + path + ?api-version=v1` (+ the query given). */
  url: (apiPath: string, query?: Query) => string;
  /** A session made straight through the API (201 or the test fails), without an owner unless given. */
  createSession: (agent: string, options?: { id?: string; ownerKey?: string }) => Promise<AgentSession>;
  /** Deletes a session a test made; one already gone is fine. */
  deleteSession: (agent: string, id: string, ownerKey?: string) => Promise<void>;
  /**
   * Sends an agent a message (200 or the test fails); without a session, the host makes one, ready when
   * this answers. Resolves with the session's id.
   */
  invoke: (agent: string, message: string, sessionId?: string) => Promise<string>;
  /** Writes a file into a session's sandbox through the API (201 or the test fails). */
  putFile: (agent: string, id: string, path: string, body: string) => Promise<void>;
}

// The host is another process on a machine the whole suite shares: what a screen waits for from it
// (findBy*, waitFor) can take seconds under load, beyond Testing Library's default of one.
configure({ asyncUtilTimeout: 10_000 });

const ownerHeader = (key: string | undefined): Record<string, string> =>
  key ? { [ISOLATION_KEY_HEADER]: key } : {};

/**
 * The shared out-of-process host (catalog: tests/fixtures/catalog-web.json). Files run side by side
 * against it, so a test changes only what it made itself, or an agent no other file uses.
 */
export function webHost(): WebHost {
  const info = inject('webHost');
  const url = (apiPath: string, query: Query = {}) => apiUrl(info.endpoint, apiPath, query);
  return {
    ...info,
    url,
    createSession: async (agent, options = {}) => {
      const res = await fetch(url(apiPaths.sessions(agent)), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ownerHeader(options.ownerKey) },
        body: JSON.stringify(options.id ? { agent_session_id: options.id } : {}),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as AgentSession;
    },
    deleteSession: async (agent, id, ownerKey) => {
      const res = await fetch(url(apiPaths.session(agent, id)), {
        method: 'DELETE',
        headers: ownerHeader(ownerKey),
      });
      expect([204, 404]).toContain(res.status);
    },
    invoke: async (agent, message, sessionId) => {
      const res = await fetch(url(apiPaths.invocations(agent), { agent_session_id: sessionId }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return res.headers.get('x-agent-session-id') ?? '';
    },
    putFile: async (agent, id, path, body) => {
      const res = await fetch(url(apiPaths.fileContent(agent, id), { path }), {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body,
      });
      expect(res.status, await res.clone().text()).toBe(201);
    },
  };
}

/**
 * A list for the ids of the sessions of `agent` a file makes, each deleted by `hook` (after the file's
 * tests unless given `afterEach`), so a file leaves behind nothing it made.
 */
export function sessionsToDelete(host: WebHost, agent: string, hook = afterAll): string[] {
  const made: string[] = [];
  hook(async () => {
    for (const id of made.splice(0)) await host.deleteSession(agent, id);
  });
  return made;
}

/** The JSDOM instance of Vitest's jsdom environment (jsdom ships no types here; this is all that is used). */
declare const jsdom: { reconfigure: (options: { url: string }) => void; window: { _origin: string } };

/**
 * The page as when the host serves the console, for a jsdom test file's `beforeAll`: on the host's
 * origin, where the console's own API is (`/api/console/...`), and on the `local` connection by its
 * path, so the project's calls go there too, same-origin as in the browser.
 */
export function openOnHost(host: WebHostInfo): void {
  jsdom.reconfigure({ url: `${host.origin}/` });
  // reconfigure moves the document but not the origin jsdom's XMLHttpRequest sends from, which it
  // copied when the window was made; without this every upload would be a cross-origin preflight.
  jsdom.window._origin = host.origin;
  saveSettings(DEFAULT_SETTINGS);
}

/** An id no other test uses: `prefix-` and eight random letters and digits. */
export const uniqueId = (prefix: string) =>
  `${prefix}-${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`;
