import { Type, type Static } from 'typebox';
import { ListOf, UnixSeconds } from './common';

/**
 * Foundry's rule for agent names: letters, digits and hyphens, 1 to 63 characters, starting and ending
 * with a letter or digit. Names become URL segments and, on the local host, folder names.
 */
export const AGENT_NAME_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$';

export const ProtocolName = Type.Union([
  Type.Literal('responses'),
  Type.Literal('invocations'),
  Type.Literal('invocations_ws'),
  Type.Literal('activity'),
  Type.Literal('a2a'),
  Type.Literal('mcp'),
]);
export type ProtocolName = Static<typeof ProtocolName>;
export const PROTOCOL_NAMES: readonly ProtocolName[] = [
  'responses',
  'invocations',
  'invocations_ws',
  'activity',
  'a2a',
  'mcp',
];

export const ProtocolVersion = Type.Object({ protocol: Type.String(), version: Type.String() });

export const SessionConfiguration = Type.Object({
  idle_timeout_seconds: Type.Optional(Type.Integer({ minimum: 120, maximum: 3600 })),
});

export const CodeConfiguration = Type.Object({
  /** The command the platform runs, as argv. The local host resolves relative paths against the catalog file. */
  entry_point: Type.Array(Type.String(), { minItems: 1 }),
  runtime: Type.Optional(Type.String()),
});

export const ContainerConfiguration = Type.Object({ image: Type.String() });

export const HostedDefinition = Type.Object({
  kind: Type.Literal('hosted'),
  cpu: Type.String(),
  memory: Type.String(),
  environment_variables: Type.Optional(Type.Record(Type.String(), Type.String())),
  protocol_versions: Type.Optional(Type.Array(ProtocolVersion)),
  session_configuration: Type.Optional(SessionConfiguration),
  code_configuration: Type.Optional(CodeConfiguration),
  container_configuration: Type.Optional(ContainerConfiguration),
});
export type HostedDefinition = Static<typeof HostedDefinition>;

/** Non-hosted kinds exist in Foundry; the console shows them but has nothing to run. */
export const OtherDefinition = Type.Object({ kind: Type.String() }, { additionalProperties: true });

export const AgentVersion = Type.Object({
  object: Type.Literal('agent.version'),
  id: Type.String(),
  name: Type.String(),
  version: Type.String(),
  description: Type.Optional(Type.String()),
  created_at: UnixSeconds,
  metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
  status: Type.Optional(Type.String()),
  definition: Type.Union([HostedDefinition, OtherDefinition]),
});
export type AgentVersion = Static<typeof AgentVersion>;

export const VersionSelectionRule = Type.Object({
  type: Type.Literal('FixedRatio'),
  agent_version: Type.String({ minLength: 1 }),
  traffic_percentage: Type.Integer({ minimum: 0, maximum: 100 }),
});
export type VersionSelectionRule = Static<typeof VersionSelectionRule>;

export const VersionSelector = Type.Object({
  version_selection_rules: Type.Array(VersionSelectionRule),
});

const EmptyObject = Type.Object({}, { additionalProperties: true });

/** A key present means that protocol is on. Protocols Foundry adds later are kept, not dropped. */
export const ProtocolConfiguration = Type.Object(
  {
    responses: Type.Optional(EmptyObject),
    invocations: Type.Optional(EmptyObject),
    invocations_ws: Type.Optional(EmptyObject),
    activity: Type.Optional(EmptyObject),
    a2a: Type.Optional(EmptyObject),
    mcp: Type.Optional(EmptyObject),
  },
  { additionalProperties: EmptyObject },
);

export const AuthorizationScheme = Type.Object(
  { type: Type.String({ minLength: 1 }) },
  { additionalProperties: true },
);

export const AgentEndpoint = Type.Object({
  version_selector: Type.Optional(VersionSelector),
  protocol_configuration: Type.Optional(ProtocolConfiguration),
  authorization_schemes: Type.Optional(Type.Array(AuthorizationScheme)),
});
export type AgentEndpoint = Static<typeof AgentEndpoint>;

export const AgentSkill = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  tags: Type.Optional(Type.Array(Type.String())),
  examples: Type.Optional(Type.Array(Type.String())),
});
export type AgentSkill = Static<typeof AgentSkill>;

export const AgentCard = Type.Object({
  version: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  skills: Type.Array(AgentSkill),
});
export type AgentCard = Static<typeof AgentCard>;

export const AgentState = Type.Union([Type.Literal('enabled'), Type.Literal('disabled')]);
export type AgentState = Static<typeof AgentState>;

export const Agent = Type.Object({
  object: Type.Literal('agent'),
  id: Type.String(),
  name: Type.String(),
  state: AgentState,
  versions: Type.Object({ latest: AgentVersion }),
  agent_endpoint: Type.Optional(AgentEndpoint),
  agent_card: Type.Optional(AgentCard),
});
export type Agent = Static<typeof Agent>;

export const AgentList = ListOf(Agent);
export const AgentVersionList = ListOf(AgentVersion);

/**
 * JSON merge patch (RFC 7386) of an agent. `null` removes a member; the host validates the merged
 * result against AgentEndpoint and AgentCard, so the patch itself is only checked for its outer shape.
 */
export const AgentPatch = Type.Object(
  {
    agent_endpoint: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
    agent_card: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type AgentPatch = Static<typeof AgentPatch>;

export const AgentListQuery = Type.Object({ kind: Type.Optional(Type.String()) });
