import http from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody, SESSION_ID_PATTERN, type ProtocolName } from '../../contract';
import { badRequest, HttpError, notFound } from '../errors';
import type { AgentProcess } from '../sandbox/runner';

const AgentParams = Type.Object({ agent_name: Type.String() });
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 424: ErrorBody };
/** Response headers of the agent worth passing on; hop-by-hop and length headers are the host's own. */
const PASSED_HEADERS = ['content-type', 'cache-control', 'content-language'];
/** Replies up to this size (with a known length) are read whole and sent in one write. */
const SMALL_REPLY_BYTES = 64 * 1024;

/**
 * The protocol endpoints: route a request to a session's agent process, resuming an idle session
 * first, or creating a session when none is named. Replies stream through as they are written.
 */
const invocationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { agents, sessions, options } = app.host;
  // Bodies go to the agent as they came; JSON is only checked so a malformed one is a clear 400 here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: options.maxInvokeBytes },
    (request, body, done) => {
      if (/\bjson\b/.test(request.headers['content-type'] ?? '') && body.length > 0) {
        try {
          JSON.parse(body.toString('utf8'));
        } catch (err) {
          done(badRequest(`The body is not valid JSON: ${(err as Error).message}`), undefined);
          return;
        }
      }
      done(null, body);
    },
  );

  /** The session to send to (resumed and ready), creating one when none is named. */
  async function target(agent: string, protocol: ProtocolName, sessionId: string | undefined) {
    const found = agents.get(agent);
    if (!found) throw notFound(`Agent '${agent}' does not exist.`);
    if (!found.agent_endpoint?.protocol_configuration?.[protocol]) {
      throw notFound(
        `Agent '${agent}' does not serve the ${protocol} protocol; turn it on in its endpoint settings.`,
      );
    }
    if (sessionId !== undefined) {
      if (!new RegExp(SESSION_ID_PATTERN).test(sessionId)) {
        throw badRequest(`'${sessionId}' is not a valid session id.`, 'agent_session_id');
      }
      return { id: sessionId, process: await sessions.resume(agent, sessionId) };
    }
    const created = await sessions.create(agent, {}, undefined);
    const id = created.session_id;
    return { id, process: await sessions.resume(agent, id, { waitWhileStarting: true }) };
  }

  app.post(
    '/agents/:agent_name/endpoint/protocols/invocations',
    {
      schema: {
        params: AgentParams,
        querystring: Type.Object({ agent_session_id: Type.Optional(Type.String()) }),
        response: errors,
      },
    },
    async (request, reply) => {
      const { id, process } = await target(
        request.params.agent_name,
        'invocations',
        request.query.agent_session_id,
      );
      reply.header('x-agent-session-id', id);
      return forward(reply, process, '/invocations', request.body as Buffer | undefined, request.headers);
    },
  );

  app.post(
    '/agents/:agent_name/endpoint/protocols/openai/responses',
    { schema: { params: AgentParams, response: errors } },
    async (request, reply) => {
      const raw = request.body as Buffer | undefined;
      let body: unknown;
      try {
        body = JSON.parse(raw?.toString('utf8') || 'null');
      } catch (err) {
        throw badRequest(`The body is not valid JSON: ${(err as Error).message}`);
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw badRequest('The body must be a JSON object (a Responses request).');
      }
      const named = (body as { agent_session_id?: unknown }).agent_session_id;
      if (named !== undefined && typeof named !== 'string') {
        throw badRequest('agent_session_id must be a string.', 'agent_session_id');
      }
      const { id, process } = await target(request.params.agent_name, 'responses', named);
      reply.header('x-agent-session-id', id);
      return forward(reply, process, '/responses', Buffer.from(JSON.stringify(body)), request.headers, id);
    },
  );

  /**
   * Sends the request to the agent and streams its answer back. A JSON reply to a Responses request
   * gets the session id added, as Foundry does; anything else passes through untouched.
   */
  function forward(
    reply: FastifyReply,
    agentProcess: AgentProcess,
    path: string,
    body: Buffer | undefined,
    headers: http.IncomingHttpHeaders,
    responsesSessionId?: string,
  ): Promise<FastifyReply> {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: agentProcess.port,
          path,
          method: 'POST',
          headers: {
            'content-type': headers['content-type'] ?? 'application/json',
            accept: headers.accept ?? '*/*',
            'content-length': String(body?.length ?? 0),
          },
          timeout: options.invokeTimeoutSeconds * 1000,
        },
        (res) => {
          const status = res.statusCode ?? 502;
          reply.status(status);
          for (const name of PASSED_HEADERS) {
            const value = res.headers[name];
            if (value !== undefined) reply.header(name, value);
          }
          const type = String(res.headers['content-type'] ?? '');
          if (type.includes('text/event-stream')) reply.header('x-accel-buffering', 'no');
          if (responsesSessionId && type.includes('application/json')) {
            collect(res).then(
              (text) => {
                try {
                  const parsed = JSON.parse(text) as unknown;
                  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
                    (parsed as Record<string, unknown>).agent_session_id = responsesSessionId;
                  }
                  resolve(reply.send(parsed));
                } catch {
                  resolve(reply.send(text));
                }
              },
              (err: Error) => reject(agentGone(err)),
            );
            return;
          }
          // A small reply of known length is sent whole: cheaper than piping a stream for the common case.
          const length = Number(res.headers['content-length']);
          if (length <= SMALL_REPLY_BYTES && !type.includes('text/event-stream')) {
            collectBuffer(res).then(
              (buffer) => resolve(reply.send(buffer)),
              (err: Error) => reject(agentGone(err)),
            );
            return;
          }
          // The reply may be long (a job streaming progress); the request timeout covers it all.
          res.on('error', () => reply.raw.destroy());
          resolve(reply.send(res));
        },
      );
      upstream.on('timeout', () => {
        upstream.destroy(
          new HttpError(
            504,
            'timeout',
            `The agent did not finish answering within ${options.invokeTimeoutSeconds} s; the request was ended.`,
          ),
        );
      });
      upstream.on('error', (err) => {
        if (reply.sent) {
          reply.raw.destroy();
          return;
        }
        reject(err instanceof HttpError ? err : agentGone(err));
      });
      // A caller that goes away ends the agent request too.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  }
};

function agentGone(err: Error): HttpError {
  return new HttpError(
    502,
    'agent_error',
    `The agent process ended the request before answering (${err.message}); it may have crashed or the session was stopped or deleted. Its logs say more.`,
  );
}

function collectBuffer(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const collect = async (stream: http.IncomingMessage) => (await collectBuffer(stream)).toString('utf8');

export default invocationsRoutes;
