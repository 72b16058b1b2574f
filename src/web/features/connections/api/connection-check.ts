import { apiPaths } from '../../../../contract';
import { ApiError, apiRequest } from '../../../lib/api-client';
import type { ConnectionSettings } from '../../../lib/settings';

export type ConnectionField = 'endpoint' | 'apiVersion' | 'isolationKey';
export type ConnectionErrors = Partial<Record<ConnectionField, string>>;

/** An absolute http(s) URL, or a path on this origin such as `/api/projects/local`. */
export function validateEndpoint(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the project endpoint: a URL, or a path such as /api/projects/local.';
  if (/\s/.test(v)) return 'The endpoint cannot contain spaces.';
  if (v.startsWith('/')) {
    // "//host/..." is a URL on another host in disguise, not a path on this one.
    if (v.startsWith('//')) return 'A path starts with a single /, e.g. /api/projects/local.';
  } else {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return 'Enter an absolute URL starting with https:// or http://, or a path starting with /.';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return `Use https:// or http://, not ${url.protocol}//.`;
    if (!url.hostname) return 'The URL has no host name.';
  }
  if (/[?#]/.test(v)) return 'Leave out the query and fragment: the console adds api-version itself.';
  return undefined;
}

export function validateApiVersion(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an api-version, e.g. v1.';
  if (!/^[A-Za-z0-9._-]+$/.test(v)) return 'Letters, digits, dots, dashes and underscores only, e.g. v1.';
  return undefined;
}

export function validateIsolationKey(value: string): string | undefined {
  // It travels as an HTTP header value, and the browser refuses to send anything else.
  if (!/^[\x20-\x7E]*$/.test(value)) return 'Printable ASCII characters only: it is sent as a header.';
  if (value !== value.trim()) return 'Remove the spaces at the start or end.';
  return undefined;
}

export function validateConnection(settings: ConnectionSettings): ConnectionErrors {
  const errors: ConnectionErrors = {};
  const endpoint = validateEndpoint(settings.endpoint);
  const apiVersion = validateApiVersion(settings.apiVersion);
  const isolationKey = validateIsolationKey(settings.isolationKey);
  if (endpoint) errors.endpoint = endpoint;
  if (apiVersion) errors.apiVersion = apiVersion;
  if (isolationKey) errors.isolationKey = isolationKey;
  return errors;
}

/** Trims what a person may have pasted with stray spaces and the trailing slash of a copied URL. */
export function normalizeConnection(settings: ConnectionSettings): ConnectionSettings {
  return {
    endpoint: settings.endpoint.trim().replace(/\/+$/, '') || '/',
    apiVersion: settings.apiVersion.trim(),
    isolationKey: settings.isolationKey,
  };
}

export type ConnectionProblem =
  'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'not_project' | 'refused' | 'server_error';

export type ConnectionCheck =
  | { ok: true; agentCount: number; more: boolean }
  | { ok: false; problem: ConnectionProblem; title: string; advice: string; error?: ApiError };

const TIMEOUT_MS = 10_000;
const MAX_PAGES = 10;

function isList(value: unknown): value is { data: unknown[]; has_more?: unknown; last_id?: unknown } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { data?: unknown }).data);
}

/**
 * Lists agents with the settings given (not the saved ones, so a draft can be tried before it is kept)
 * and turns whatever goes wrong into words a person can act on.
 */
export async function checkConnection(
  settings: ConnectionSettings,
  signal?: AbortSignal,
): Promise<ConnectionCheck> {
  // A host that accepts the connection and never answers would otherwise leave the test spinning.
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let agentCount = 0;
  let after: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await apiRequest<unknown>(apiPaths.agents(), {
        settings,
        signal: combined,
        query: { limit: 100, after },
      });
      if (!isList(body)) {
        return {
          ok: false,
          problem: 'not_project',
          title: 'This is not a Foundry project endpoint',
          advice:
            'It answered, but not with a list of agents. Check that the URL ends with /api/projects/{project}.',
        };
      }
      agentCount += body.data.length;
      const next = typeof body.last_id === 'string' ? body.last_id : undefined;
      if (body.has_more !== true || !next || next === after) return { ok: true, agentCount, more: false };
      after = next;
    }
    return { ok: true, agentCount, more: true };
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) {
      return {
        ok: false,
        problem: 'timeout',
        title: 'No answer in time',
        advice: `The endpoint did not answer within ${TIMEOUT_MS / 1000} seconds. Check the address and your network.`,
      };
    }
    if (!(error instanceof ApiError)) throw error;
    return { ok: false, error, ...describe(error) };
  }
}

function describe(error: ApiError): { problem: ConnectionProblem; title: string; advice: string } {
  if (error.status === 0) {
    return {
      problem: 'unreachable',
      title: 'The endpoint is unreachable',
      advice:
        'Nothing answered at this address. Check the URL and that the host is running; an endpoint on another site must also allow this console (CORS).',
    };
  }
  if (error.status === 401) {
    return {
      problem: 'unauthorized',
      title: 'Sign-in needed (401)',
      advice:
        'The endpoint wants a token. Sign in, or use the console’s gateway for a Foundry project so it adds the Entra token.',
    };
  }
  if (error.status === 403) {
    return {
      problem: 'forbidden',
      title: 'No access (403)',
      advice: 'You are signed in, but this identity has no access to the project. Ask for a role on it.',
    };
  }
  if (error.status === 404 || error.code === 'invalid_response') {
    return {
      problem: 'not_project',
      title: 'This is not a Foundry project endpoint',
      advice:
        error.status === 404
          ? 'There is no agents list at this address (404). A project endpoint ends with /api/projects/{project}.'
          : 'It answered with a page that is not JSON. A project endpoint ends with /api/projects/{project}.',
    };
  }
  if (error.status >= 500) {
    return {
      problem: 'server_error',
      title: `The endpoint failed (${error.status})`,
      advice: 'It is reachable but failed to answer. Try again; if it keeps failing, quote the request id.',
    };
  }
  return {
    problem: 'refused',
    title: `The endpoint refused the request (${error.status})`,
    advice: /api-version/i.test(error.message)
      ? 'Check the api-version: the local host and Foundry answer v1.'
      : 'Check the endpoint and api-version.',
  };
}
