/**
 * Paths under a project endpoint, built once so neither the console nor the tests hand-write them.
 * Every segment is URI-encoded; the caller appends the query (api-version and friends).
 */
const seg = encodeURIComponent;

export const apiPaths = {
  agents: () => '/agents',
  agent: (agent: string) => `/agents/${seg(agent)}`,
  agentAction: (agent: string, action: 'enable' | 'disable') => `/agents/${seg(agent)}:${action}`,
  versions: (agent: string) => `/agents/${seg(agent)}/versions`,
  version: (agent: string, version: string) => `/agents/${seg(agent)}/versions/${seg(version)}`,
  sessions: (agent: string) => `/agents/${seg(agent)}/endpoint/sessions`,
  session: (agent: string, id: string) => `/agents/${seg(agent)}/endpoint/sessions/${seg(id)}`,
  sessionStop: (agent: string, id: string) => `/agents/${seg(agent)}/endpoint/sessions/${seg(id)}:stop`,
  files: (agent: string, id: string) => `/agents/${seg(agent)}/endpoint/sessions/${seg(id)}/files`,
  fileContent: (agent: string, id: string) =>
    `/agents/${seg(agent)}/endpoint/sessions/${seg(id)}/files/content`,
  logStream: (agent: string, version: string, id: string) =>
    `/agents/${seg(agent)}/versions/${seg(version)}/sessions/${seg(id)}:logstream`,
  invocations: (agent: string) => `/agents/${seg(agent)}/endpoint/protocols/invocations`,
  responses: (agent: string) => `/agents/${seg(agent)}/endpoint/protocols/openai/responses`,
} as const;
