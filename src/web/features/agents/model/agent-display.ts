import type { Agent, AgentVersion, HostedDefinition } from '@contract';

/** Protocols the endpoint serves: a key present in protocol_configuration means it is on. */
export function enabledProtocols(agent: Agent): string[] {
  return Object.keys(agent.agent_endpoint?.protocol_configuration ?? {});
}

/** The latest version says what the agent does now; the card is what it advertises when that is silent. */
export function agentDescription(agent: Agent): string | undefined {
  return agent.versions.latest.description || agent.agent_card?.description || undefined;
}

export function filterAgents(agents: readonly Agent[], query: string): Agent[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...agents];
  return agents.filter((agent) => {
    // Both descriptions, though only one is shown: people search by what they remember of either.
    const text = [agent.name, agent.versions.latest.description, agent.agent_card?.description]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Hosted versions carry resources and protocols; other kinds only their kind. */
export function hostedDefinition(version: AgentVersion): HostedDefinition | undefined {
  return version.definition.kind === 'hosted' ? (version.definition as HostedDefinition) : undefined;
}

export function formatIdleTimeout(seconds: number | undefined): string {
  // The contract's default when a version names none.
  const s = seconds ?? 900;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

const PROTOCOL_LABELS: Record<string, string> = {
  responses: 'Responses',
  invocations: 'Invocations',
  invocations_ws: 'Invocations (WebSocket)',
  activity: 'Activity',
  a2a: 'A2A',
  mcp: 'MCP',
};

export const protocolLabel = (name: string) => PROTOCOL_LABELS[name] ?? name;
