import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, LOG_EVENT } from '@contract';
import { badRequest, notFound } from '../errors';
import { SSE_HEADERS } from '../logs/sse';
import { splitAction } from './actions';

const LogStreamParams = Type.Object({
  agent_name: Type.String(),
  agent_version: Type.String(),
  session_action: Type.String(),
});
const LogStreamHeaders = Type.Object({ 'last-event-id': Type.Optional(Type.String()) });
/** Written by hand (the reply is hijacked), so this only describes it. */
const LogEvents = {
  description:
    `Server-sent events named \`${LOG_EVENT}\`, each one log line as JSON (\`LogLine\`); a stored line carries ` +
    'an `id`, so a client that reconnects with `Last-Event-ID` resumes right after it.',
  content: { 'text/event-stream': { schema: Type.String() } },
};

const logsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { agents, sessions, logs, options } = app.host;
  // Rounded, so 1.1 s is 1100 ms and the notice that ends a stream says "1.1 s".
  const limits = {
    maxAgeMs: Math.round(options.streamMaxAgeSeconds * 1000),
    idleMs: Math.round(options.streamIdleTimeoutSeconds * 1000),
  };
  // An open stream never finishes by itself, and the server waits for every response before it closes.
  app.addHook('preClose', async () => logs.endStreams());

  app.get(
    '/agents/:agent_name/versions/:agent_version/sessions/:session_action',
    {
      // A HEAD would subscribe and then hold a bodiless response open.
      exposeHeadRoute: false,
      config: {
        actions: { id: 'session_id', verbs: ['logstream'], operationIds: { logstream: 'streamSessionLogs' } },
      },
      schema: {
        params: LogStreamParams,
        headers: LogStreamHeaders,
        response: { 200: LogEvents, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { agent_name: agent, agent_version: version } = request.params;
      const [id] = splitAction(request.params.session_action, ['logstream'] as const);
      if (!agents.get(agent)) throw notFound(`Agent '${agent}' does not exist.`);
      if (!agents.version(agent, version)) throw notFound(`Agent '${agent}' has no version '${version}'.`);
      const session = sessions.requireSandbox(agent, id);
      if (session.agent_version !== version) {
        throw notFound(
          `Session '${id}' runs version '${session.agent_version}' of agent '${agent}', not '${version}'.`,
        );
      }
      const lastEventId = parseLastEventId(request.headers['last-event-id']);

      // The stream outlives the handler, so the response is written by hand from here on, headers too.
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'x-request-id': request.id, ...SSE_HEADERS });
      const subscription = logs.subscribe(agent, id, res, { lastEventId, limits });
      res.once('close', () => subscription.close());
      // A write racing a vanished client fails; 'close' follows and cleans up.
      res.on('error', () => {});
    },
  );
};

/** Ids this host sends are whole numbers; anything else did not come from it. */
function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  if (!/^\d{1,15}$/.test(header)) {
    throw badRequest(
      `Last-Event-ID must be the id of a log line this host sent, a whole number; got '${header}'.`,
      'Last-Event-ID',
    );
  }
  return Number(header);
}

export default logsRoutes;
