import { Type, type Static } from 'typebox';

// The console's own API for the projects it can talk to. It is not part of Foundry's API, so it lives
// beside it on this server: `/api/console/connections`. A Foundry connection is reached through the
// gateway at `/gateway/{name}`, which is a project endpoint in every other respect.

export const CONNECTIONS_PATH = '/api/console/connections';

/**
 * Where a browser signs in with the token the server was started with (`--token`), and out again: the
 * server then knows it by an HttpOnly cookie, which also goes with downloads and previews.
 */
export const SIGN_IN_PATH = '/api/console/sign-in';

export const SignInBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) });
export type SignInBody = Static<typeof SignInBody>;

/** The connection every console has: the local host in this same process. It is not stored. */
export const LOCAL_CONNECTION = 'local';

/** Names become a URL segment (`/gateway/{name}`), so they are short lowercase slugs. */
export const CONNECTION_NAME_PATTERN = '^[a-z0-9][a-z0-9-]{0,39}$';

const PROJECT_NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';

/** The form of a project endpoint in words, for messages that say what was expected. */
export const FOUNDRY_ENDPOINT_FORM = 'https://{account}.services.ai.azure.com/api/projects/{project}';

/**
 * `https://{account}.services.ai.azure.com/api/projects/{project}`, the only form a Foundry connection
 * takes. Groups: 1 the account, 2 the project. The server takes the account in any case and stores it
 * lowercase, so a check as you type uses the `i` flag too.
 */
export const FOUNDRY_ENDPOINT_PATTERN = `^https://([a-z0-9-]+)\\.services\\.ai\\.azure\\.com/api/projects/(${PROJECT_NAME})$`;

/**
 * An https project endpoint on this machine (a Foundry stand-in, or the tests' TLS host), accepted
 * only when the console was started to allow it. Groups: 1 the host, 2 the `:port` if any, 3 the project.
 */
export const LOCAL_ENDPOINT_PATTERN = `^https://(127\\.0\\.0\\.1|localhost)(:\\d{1,5})?/api/projects/(${PROJECT_NAME})$`;

/** Named colours the console draws a connection in; any `#rrggbb` is accepted too. */
export const CONNECTION_COLOURS = [
  'slate',
  'red',
  'orange',
  'amber',
  'green',
  'teal',
  'blue',
  'violet',
  'pink',
] as const;

// An enum rather than literals spread from the list: a union over a spread array is `never` to TypeScript.
export const ConnectionColour = Type.Union([
  Type.Enum(CONNECTION_COLOURS),
  Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
]);
export type ConnectionColour = Static<typeof ConnectionColour>;

/** A `Foundry-Features` header value, e.g. `HostedAgents=V1Preview`: printable ASCII, nothing that splits a header. */
export const FEATURES_PATTERN = '^[A-Za-z0-9][A-Za-z0-9=,;:._ -]{0,255}$';

export const Connection = Type.Object({
  name: Type.String({ pattern: CONNECTION_NAME_PATTERN }),
  kind: Type.Union([Type.Literal('local'), Type.Literal('foundry')]),
  /** The project endpoint: the Foundry URL, or for the local host its path on this server. */
  endpoint: Type.String(),
  /** Where the console sends this connection's project API calls: a path on this origin. */
  api_base: Type.String(),
  colour: Type.Optional(ConnectionColour),
  /** Shown as a warning before anything destructive; the gateway itself treats it like any other. */
  production: Type.Boolean(),
  /** Sent as `Foundry-Features` on every forwarded call. */
  features: Type.Optional(Type.String({ pattern: FEATURES_PATTERN })),
});
export type Connection = Static<typeof Connection>;

export const ConnectionList = Type.Object({ data: Type.Array(Connection) });
export type ConnectionList = Static<typeof ConnectionList>;

export const ConnectionParams = Type.Object({ name: Type.String() });

