/**
 * Every route of the console, once. `path` is the router pattern; `getHref` builds a link to it,
 * encoding each segment, so no component hand-writes a URL.
 */
const seg = encodeURIComponent;

export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  agents: {
    path: '/agents',
    getHref: () => '/agents',
  },
  agent: {
    path: '/agents/:agentName',
    getHref: (agentName: string) => `/agents/${seg(agentName)}`,
  },
  sessions: {
    path: '/agents/:agentName/sessions',
    getHref: (agentName: string) => `/agents/${seg(agentName)}/sessions`,
  },
  session: {
    path: '/agents/:agentName/sessions/:sessionId',
    getHref: (agentName: string, sessionId: string) => `/agents/${seg(agentName)}/sessions/${seg(sessionId)}`,
  },
  sessionFiles: {
    path: '/agents/:agentName/sessions/:sessionId/files',
    getHref: (agentName: string, sessionId: string) =>
      `/agents/${seg(agentName)}/sessions/${seg(sessionId)}/files`,
  },
  sessionLogs: {
    path: '/agents/:agentName/sessions/:sessionId/logs',
    getHref: (agentName: string, sessionId: string) =>
      `/agents/${seg(agentName)}/sessions/${seg(sessionId)}/logs`,
  },
  sessionPlayground: {
    path: '/agents/:agentName/sessions/:sessionId/playground',
    getHref: (agentName: string, sessionId: string) =>
      `/agents/${seg(agentName)}/sessions/${seg(sessionId)}/playground`,
  },
  sessionHistory: {
    path: '/agents/:agentName/sessions/:sessionId/history',
    getHref: (agentName: string, sessionId: string, search = '') =>
      `/agents/${seg(agentName)}/sessions/${seg(sessionId)}/history${search}`,
  },
  settings: {
    path: '/settings',
    getHref: () => '/settings',
  },
  /** The audit trail; its filters are the search (`?person=…&action=…`), read by the activity feature. */
  activity: {
    path: '/activity',
    getHref: () => '/activity',
  },
  sessionLogsFull: {
    path: '/agents/:agentName/sessions/:sessionId/logs/full',
    getHref: (agentName: string, sessionId: string) =>
      `/agents/${seg(agentName)}/sessions/${seg(sessionId)}/logs/full`,
  },
  /** Two to four sessions' logs side by side: `?s=agent/id&s=agent/id`. */
  logsCompare: {
    path: '/logs/compare',
    getHref: (sessions: readonly { agent: string; sessionId: string }[]) =>
      `/logs/compare?${sessions.map((s) => `s=${seg(s.agent)}/${seg(s.sessionId)}`).join('&')}`,
  },
} as const;

/** Every route pattern, for reading a pasted console link (lib/session-link.ts) without a second copy. */
export const routePatterns: readonly string[] = Object.values(paths).map((route) => route.path);
