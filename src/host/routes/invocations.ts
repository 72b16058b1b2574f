import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { Agent, errors as upstreamErrors, type Dispatcher } from 'undici';
import { ErrorBody, SESSION_ID_PATTERN, type ProtocolName } from '@contract';
import { badRequest, HttpError, notFound, shuttingDown } from '../errors';
import type { AgentProcess } from '../sandbox/runner';

const sessionIdPattern = new RegExp(SESSION_ID_PATTERN);
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
  // Keep-alive connections to the agent processes. undici rather than node:http's client: the client
  // half of a forwarded request is most of what the host spends on it, and undici's costs about half.
  const timeoutMs = options.invokeTimeoutSeconds * 1000;
  const upstream = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  app.addHook('onClose', () => upstream.close());
  // Calls still being answered when the host closes are answered here, before the server drops every
  // connection: a client gets a 503 saying why rather than a connection reset.
  const calls = new Set<Call>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    await Promise.all([...calls].map((call) => call.shutDown()));
  });

  /** Registers a call for the host to end should it close (or refuses it: it came in as the host began to). */
  function begin(reply: FastifyReply): Call {
    if (closing) throw shuttingDown(SHUTDOWN_MESSAGE);
    const call = new Call(reply);
    calls.add(call);
    reply.raw.once('close', () => calls.delete(call));
    return call;
  }
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
      if (!sessionIdPattern.test(sessionId)) {
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
        operationId: 'invokeAgent',
        params: AgentParams,
        querystring: Type.Object({ agent_session_id: Type.Optional(Type.String()) }),
        response: errors,
      },
    },
    async (request, reply) => {
      return begin(reply).run(async (call) => {
        const { id, process } = await target(
          request.params.agent_name,
          'invocations',
          request.query.agent_session_id,
        );
        call.goOn();
        reply.header('x-agent-session-id', id);
        return forward(call, process, '/invocations', request.body as Buffer | undefined, request.headers);
      });
    },
  );

  app.post(
    '/agents/:agent_name/endpoint/protocols/openai/responses',
    { schema: { operationId: 'createResponse', params: AgentParams, response: errors } },
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
      return begin(reply).run(async (call) => {
        const { id, process } = await target(request.params.agent_name, 'responses', named);
        call.goOn();
        reply.header('x-agent-session-id', id);
        return forward(call, process, '/responses', Buffer.from(JSON.stringify(body)), request.headers, id);
      });
    },
  );

  /**
   * Sends the request to the agent and streams its answer back. A JSON reply to a Responses request
   * gets the session id added, as Foundry does; anything else passes through untouched.
   */
  async function forward(
    call: Call,
    agentProcess: AgentProcess,
    path: string,
    body: Buffer | undefined,
    headers: IncomingHttpHeaders,
    responsesSessionId?: string,
  ): Promise<FastifyReply> {
    const { reply } = call;
    let res: Dispatcher.ResponseData;
    try {
      res = await upstream.request({
        origin: `http://127.0.0.1:${agentProcess.port}`,
        path,
        method: 'POST',
        headers: {
          'content-type': headers['content-type'] ?? 'application/json',
          accept: headers.accept ?? '*/*',
        },
        body,
        signal: call.signal,
      });
    } catch (err) {
      throw upstreamError(err as Error);
    }
    reply.status(res.statusCode);
    for (const name of PASSED_HEADERS) {
      const value = res.headers[name];
      if (value !== undefined) reply.header(name, value);
    }
    const type = String(res.headers['content-type'] ?? '');
    const streamed = type.includes('text/event-stream');
    if (streamed) reply.header('x-accel-buffering', 'no');
    if (responsesSessionId && type.includes('application/json')) {
      const text = await read(res.body).then((buffer) => buffer.toString('utf8'));
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          (parsed as Record<string, unknown>).agent_session_id = responsesSessionId;
        }
        return reply.send(parsed);
      } catch {
        return reply.send(text);
      }
    }
    // A small reply of known length is sent whole: cheaper than piping a stream for the common case.
    if (Number(res.headers['content-length']) <= SMALL_REPLY_BYTES && !streamed) {
      const whole = await read(res.body);
      call.answered = true;
      return reply.send(whole);
    }
    // The reply may be long (a job streaming progress); the timeout applies between its chunks.
    res.body.on('error', () => reply.raw.destroy());
    call.answered = true;
    return reply.send(res.body);
  }

  /** The whole of a reply body; the agent failing mid-way is the same error as failing before it. */
  async function read(stream: Dispatcher.ResponseData['body']): Promise<Buffer> {
    try {
      return Buffer.from(await stream.arrayBuffer());
    } catch (err) {
      throw upstreamError(err as Error);
    }
  }

  function upstreamError(err: Error): HttpError {
    if (err instanceof upstreamErrors.HeadersTimeoutError || err instanceof upstreamErrors.BodyTimeoutError) {
      return new HttpError(
        504,
        'timeout',
        `The agent did not answer within ${options.invokeTimeoutSeconds} s; the request was ended.`,
      );
    }
    return agentGone(err);
  }
};

const SHUTDOWN_MESSAGE =
  'The host is shutting down; the call was ended before the agent answered. Send it again once the host is back.';

/**
 * One call being passed to an agent. When the host closes, a call not yet answered gets a 503 at once
 * (whether it waits for its session to start or for the agent), and an answer already streaming is cut off.
 */
class Call {
  /** Ends the agent request: undici takes an emitter of 'abort' as a signal, a fraction of the cost of an AbortController. */
  readonly signal = new EventEmitter();
  /** The agent's answer is being sent: too late for a 503. */
  answered = false;
  private stopped = false;
  private stop: ((err: HttpError) => void) | undefined;

  constructor(readonly reply: FastifyReply) {
    // A caller that goes away ends the agent request too.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) this.signal.emit('abort');
    });
  }

  /** The work's outcome, unless the host closes first; the work left behind then fails unheard. */
  run<T>(work: (call: this) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.stop = reject;
      work(this).then(resolve, reject);
    });
  }

  /** Throws once the call has been ended, so work left behind sends nothing more to the agent. */
  goOn(): void {
    if (this.stopped) throw shuttingDown(SHUTDOWN_MESSAGE);
  }

  /** Ends the call for a closing host; resolves once its answer is written or its connection gone. */
  shutDown(): Promise<void> {
    const raw = this.reply.raw;
    this.stopped = true;
    if (this.answered) {
      raw.destroy();
    } else {
      this.reply.header('connection', 'close');
      this.stop?.(shuttingDown(SHUTDOWN_MESSAGE));
    }
    this.signal.emit('abort');
    if (raw.writableFinished || raw.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      raw.once('finish', resolve);
      raw.once('close', resolve);
    });
  }
}

function agentGone(err: Error): HttpError {
  return new HttpError(
    502,
    'agent_error',
    `The agent process ended the request before answering (${err.message}); it may have crashed or the session was stopped or deleted. Its logs say more.`,
  );
}

export default invocationsRoutes;
