import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CONNECTIONS_PATH,
  Connection,
  ConnectionCheck,
  ConnectionCheckFailed,
  ConnectionCreate,
  ConnectionCreated,
  ConnectionList,
  ConnectionParams,
  ConnectionUpdate,
  ErrorBody,
  LOCAL_CONNECTION,
} from '@contract';
import type { ConnectionStore } from './connections-store';
import { parseEndpoint } from './endpoint';
import { checkFailed, gatewayError } from './errors';

export interface ConnectionsApiContext {
  store: ConnectionStore;
  allowLocal: boolean;
  check: (endpoint: string, features: string | undefined) => Promise<ConnectionCheck>;
}

const one = `${CONNECTIONS_PATH}/:name`;

/** The console's list of projects: read, add (checked first), change, remove, test again. */
export function connectionsApi({
  store,
  allowLocal,
  check,
}: ConnectionsApiContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // A change is a JSON merge patch, and a client may label it as one. A body-less POST (a test) may
    // still be labelled JSON: an empty body is no body, as on the host's API.
    const json = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      ['application/json', 'application/merge-patch+json'],
      { parseAs: 'string' },
      (request, body, done) => {
        if (body.length === 0) done(null, undefined);
        else json(request, body.toString(), done);
      },
    );

    app.get(CONNECTIONS_PATH, { schema: { response: { 200: ConnectionList } } }, async () => ({
      data: store.list(),
    }));

    app.get(
      one,
      { schema: { params: ConnectionParams, response: { 200: Connection, 404: ErrorBody } } },
      async (request) => {
        const connection = store.wire(request.params.name);
        if (!connection) {
          throw gatewayError(404, 'not_found', `There is no connection named '${request.params.name}'.`);
        }
        return connection;
      },
    );

    app.post(
      CONNECTIONS_PATH,
      {
        schema: {
          body: ConnectionCreate,
          response: { 201: ConnectionCreated, 400: ErrorBody, 409: ErrorBody, 422: ConnectionCheckFailed },
        },
      },
      async (request, reply) => {
        const { name, colour, production, features, force } = request.body;
        const endpoint = parseEndpoint(request.body.endpoint, allowLocal);
        // Said before the test call, so nobody waits on a check only to hear the name was taken.
        if (name === LOCAL_CONNECTION || store.get(name)) {
          throw gatewayError(409, 'conflict', `A connection named '${name}' already exists.`, 'name');
        }
        const result = await check(endpoint, features);
        if (!result.ok && !force) {
          throw checkFailed(
            `${result.message} Nothing was added; fix this, or add it anyway to check later.`,
            result,
          );
        }
        const connection = store.add({
          name,
          endpoint,
          ...(colour !== undefined && { colour }),
          ...(production !== undefined && { production }),
          ...(features !== undefined && { features }),
        });
        return reply.status(201).send({ connection, check: result });
      },
    );

    app.patch(
      one,
      {
        schema: {
          params: ConnectionParams,
          body: ConnectionUpdate,
          response: { 200: Connection, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => store.update(request.params.name, request.body),
    );

    app.delete(
      one,
      {
        schema: { params: ConnectionParams, response: { 204: Type.Null(), 404: ErrorBody, 409: ErrorBody } },
      },
      async (request, reply) => {
        store.remove(request.params.name);
        return reply.status(204).send(null);
      },
    );

    app.post(
      `${one}/test`,
      { schema: { params: ConnectionParams, response: { 200: ConnectionCheck, 404: ErrorBody } } },
      async (request) => {
        const { name } = request.params;
        if (name === LOCAL_CONNECTION) {
          return {
            ok: true,
            outcome: 'ok',
            message: 'The local host runs in this server; it is always there.',
          } as const;
        }
        const connection = store.get(name);
        if (!connection) throw gatewayError(404, 'not_found', `There is no connection named '${name}'.`);
        return check(connection.endpoint, connection.features);
      },
    );
  };
}
