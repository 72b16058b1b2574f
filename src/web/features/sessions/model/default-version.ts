import type { Agent, AgentVersion } from '@contract';

export interface DefaultVersion {
  version: string;
  /** Why this one, in a sentence the dialog shows. */
  reason: string;
}

/**
 * What the endpoint would most likely run: the selector rule with the most traffic, else the latest
 * version. The endpoint itself rolls dice by traffic; the dialog picks the likeliest outcome and says so.
 */
export function defaultVersion(
  agent: Agent | undefined,
  versions: readonly AgentVersion[],
): DefaultVersion | undefined {
  const rules = agent?.agent_endpoint?.version_selector?.version_selection_rules ?? [];
  const top = rules
    .filter((r) => r.traffic_percentage > 0 && versions.some((v) => v.version === r.agent_version))
    .reduce<(typeof rules)[number] | undefined>(
      (best, r) => (best === undefined || r.traffic_percentage > best.traffic_percentage ? r : best),
      undefined,
    );
  if (top) {
    return {
      version: top.agent_version,
      reason: `The endpoint sends ${top.traffic_percentage}% of new sessions to version ${top.agent_version}, more than to any other.`,
    };
  }
  const latest =
    agent?.versions.latest.version ?? [...versions].sort((a, b) => b.created_at - a.created_at)[0]?.version;
  if (latest === undefined) return undefined;
  return {
    version: latest,
    reason: `The endpoint has no traffic rules, so it runs the latest version, ${latest}.`,
  };
}
