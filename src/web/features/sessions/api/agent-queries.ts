import { queryOptions } from '@tanstack/react-query';
import { apiPaths, type Agent, type AgentVersion, type List } from '../../../../contract';
import { apiRequest } from '../../../lib/api-client';

/**
 * The little of an agent the create dialog needs. Features do not import each other, so this is a
 * local copy of the reads; the keys match the agents feature's, so both share one cache entry.
 */
export const agentReads = {
  detail: (agent: string) =>
    queryOptions({
      queryKey: ['agents', 'detail', agent] as const,
      queryFn: ({ signal }) => apiRequest<Agent>(apiPaths.agent(agent), { signal }),
    }),
  // Same key and same shape (every version, as an array) as the agents feature, which reads them whole.
  versions: (agent: string) =>
    queryOptions({
      queryKey: ['agents', 'detail', agent, 'versions'] as const,
      queryFn: async ({ signal }) => {
        const all: AgentVersion[] = [];
        let after: string | undefined;
        // Bounded: a misbehaving server that always says has_more must not keep the dialog loading forever.
        for (let page = 0; page < 20; page++) {
          const list = await apiRequest<List<AgentVersion>>(apiPaths.versions(agent), {
            query: { limit: 100, after },
            signal,
          });
          all.push(...list.data);
          if (!list.has_more || !list.last_id || list.last_id === after) break;
          after = list.last_id;
        }
        return all;
      },
    }),
};

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