export const ConnectionCreate = Type.Object(
  {
    name: Type.String({ pattern: CONNECTION_NAME_PATTERN }),
    /** Checked for its form (FOUNDRY_ENDPOINT_PATTERN) by the server; a trailing slash is dropped. */
    endpoint: Type.String({ minLength: 1, maxLength: 500 }),
    colour: Type.Optional(ConnectionColour),
    production: Type.Optional(Type.Boolean()),
    features: Type.Optional(Type.String({ pattern: FEATURES_PATTERN })),
    /** Add it even when the test call fails (the project is not reachable from here yet, say). */
    force: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ConnectionCreate = Static<typeof ConnectionCreate>;

/** A merge patch: a member left out stays as it is, `null` removes it. */
export const ConnectionUpdate = Type.Object(
  {
    colour: Type.Optional(Type.Union([ConnectionColour, Type.Null()])),
    production: Type.Optional(Type.Boolean()),
    features: Type.Optional(Type.Union([Type.String({ pattern: FEATURES_PATTERN }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ConnectionUpdate = Static<typeof ConnectionUpdate>;

/**
 * What a test call (`GET {endpoint}/agents?api-version=v1&limit=1` through the gateway) found.
 * - `ok`: the endpoint answered a list of agents.
 * - `unreachable`: no connection (DNS, refused, TLS) — `message` says which.
 * - `timeout`: it did not answer in time.
 * - `sign_in_failed`: this machine could not get a Microsoft Entra token (run `az login`).
 * - `unauthorized`: the project refused the token (401).
 * - `forbidden`: the identity has no role on the project (403).
 * - `not_a_project`: a 404, a redirect, or an answer that is not a list of agents.
 * - `upstream_error`: any other status.
 */
export const ConnectionCheckOutcome = Type.Union([
  Type.Literal('ok'),
  Type.Literal('unreachable'),
  Type.Literal('timeout'),
  Type.Literal('sign_in_failed'),
  Type.Literal('unauthorized'),
  Type.Literal('forbidden'),
  Type.Literal('not_a_project'),
  Type.Literal('upstream_error'),
]);
export type ConnectionCheckOutcome = Static<typeof ConnectionCheckOutcome>;

export const ConnectionCheck = Type.Object({
  ok: Type.Boolean(),
  outcome: ConnectionCheckOutcome,
  /** A sentence for people: what happened and what to do about it. */
  message: Type.String(),
  /** The upstream's status, when it answered. */
  status: Type.Optional(Type.Integer()),
  /** The upstream's request id, when it sent one, to quote to support. */
  request_id: Type.Optional(Type.String()),
});
export type ConnectionCheck = Static<typeof ConnectionCheck>;

/** 201 from adding a connection: what was stored and what the test call found (not ok only with `force`). */
export const ConnectionCreated = Type.Object({ connection: Connection, check: ConnectionCheck });
export type ConnectionCreated = Static<typeof ConnectionCreated>;

/** 422 from adding a connection whose test call failed: the usual error body, plus the check. */
export const ConnectionCheckFailed = Type.Object({
  error: Type.Object({
    code: Type.Literal('connection_check_failed'),
    message: Type.String(),
    param: Type.Optional(Type.String()),
  }),
  check: ConnectionCheck,
});
export type ConnectionCheckFailed = Static<typeof ConnectionCheckFailed>;

/**
 * Error codes of the gateway itself (its answers to `/gateway/...` that did not come from upstream).
 * Upstream answers, errors included, pass through unchanged with whatever codes they carry.
 */
export const GatewayErrorCode = Type.Union([
  /** 400: the path would leave the connection's base path, or the request cannot be forwarded. */
  Type.Literal('invalid_request'),
  /** 404: no connection of that name. */
  Type.Literal('not_found'),
  /** 403: a request from another site; the gateway acts only for the console's own pages. */
  Type.Literal('cross_site_request'),
  /** 502: no connection to the endpoint (DNS, refused, TLS), or it dropped before answering. */
  Type.Literal('gateway_unreachable'),
  /** 502: the endpoint answered with a redirect, which the gateway never follows. */
  Type.Literal('gateway_redirect_refused'),
  /** 504: the endpoint accepted nothing or said nothing for too long. */
  Type.Literal('gateway_timeout'),
  /** 503: no Microsoft Entra token could be had on this machine; the message says how to sign in. */
  Type.Literal('gateway_auth_failed'),
  /**
   * 401: the console's own server was started with `--token`, and this request showed neither the token
   * nor the cookie of a browser signed in with it. (Foundry's own 401s pass through with Foundry's codes.)
   */
  Type.Literal('console_sign_in_required'),
]);
export type GatewayErrorCode = Static<typeof GatewayErrorCode>;
