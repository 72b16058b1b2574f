import { Type, type Static } from 'typebox';
import { ListOf, UnixSeconds } from './common';

export const SESSION_ID_PATTERN = '^[A-Za-z0-9_-]{8,128}$';

/** Header whose value records a session's owner on create, and must match on every changing call. */
export const ISOLATION_KEY_HEADER = 'x-session-isolation-key';

export const SessionStatus = Type.Union([
  Type.Literal('creating'),
  Type.Literal('active'),
  Type.Literal('idle'),
  Type.Literal('updating'),
  Type.Literal('failed'),
  Type.Literal('deleting'),
  Type.Literal('deleted'),
  Type.Literal('expired'),
]);
export type SessionStatus = Static<typeof SessionStatus>;

export const VersionIndicator = Type.Object({
  type: Type.Literal('version_ref'),
  agent_version: Type.String({ minLength: 1 }),
});
export type VersionIndicator = Static<typeof VersionIndicator>;

export const AgentSession = Type.Object({
  agent_session_id: Type.String(),
  version_indicator: VersionIndicator,
  status: SessionStatus,
  created_at: UnixSeconds,
  last_accessed_at: UnixSeconds,
  expires_at: UnixSeconds,
  stopped_at: Type.Optional(UnixSeconds),
});
export type AgentSession = Static<typeof AgentSession>;

export const AgentSessionList = ListOf(AgentSession);

export const CreateSessionBody = Type.Object({
  version_indicator: Type.Optional(VersionIndicator),
  agent_session_id: Type.Optional(Type.String({ pattern: SESSION_ID_PATTERN })),
});
export type CreateSessionBody = Static<typeof CreateSessionBody>;
