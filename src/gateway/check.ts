import type { IncomingMessage } from 'node:http';
import { API_VERSION, type ConnectionCheck } from '@contract';
import { HttpError } from '../server/errors';
import { SignInError, type TokenCache } from './token-cache';
import type { Upstream } from './upstream';

/** Enough for a page of one agent; anything longer is not the answer of a project endpoint anyway. */
const MAX_CHECK_BODY = 256 * 1024;
/** Someone is waiting on the check in Settings; a project that needs longer than this to list one agent is not well. */
const CHECK_IDLE_TIMEOUT_MS = 15_000;

/**
 * Asks `endpoint` for one agent, the way the console's first call would, and says in words what came back.
 * Never throws: every failure is an outcome.
 */
export async function checkEndpoint(
  upstream: Upstream,
  tokens: TokenCache,
  endpoint: string,
  features: string | undefined,
): Promise<ConnectionCheck> {
  const url = new URL(`${endpoint}/agents`);
  url.searchParams.set('api-version', API_VERSION);
  url.searchParams.set('limit', '1');
  let token: string;
  try {
    token = await tokens.token();
  } catch (err) {
    if (err instanceof SignInError) return { ok: false, outcome: 'sign_in_failed', message: err.message };
    throw err;
  }
  let response: IncomingMessage;
  try {
    ({ response } = await upstream.send({
      url,
      method: 'GET',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(features && { 'foundry-features': features }),
      },
      idleTimeoutMs: CHECK_IDLE_TIMEOUT_MS,
    }));
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return {
      ok: false,
      outcome: err.code === 'gateway_timeout' ? 'timeout' : 'unreachable',
      message: err.message,
    };
  }
  const status = response.statusCode ?? 0;
  const requestId = firstHeader(response, 'x-request-id') ?? firstHeader(response, 'apim-request-id');
  const seen = { status, ...(requestId && { request_id: requestId }) };
  const body = await readSome(response);
  const upstreamMessage = errorMessage(body);
  const said = upstreamMessage ? ` It said: ${upstreamMessage}` : '';

  if (status === 401) {
    return {
      ok: false,
      outcome: 'unauthorized',
      message:
        'The project refused the token (401). Sign in with `az login` as someone with access to the project ' +
        '(with `--tenant` if the project is in another tenant), or set the AZURE_* environment for a service principal.' +
        said,
      ...seen,
    };
  }
  if (status === 403) {
    return {
      ok: false,
      outcome: 'forbidden',
      message:
        'The signed-in identity has no role on this project (403). Ask an owner to give it the Azure AI User ' +
        'role on the project (or its Foundry resource).' +
        said,
      ...seen,
    };
  }
  if (status === 404 || (status >= 300 && status < 400)) {
    return {
      ok: false,
      outcome: 'not_a_project',
      message: `This is not a Foundry project endpoint: it answered ${status} to a request for its agents. Check the account and project names.`,
      ...seen,
    };
  }
  if (status >= 200 && status < 300) {
    return isList(body)
      ? { ok: true, outcome: 'ok', message: 'The project answered with its agents.', ...seen }
      : {
          ok: false,
          outcome: 'not_a_project',
          message:
            'This is not a Foundry project endpoint: it answered, but not with a list of agents. Check the account and project names.',
          ...seen,
        };
  }
  return {
    ok: false,
    outcome: 'upstream_error',
    message: `The project answered ${status} to a request for its agents.${said}`,
    ...seen,
  };
}

function firstHeader(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as JSON when it is JSON and short; undefined otherwise. The rest is discarded unread. */
async function readSome(response: IncomingMessage): Promise<unknown> {
  const json = /^application\/([a-z.+-]*\+)?json/i.test(response.headers['content-type'] ?? '');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (!json || size > MAX_CHECK_BODY) break;
      chunks.push(chunk);
    }
  } catch {
    return undefined;
  } finally {
    response.destroy();
  }
  if (!json || size > MAX_CHECK_BODY) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isList(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Array.isArray((body as { data?: unknown }).data);
}

function errorMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message.slice(0, 300) : undefined;
}
