import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AgentSession,
  AgentSessionList,
  CreateSessionBody,
  ErrorBody,
  ISOLATION_KEY_HEADER,
  PageQuery,
  type List,
} from '@contract';
import { toSession } from '../store/sessions-repo';
import { splitAction } from './actions';

const AgentParams = Type.Object({ agent_name: Type.String() });
const SessionParams = Type.Object({ agent_name: Type.String(), session_id: Type.String() });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const SESSION_ACTIONS = { id: 'session_id', verbs: ['stop'], operationIds: { stop: 'stopSession' } } as const;

const sessionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions } = app.host;
  const ownerKey = (headers: Record<string, string | string[] | undefined>) => headers[ISOLATION_KEY_HEADER];

  app.post(
    '/agents/:agent_name/endpoint/sessions',
    {
      schema: {
        operationId: 'createSession',
        params: AgentParams,
        // Foundry takes an empty POST; so does the host (see preValidation).
        body: CreateSessionBody,
        response: { 201: AgentSession, ...errors },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const key = ownerKey(request.headers);
      const row = await sessions.create(
        request.params.agent_name,
        request.body,
        Array.isArray(key) ? key[0] : key || undefined,
      );
      reply.status(201);
      return toSession(row);
    },
  );

  app.get(
    '/agents/:agent_name/endpoint/sessions',
    {
      schema: {
        operationId: 'listSessions',
        params: AgentParams,
        querystring: PageQuery,
        response: { 200: AgentSessionList, ...errors },
      },
    },
    async (request, reply) => {
      // Already serialized to this shape (and cached, as UTF-8 bytes) by the manager; Fastify sends a
      // Buffer as it is, and node:http writes it without encoding a string on every request.
      const page = sessions.listJson(request.params.agent_name, request.query);
      return reply.type('application/json; charset=utf-8').send(page as unknown as List<AgentSession>);
    },
  );

  app.get(
    '/agents/:agent_name/endpoint/sessions/:session_id',
    {
      schema: {
        operationId: 'getSession',
        params: SessionParams,
        response: { 200: AgentSession, ...errors },
      },
    },
    async (request) => toSession(sessions.get(request.params.agent_name, request.params.session_id)),
  );

  app.post(
    '/agents/:agent_name/endpoint/sessions/:session_action',
    {
      config: { actions: SESSION_ACTIONS },
      schema: {
        params: Type.Object({ agent_name: Type.String(), session_action: Type.String() }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const [id] = splitAction(request.params.session_action, SESSION_ACTIONS.verbs);
      await sessions.stop(request.params.agent_name, id, ownerKey(request.headers));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/agents/:agent_name/endpoint/sessions/:session_id',
    {
      schema: {
        operationId: 'deleteSession',
        params: SessionParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await sessions.delete(request.params.agent_name, request.params.session_id, ownerKey(request.headers));
      return reply.status(204).send(null);
    },
  );
};

export default sessionsRoutes;
