import { notFound } from '../errors';

/** What an action route takes after the id in its last segment, and what that id is called. */
export interface RouteActions {
  id: string;
  verbs: readonly string[];
  /** The API description's operationId of each verb's operation. */
  operationIds: Readonly<Record<string, string>>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on a route that takes `{id}:{verb}`, for the OpenAPI description: one operation per verb. */
    actions?: RouteActions;
  }
}

/**
 * Foundry names some operations with a `:verb` suffix on the last segment (`/agents/a:enable`). The router
 * cannot tell two such routes apart, so one route takes the segment and this splits it.
 */
export function splitAction<A extends string>(segment: string, actions: readonly A[]): [string, A] {
  const at = segment.lastIndexOf(':');
  const action = segment.slice(at + 1) as A;
  if (at <= 0 || !actions.includes(action)) throw notFound(`No operation '${segment}'.`);
  return [segment.slice(0, at), action];
}
