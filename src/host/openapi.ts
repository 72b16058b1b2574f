import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { API_VERSION } from '@contract';
import type { HostOptions } from './config';
import type { RouteActions } from './routes/actions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered without `api-version` too (the API description, which tools fetch by its bare URL). */
    versionless?: boolean;
    /**
     * A body the handler reads itself, as a stream, so no schema validates it: how the API description
     * shows it.
     */
    rawBody?: { contentType: string; description: string };
  }
}

/** Where the description is served, under the project endpoint. */
const OPENAPI_PATH = '/openapi.json';

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;
type Parameter = OpenAPIV3_1.ParameterObject;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Marks an action route's operation for `expandActions` (see actions.ts); never left in the document. */
const ACTIONS = 'x-actions';

/**
 * Describes the project API in OpenAPI 3.1, generated from the schemas its routes declare, and serves
 * the description at `{project endpoint}/openapi.json` (behind the same access check as the API). Call
 * it on the project API's instance before its routes are registered: it sees the routes made after it.
 */
export async function registerOpenapi(api: FastifyInstance, options: HostOptions): Promise<void> {
  await api.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Local agent host: Microsoft Foundry hosted-agent sessions API',
        version: API_VERSION,
        description:
          "The part of a Foundry project's API that the local agent host answers. Every call carries " +
          `\`api-version=${API_VERSION}\`; errors are \`{"error": {"code", "message", "param"?}}\`.`,
      },
      // Paths are relative to the project endpoint, as Foundry's own are.
      servers: [{ url: `/api/projects/${options.project}` }],
      ...(options.token !== undefined && {
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      }),
    },
    stripBasePath: true,
    transform: ({ schema, url, route }) => {
      const { actions, rawBody } = route.config ?? {};
      return {
        schema: {
          ...schema,
          ...(rawBody && {
            body: { type: 'string', format: 'binary', description: rawBody.description },
            consumes: [rawBody.contentType],
          }),
          ...(actions && { [ACTIONS]: actions }),
        },
        url,
      };
    },
    transformObject: (documents) => {
      if (!('openapiObject' in documents)) throw new Error('Only OpenAPI output is configured.');
      return withApiVersion(expandActions(documents.openapiObject as Document));
    },
  });
  api.get(OPENAPI_PATH, { schema: { hide: true }, config: { versionless: true } }, async () => api.swagger());
}

/**
 * A route that takes `{id}:{verb}` in its last segment is one route to the router (see splitAction) but
 * one operation per verb to a client, as in Foundry's description: `/agents/{agent_name}:enable`.
 */
function expandActions(doc: Document): Document {
  const paths: NonNullable<Document['paths']> = {};
  for (const [url, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    const plain: OpenAPIV3_1.PathItemObject = { ...item };
    for (const method of METHODS) {
      const operation = item[method] as (Operation & { [ACTIONS]?: RouteActions }) | undefined;
      const actions = operation?.[ACTIONS];
      if (!operation || !actions) continue;
      delete plain[method];
      const segment = /\{([^{}]+)\}$/.exec(url);
      if (!segment) throw new Error(`The action route ${url} does not end in a parameter.`);
      const { [ACTIONS]: _marker, ...rest } = operation;
      for (const verb of actions.verbs) {
        const expanded = `${url.slice(0, segment.index)}{${actions.id}}:${verb}`;
        const operationId = actions.operationIds[verb];
        if (operationId === undefined) throw new Error(`The action ${expanded} has no operationId.`);
        paths[expanded] = {
          ...paths[expanded],
          [method]: {
            ...rest,
            operationId,
            parameters: rest.parameters?.map((p) => {
              const param = p as Parameter;
              return param.in === 'path' && param.name === segment[1] ? { ...param, name: actions.id } : p;
            }),
          },
        };
      }
    }
    if (METHODS.some((m) => plain[m])) paths[url] = { ...paths[url], ...plain };
  }
  return { ...doc, paths };
}

/** The host checks `api-version` on every call before any route's schema; the description says so. */
function withApiVersion(doc: Document): Document {
  const apiVersion: Parameter = {
    name: 'api-version',
    in: 'query',
    required: true,
    schema: { type: 'string', enum: [API_VERSION] },
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation) operation.parameters = [apiVersion, ...(operation.parameters ?? [])];
    }
  }
  return doc;
}
