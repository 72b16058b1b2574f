import { Type, type Static, type TSchema } from 'typebox';

/** The only api-version the local host answers; the console sends it on every call. */
export const API_VERSION = 'v1';

/** Largest body a file upload may carry: 50 MiB. */
export const MAX_UPLOAD_BYTES = 52_428_800;

export const ErrorCode = Type.Union([
  Type.Literal('invalid_request'),
  Type.Literal('unauthorized'),
  Type.Literal('session_not_accessible'),
  Type.Literal('not_found'),
  Type.Literal('conflict'),
  Type.Literal('payload_too_large'),
  Type.Literal('session_not_ready'),
  Type.Literal('internal_error'),
  // The local host's own, for invocations: the agent failed (502) or took too long (504).
  Type.Literal('agent_error'),
  Type.Literal('timeout'),
  // 403 for a changing call from a page of another site (the console's server acts only for its own pages).
  Type.Literal('cross_site_request'),
  // 408 for an upload whose body arrives slower than the host's minimum rate.
  Type.Literal('request_timeout'),
  // 429 for a sign-in tried again too soon after repeated wrong tokens.
  Type.Literal('too_many_requests'),
  // 503 while the local host shuts down: for calls in flight and calls that arrive meanwhile.
  Type.Literal('service_unavailable'),
]);
export type ErrorCode = Static<typeof ErrorCode>;

/** Every non-2xx response with a body. Foundry may send codes we do not know, so `code` stays a string. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    param: Type.Optional(Type.String()),
    type: Type.Optional(Type.String()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const ApiVersionQuery = Type.Object({
  'api-version': Type.String(),
});

/** Paging query shared by agents, versions, sessions and file listings. */
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  after: Type.Optional(Type.String({ minLength: 1 })),
  before: Type.Optional(Type.String({ minLength: 1 })),
});
export type PageQuery = Static<typeof PageQuery>;

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({
    object: Type.Optional(Type.Literal('list')),
    data: Type.Array(item),
    first_id: Type.Optional(Type.String()),
    last_id: Type.Optional(Type.String()),
    has_more: Type.Boolean(),
  });

export interface List<T> {
  object?: 'list';
  data: T[];
  first_id?: string;
  last_id?: string;
  has_more: boolean;
}

/** Integer Unix seconds. */
export const UnixSeconds = Type.Integer({ minimum: 0 });
