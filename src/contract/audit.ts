import { Type, type Static } from 'typebox';
import { ListOf } from './common';

// The console's audit trail: every changing call that passed through the console's server (the local
// host's API, the gateway to Foundry projects and the console's own API), as the console's own API. It
// is not part of Foundry's API. Entries are only ever added; no route changes or removes one.

export const AUDIT_PATH = '/api/console/audit';

/** The same entries and filters as AUDIT_PATH, all of them (no paging), as CSV for a spreadsheet. */
export const AUDIT_CSV_PATH = '/api/console/audit.csv';

/**
 * The name a browser gives its person in Settings, sent with every call so the trail can tell people
 * apart until the console has sign-in. UTF-8, percent-encoded (a header carries only Latin-1); the server
 * keeps at most USER_LABEL_MAX_LENGTH characters of it, without control characters.
 */
export const USER_LABEL_HEADER = 'x-console-user-label';
export const USER_LABEL_MAX_LENGTH = 64;

/** The longest time range (`from` to `to`, or `from` to now) one query may span. */
export const AUDIT_MAX_RANGE_DAYS = 366;

/** `au_` and a positive sequence number; entries are listed in this order. */
export const AUDIT_ID_PATTERN = '^au_[1-9][0-9]{0,15}$';

/**
 * What a call did, named from the route it matched (never from its body). `other` is a changing call on
 * a route with no verb of its own (an action suffix the API does not know, say).
 */
export const AUDIT_ACTIONS = [
  'session.create',
  'session.stop',
  'session.delete',
  'file.upload',
  'file.delete',
  'agent.update',
  'agent.enable',
  'agent.disable',
  'invocation',
  'response',
  'connection.add',
  'connection.update',
  'connection.remove',
  'connection.test',
  'sign-in',
  'sign-out',
  // The console's history API: keep recording a session whatever else holds (PUT), or stop keeping it so.
  'recording.pin',
  'recording.unpin',
  'other',
] as const;
export const AuditAction = Type.Enum(AUDIT_ACTIONS);
export type AuditAction = Static<typeof AuditAction>;

/** `ok`: answered below 400; `error`: answered 400 or more; `aborted`: the client went away before the end. */
export const AuditOutcome = Type.Enum(['ok', 'error', 'aborted'] as const);
export type AuditOutcome = Static<typeof AuditOutcome>;

export const AuditEntry = Type.Object({
  id: Type.String({ pattern: AUDIT_ID_PATTERN }),
  /** When the answer was given (or the client went away), ISO-8601 in UTC with milliseconds. */
  time: Type.String(),
  /** How long the call took, from its arrival. */
  duration_ms: Type.Integer({ minimum: 0 }),
  /** Who: the signed-in person once the console has sign-in; until then the OS user running the server. */
  person: Type.String(),
  /** The name the browser gave its person in Settings (USER_LABEL_HEADER), when it sent one. */
  label: Type.Optional(Type.String()),
  /** `local`, or the gateway connection the call went to; for the connections API, the connection named. */
  connection: Type.Optional(Type.String()),
  action: AuditAction,
  method: Type.String(),
  /** The route matched, relative to the project endpoint for project calls: `/agents/:agent_name`. */
  route: Type.Optional(Type.String()),
  agent: Type.Optional(Type.String()),
  session: Type.Optional(Type.String()),
  /** A file's path in the session's home, for file calls. */
  path: Type.Optional(Type.String()),
  outcome: AuditOutcome,
  /** The HTTP status answered; absent when the client went away before any answer. */
  status: Type.Optional(Type.Integer()),
  /** The error body's code, when the answer was an error and its code was seen. */
  error_code: Type.Optional(Type.String()),
  /** The `x-request-id` the client saw; through the gateway, the upstream's request id when it sent one. */
  request_id: Type.Optional(Type.String()),
  /** For uploads: the bytes written, or the request's declared length. */
  bytes: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditList = ListOf(AuditEntry);
export type AuditList = Static<typeof AuditList>;

/** Filters; every one given must match. A time is ISO-8601 with a zone (or a date, meaning its UTC midnight). */
export const AuditFilters = Type.Object(
  {
    /** The person or the browser's label, exactly. */
    person: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    action: Type.Optional(AuditAction),
    agent: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    session: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    connection: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Entries at or after this time. */
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** Entries before this time (not at it). */
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  },
  { additionalProperties: false },
);
export type AuditFilters = Static<typeof AuditFilters>;

/** The filters plus cursor paging as on the contract's lists: `limit` 1..100 (default 20), newest first. */
export const AuditQuery = Type.Object(
  {
    ...AuditFilters.properties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    after: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    before: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** The CSV export's columns, in order: the entry's members, flat. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'time',
  'duration_ms',
  'person',
  'label',
  'connection',
  'action',
  'method',
  'route',
  'agent',
  'session',
  'path',
  'outcome',
  'status',
  'error_code',
  'request_id',
  'bytes',
] as const satisfies readonly (keyof AuditEntry)[];
