import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  Agent,
  AgentCard,
  AgentEndpoint,
  AgentList,
  AgentListQuery,
  AgentPatch,
  AgentVersion,
  AgentVersionList,
  ErrorBody,
  PageQuery,
} from '@contract';
import { badRequest, notFound } from '../errors';
import { assertValid } from '../validation';
import { splitAction } from './actions';

const AgentParams = Type.Object({ agent_name: Type.String() });
const AGENT_ACTIONS = {
  id: 'agent_name',
  verbs: ['enable', 'disable'],
  operationIds: { enable: 'enableAgent', disable: 'disableAgent' },
} as const;

const agentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { agents } = app.host;
  // Merge patches are JSON with their own media type.
  app.addContentTypeParser(
    'application/merge-patch+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  const requireAgent = (name: string) => {
    const agent = agents.get(name);
    if (!agent) throw notFound(`Agent '${name}' does not exist.`);
    return agent;
  };

  app.get(
    '/agents',
    {
      schema: {
        operationId: 'listAgents',
        querystring: Type.Intersect([PageQuery, AgentListQuery]),
        response: { 200: AgentList, 400: ErrorBody },
      },
    },
    async (request) => {
      const { kind, ...page } = request.query;
      return agents.list(page, kind || undefined);
    },
  );

  app.get(
    '/agents/:agent_name',
    { schema: { operationId: 'getAgent', params: AgentParams, response: { 200: Agent, 404: ErrorBody } } },
    async (request) => requireAgent(request.params.agent_name),
  );

  app.get(
    '/agents/:agent_name/versions',
    {
      schema: {
        operationId: 'listAgentVersions',
        params: AgentParams,
        querystring: PageQuery,
        response: { 200: AgentVersionList, 400: ErrorBody },
      },
    },
    async (request) => {
      requireAgent(request.params.agent_name);
      return agents.listVersions(request.params.agent_name, request.query);
    },
  );

  app.get(
    '/agents/:agent_name/versions/:agent_version',
    {
      schema: {
        operationId: 'getAgentVersion',
        params: Type.Object({ agent_name: Type.String(), agent_version: Type.String() }),
        response: { 200: AgentVersion, 404: ErrorBody },
      },
    },
    async (request) => {
      const { agent_name, agent_version } = request.params;
      requireAgent(agent_name);
      const version = agents.version(agent_name, agent_version);
      if (!version) throw notFound(`Agent '${agent_name}' has no version '${agent_version}'.`);
      return version;
    },
  );

  app.patch(
    '/agents/:agent_name',
    {
      schema: {
        operationId: 'updateAgent',
        params: AgentParams,
        body: AgentPatch,
        response: { 200: Agent, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const name = request.params.agent_name;
      const agent = requireAgent(name);
      const patch = request.body;
      const endpoint = mergePatch(agent.agent_endpoint, patch.agent_endpoint);
      const card = mergePatch(agent.agent_card, patch.agent_card);
      if (endpoint !== undefined) {
        assertValid(AgentEndpoint, endpoint, 'agent_endpoint');
        checkTraffic(endpoint as AgentEndpoint, agents.versionNames(name));
      }
      if (card !== undefined) assertValid(AgentCard, card, 'agent_card');
      agents.saveSettings(name, endpoint as AgentEndpoint | undefined, card as AgentCard | undefined);
      return requireAgent(name);
    },
  );

  app.post(
    '/agents/:agent_action',
    {
      config: { actions: AGENT_ACTIONS },
      schema: {
        params: Type.Object({ agent_action: Type.String() }),
        response: { 204: Type.Null(), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const [name, action] = splitAction(request.params.agent_action, AGENT_ACTIONS.verbs);
      requireAgent(name);
      agents.setState(name, action === 'enable' ? 'enabled' : 'disabled');
      return reply.status(204).send(null);
    },
  );
};

export default agentsRoutes;

/** RFC 7386: objects merge member by member, `null` removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === undefined) return target;
  if (patch === null) return undefined;
  if (typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    const merged = mergePatch(base[k], v);
    if (merged === undefined) delete base[k];
    else base[k] = merged;
  }
  return base;
}

function checkTraffic(endpoint: AgentEndpoint, versions: string[]): void {
  const rules = endpoint.version_selector?.version_selection_rules;
  if (!rules || rules.length === 0) return;
  const param = (i: number, field: string) =>
    `agent_endpoint.version_selector.version_selection_rules[${i}].${field}`;
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (!versions.includes(rule.agent_version)) {
      throw badRequest(
        `Version '${rule.agent_version}' does not exist for this agent.`,
        param(i, 'agent_version'),
      );
    }
    if (seen.has(rule.agent_version)) {
      throw badRequest(`Version '${rule.agent_version}' has more than one rule.`, param(i, 'agent_version'));
    }
    seen.add(rule.agent_version);
  });
  const total = rules.reduce((sum, r) => sum + r.traffic_percentage, 0);
  if (total !== 100) {
    throw badRequest(
      `Traffic percentages must add up to 100; these add up to ${total}.`,
      'agent_endpoint.version_selector.version_selection_rules',
    );
  }
}
