import type { FastifyRequest } from 'fastify';
import { CONNECTIONS_PATH, HISTORY_PATH, SIGN_IN_PATH, type AuditAction } from '@contract';

/** What a changing call was, as the trail records it: from the route matched, never from a body. */
export interface CallDescription {
  connection?: string;
  action: AuditAction;
  route?: string;
  agent?: string;
  session?: string;
  path?: string;
}

/** Where the calls the trail watches arrive on this server. */
export interface CallPlaces {
  /** The local host's project endpoint on this server, e.g. `/api/projects/local`. */
  localEndpoint: string;
  /** The connection name the local host goes by. */
  localConnection: string;
}

/** Reading is not changing: these methods are never recorded. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The gateway's one route: `/gateway/{connection}/{anything}`. */
export const GATEWAY_ROUTE = '/gateway/*';

/** The longest value of a target kept; more is cut (a path may be 4095 bytes, a route param 256). */
const MAX_TARGET = 1024;

/**
 * A route of the project API (Foundry's, which the local host answers too), relative to the project
 * endpoint. `:name` segments are parameters; a `verbs` route takes `{name}:{verb}` in its last segment.
 */
interface ProjectRoute {
  method: string;
  route: string;
  action?: AuditAction;
  /** `{name}:{verb}` in the last segment, as Foundry spells operations: which parameter, and its verbs. */
  verbs?: { of: 'agent' | 'session'; actions: Readonly<Record<string, AuditAction>> };
}

const SESSION = '/agents/:agent/endpoint/sessions/:session';

const PROJECT_ROUTES: readonly ProjectRoute[] = [
  { method: 'POST', route: '/agents/:agent/endpoint/sessions', action: 'session.create' },
  { method: 'POST', route: SESSION, verbs: { of: 'session', actions: { stop: 'session.stop' } } },
  { method: 'DELETE', route: SESSION, action: 'session.delete' },
  { method: 'PUT', route: `${SESSION}/files/content`, action: 'file.upload' },
  { method: 'DELETE', route: `${SESSION}/files`, action: 'file.delete' },
  { method: 'PATCH', route: '/agents/:agent', action: 'agent.update' },
  {
    method: 'POST',
    route: '/agents/:agent',
    verbs: { of: 'agent', actions: { enable: 'agent.enable', disable: 'agent.disable' } },
  },
  { method: 'POST', route: '/agents/:agent/endpoint/protocols/invocations', action: 'invocation' },
  { method: 'POST', route: '/agents/:agent/endpoint/protocols/openai/responses', action: 'response' },
];

/** The console's own routes (add a route's verb here when it gets one); `:connection` names a connection. */
const CONSOLE_ROUTES: readonly { method: string; route: string; action: AuditAction }[] = [
  { method: 'POST', route: SIGN_IN_PATH, action: 'sign-in' },
  { method: 'DELETE', route: SIGN_IN_PATH, action: 'sign-out' },
  { method: 'POST', route: CONNECTIONS_PATH, action: 'connection.add' },
  { method: 'PATCH', route: `${CONNECTIONS_PATH}/:connection`, action: 'connection.update' },
  { method: 'DELETE', route: `${CONNECTIONS_PATH}/:connection`, action: 'connection.remove' },
  { method: 'POST', route: `${CONNECTIONS_PATH}/:connection/test`, action: 'connection.test' },
  { method: 'PUT', route: `${HISTORY_PATH}/:connection/:agent/:session/pin`, action: 'recording.pin' },
  { method: 'DELETE', route: `${HISTORY_PATH}/:connection/:agent/:session/pin`, action: 'recording.unpin' },
];

/**
 * One segment of a call's path. `literal` says whether the router matched it as fixed text (true) or as a
 * parameter (false); through the gateway nobody knows (undefined), so either kind of pattern may take it.
 */
interface Segment {
  value: string;
  literal?: boolean;
}

/**
 * Describes a changing call by the route the router matched and its parameters, or returns undefined
 * for a call that matched no route (it reached nothing, so there is nothing to record).
 */
