import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeCall, GATEWAY_ROUTE, READ_METHODS, type CallDescription, type CallPlaces } from './describe';
import { userLabel } from './person';
import type { AuditTrail } from './trail';

export interface ObserveOptions extends CallPlaces {
  trail: AuditTrail;
  /** Who the calls are recorded as (the OS user running the server, until there is sign-in). */
  person: string;
}

/** Bodies larger than this are not read for their error code or the id they name: the status says enough. */
const MAX_READ_PAYLOAD = 64 * 1024;

/** Upstream request-id headers the gateway passes back, the most specific first after the usual one. */
const UPSTREAM_REQUEST_IDS = ['apim-request-id', 'x-ms-request-id'];

/** What the answer said that the route could not: its error code, the session it made, the bytes it wrote. */
interface ReplyFacts {
  errorCode?: string;
  sessionId?: string;
  bytesWritten?: number;
}

/**
 * Records every changing call that passes through this server, exactly once: when it has been answered
 * (`onResponse`), or when the client went away first (the response closed unfinished, as a cancelled
 * upload does). The hooks must sit on the root of the server so that they see every route, whichever
 * part declared it; they read the request and the answer and change neither.
 */
export function observeChangingCalls(app: FastifyInstance, options: ObserveOptions): void {
  const { trail, person } = options;
  const descriptions = new WeakMap<FastifyRequest, CallDescription | null>();
  const facts = new WeakMap<FastifyRequest, ReplyFacts>();
  const recorded = new WeakSet<FastifyRequest>();

  const describe = (request: FastifyRequest) => {
    let description = descriptions.get(request);
    if (description === undefined) {
      description = READ_METHODS.has(request.method) ? null : (describeCall(request, options) ?? null);
      descriptions.set(request, description);
    }
    return description;
  };

  const record = (request: FastifyRequest, reply: FastifyReply, aborted: boolean) => {
    if (recorded.has(request)) return;
    const call = describe(request);
    if (!call) return;
    recorded.add(request);
    const res = reply.raw;
    const status = aborted ? (res.headersSent ? res.statusCode : undefined) : reply.statusCode;
    const seen = facts.get(request) ?? {};
    const label = userLabel(request.headers);
    const session = call.session ?? seen.sessionId ?? headerText(reply.getHeader('x-agent-session-id'));
    const declared = Number(request.headers['content-length']);
    const bytes =
      call.action === 'file.upload'
        ? (seen.bytesWritten ?? (Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined))
        : undefined;
    try {
      trail.append({
        atMs: Date.now(),
        durationMs: Math.max(0, Math.round(reply.elapsedTime || 0)),
        person,
        ...(label !== undefined && { label }),
        ...call,
        ...(session !== undefined && { session }),
        method: request.method,
        outcome: aborted ? 'aborted' : status !== undefined && status >= 400 ? 'error' : 'ok',
        ...(status !== undefined && { status }),
        ...(seen.errorCode !== undefined && { errorCode: seen.errorCode }),
        requestId: requestIdOf(request, reply),
        ...(bytes !== undefined && { bytes }),
      });
    } catch (err) {
      // The call itself went through; losing its record must not break the server, but must be said.
      logFailure(request.log, err);
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    // Described later, once the body is parsed: adding a connection names it only there.
    if (READ_METHODS.has(request.method) || request.routeOptions.url === undefined) return;
    if (request.routeOptions.url === GATEWAY_ROUTE) {
      // The gateway writes its answer's headers itself, in one writeHead. Node keeps headers it can read
      // back only once one has been set on the response; this is the very value the gateway sends when
      // its upstream names no request id, so the answer is the same, and readable when it is recorded.
      reply.raw.setHeader('x-request-id', request.id);
    }
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) record(request, reply, true);
    });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const call = describe(request);
    if (call) {
      const wanted =
        reply.statusCode >= 400 || call.action === 'session.create' || call.action === 'file.upload';
      const body = wanted ? smallJson(payload, reply) : undefined;
      if (body) facts.set(request, replyFacts(body, reply.statusCode, call));
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    record(request, reply, false);
  });
}

function replyFacts(body: Record<string, unknown>, status: number, call: CallDescription): ReplyFacts {
  if (status >= 400) {
    const error = body.error as { code?: unknown } | undefined;
    const code = typeof error?.code === 'string' ? error.code.slice(0, 100) : undefined;
    return code === undefined ? {} : { errorCode: code };
  }
  if (call.action === 'session.create' && typeof body.agent_session_id === 'string') {
    return { sessionId: body.agent_session_id.slice(0, 256) };
  }
  if (call.action === 'file.upload' && Number.isSafeInteger(body.bytes_written)) {
    return { bytesWritten: body.bytes_written as number };
  }
  return {};
}

/** A JSON object answer already serialised to a small string or buffer, parsed; anything else undefined. */
function smallJson(payload: unknown, reply: FastifyReply): Record<string, unknown> | undefined {
  const type = headerText(reply.getHeader('content-type')) ?? '';
  if (!/\bjson\b/i.test(type)) return undefined;
  const text =
    typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  if (text === undefined || text.length > MAX_READ_PAYLOAD) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request id its client was shown. Through the gateway, the upstream's own when it sent one back:
 * that is the id Foundry's support can look up.
 */
function requestIdOf(request: FastifyRequest, reply: FastifyReply): string {
  const shown =
    headerText(reply.raw.getHeader('x-request-id')) ?? headerText(reply.getHeader('x-request-id'));
  if (request.routeOptions.url === GATEWAY_ROUTE && (shown === undefined || shown === request.id)) {
    for (const name of UPSTREAM_REQUEST_IDS) {
      const upstream = headerText(reply.raw.getHeader(name));
      if (upstream !== undefined) return upstream.slice(0, 200);
    }
  }
  return (shown ?? request.id).slice(0, 200);
}

function headerText(value: unknown): string | undefined {
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function logFailure(log: FastifyBaseLogger, err: unknown): void {
  log.error({ err }, 'the audit trail could not record a call');
}