export function describeCall(request: FastifyRequest, places: CallPlaces): CallDescription | undefined {
  const route = request.routeOptions.url;
  if (route === undefined) return undefined;
  const query = (request.query ?? {}) as Record<string, unknown>;

  if (route === GATEWAY_ROUTE) {
    const [connection, segments] = gatewayTarget(request.raw.url ?? '');
    return { connection: cut(connection), ...projectCall(request.method, segments, query) };
  }
  const local = places.localEndpoint;
  if (route.startsWith(`${local}/`)) {
    const params = (request.params ?? {}) as Record<string, unknown>;
    const relative = route.slice(local.length);
    const call = projectCall(request.method, routeSegments(relative, params), query);
    return { connection: places.localConnection, route: relative, ...call };
  }
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const known of CONSOLE_ROUTES) {
    if (known.method !== request.method) continue;
    const values = match(known.route, routeSegments(route, params));
    if (!values) continue;
    const named =
      values.connection ?? (known.action === 'connection.add' ? bodyName(request.body) : undefined);
    return {
      action: known.action,
      route,
      ...(named !== undefined && { connection: cut(named) }),
      ...(values.agent !== undefined && { agent: cut(values.agent) }),
      ...(values.session !== undefined && { session: cut(values.session) }),
    };
  }
  return { action: 'other', route };
}

/** A call on the project API: its verb, its route in our words, and what it named. */
function projectCall(
  method: string,
  segments: Segment[],
  query: Record<string, unknown>,
): Omit<CallDescription, 'connection'> {
  for (const known of PROJECT_ROUTES) {
    if (known.method !== method) continue;
    const values = match(known.route, segments);
    if (!values) continue;
    let action = known.action ?? 'other';
    let { agent, session } = values;
    if (known.verbs) {
      // The router takes `{name}:{verb}` as one parameter; an unknown verb is a call of no known kind.
      const whole = values[known.verbs.of] ?? '';
      const at = whole.lastIndexOf(':');
      const verb = at > 0 ? known.verbs.actions[whole.slice(at + 1)] : undefined;
      if (verb === undefined) continue;
      action = verb;
      if (known.verbs.of === 'session') session = whole.slice(0, at);
      else agent = whole.slice(0, at);
    }
    const path = action.startsWith('file.') ? text(query.path) : undefined;
    session ??= action === 'invocation' ? text(query.agent_session_id) : undefined;
    return {
      action,
      route: known.route,
      ...(agent !== undefined && { agent: cut(agent) }),
      ...(session !== undefined && { session: cut(session) }),
      ...(path !== undefined && { path: cut(path) }),
    };
  }
  return { action: 'other' };
}

/** The values a pattern's `:name` segments took, or undefined when the segments do not fit it. */
function match(pattern: string, segments: Segment[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const values: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment.literal === true) return undefined;
      values[part.slice(1)] = segment.value;
    } else if (segment.literal === false || segment.value !== part) {
      return undefined;
    }
  }
  return values;
}

/** A matched route's segments, its parameters filled in from what the router decoded. */
function routeSegments(route: string, params: Record<string, unknown>): Segment[] {
  return route
    .split('/')
    .map((part) =>
      part.startsWith(':')
        ? { value: text(params[part.slice(1)]) ?? '', literal: false }
        : { value: part, literal: true },
    );
}

/**
 * `/gateway/{connection}/{path}` as the gateway itself reads it: from the URL as it arrived, the first
 * segment (whatever its spelling) being the gateway's, each segment decoded on its own so an encoded
 * slash cannot pass for two segments.
 */
function gatewayTarget(rawUrl: string): [string, Segment[]] {
  const query = rawUrl.indexOf('?');
  const pathOnly = query === -1 ? rawUrl : rawUrl.slice(0, query);
  const [, , connection = '', ...rest] = pathOnly.split('/');
  return [decode(connection), ['', ...rest].map((part) => ({ value: decode(part) }))];
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function bodyName(body: unknown): string | undefined {
  return body && typeof body === 'object' ? text((body as { name?: unknown }).name) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function cut(value: string): string {
  return value.length > MAX_TARGET ? value.slice(0, MAX_TARGET) : value;
}
