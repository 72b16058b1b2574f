import { ISOLATION_KEY_HEADER, USER_LABEL_HEADER, type ErrorBody } from '@contract';
import { getSettings, getUserLabel, type ConnectionSettings } from './settings';

/** Any non-2xx answer, or no answer at all (status 0, code `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly param?: string,
    /** The whole JSON error body, for answers that carry more than `error` (a failed connection check). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** JSON-encoded unless it is already a body the browser sends as is. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Send the owner key from settings (create and every changing call). */
  asOwner?: boolean;
  /**
   * Send this owner key instead of the one in settings (a create dialog lets the person type it).
   * An empty string sends none, which makes a session without an owner.
   */
  ownerKey?: string;
  settings?: ConnectionSettings;
}

/**
 * What a path is resolved against, so fetch gets an absolute URL (jsdom's, in the web tests, takes no
 * relative one). Outside a browser there is no origin to assume: a path must be absolute there.
 */
const pageOrigin = () => (typeof window === 'undefined' ? undefined : window.location.origin);

/** Unset and empty values are left out rather than sent empty. */
function withQuery(url: URL, query: Query): string {
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}

/** The URL of a call: project endpoint + path + api-version + query. */
export function apiUrl(path: string, query: Query = {}, settings = getSettings()): string {
  // A path endpoint (the local host) is on this page's origin.
  const url = new URL(settings.endpoint.replace(/\/+$/, '') + path, pageOrigin());
  url.searchParams.set('api-version', settings.apiVersion);
  return withQuery(url, query);
}

/**
 * The person's name from Settings, for the audit trail of this console's server, on every call to it.
 * Percent-encoded, since a header carries only Latin-1. An endpoint on another origin is not this server:
 * it gets no name (and no header a CORS preflight would have to allow).
 */
function userLabelHeaders(endpoint: string): Record<string, string> {
  const label = getUserLabel();
  if (!label) return {};
  if (
    typeof window !== 'undefined' &&
    new URL(endpoint, window.location.origin).origin !== window.location.origin
  ) {
    return {};
  }
  return { [USER_LABEL_HEADER]: encodeURIComponent(label) };
}

export function apiHeaders(
  options: Pick<RequestOptions, 'asOwner' | 'ownerKey' | 'settings'> = {},
): Record<string, string> {
  const settings = options.settings ?? getSettings();
  const key = options.ownerKey ?? (options.asOwner ? settings.isolationKey : '');
  return { ...userLabelHeaders(settings.endpoint), ...(key && { [ISOLATION_KEY_HEADER]: key }) };
}

/**
 * The one way the console talks to a project endpoint. Returns the parsed JSON (undefined for an empty
 * body) and throws ApiError for anything else; it shows nothing and navigates nowhere.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const settings = options.settings ?? getSettings();
  return send<T>(
    apiUrl(path, options.query, settings),
    settings.endpoint,
    options,
    apiHeaders({ ...options, settings }),
  );
}

export type ConsoleRequestOptions = Pick<
  RequestOptions,
  'method' | 'query' | 'body' | 'contentType' | 'signal'
>;

/** The URL of a call to the console's own API: its path + query, on this page's origin. */
function consoleUrl(path: string, query: Query = {}): string {
  return withQuery(new URL(path, pageOrigin()), query);
}

/**
 * A call to the console's own API on this origin (`/api/console/...`, the list of connections). It is not
 * a project endpoint, so it takes no api-version and no isolation key, and it is the same on every connection.
 */
export async function consoleRequest<T>(path: string, options: ConsoleRequestOptions = {}): Promise<T> {
  const url = consoleUrl(path, options.query);
  return send<T>(url, "this console's server", options, userLabelHeaders(url));
}

async function send<T>(
  url: string,
  where: string,
  options: ConsoleRequestOptions,
  extraHeaders: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    body = headers['content-type'].includes('json')
      ? JSON.stringify(options.body)
      : (options.body as BodyInit);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'network_error', `Could not reach ${where}: ${(err as Error).message}`, undefined);
  }
  const requestId = res.headers.get('x-request-id') ?? res.headers.get('apim-request-id') ?? undefined;
  const text = await res.text();
  if (!res.ok) throw toApiError(res.status, text, requestId);
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    // Typically an HTML page: a sign-in page, a proxy's page, or a web site that is not a project endpoint.
    const what = looksLikeHtml(text) ? 'an HTML page' : 'something';
    throw new ApiError(
      res.status,
      'invalid_response',
      `The server answered ${res.status} with ${what} that is not JSON.`,
      requestId,
    );
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body)\b/i.test(text);
}

/** A short plain-text version of a body that is not our error JSON: an HTML page's title, or the text itself. */
function readableBody(text: string): string {
  if (!looksLikeHtml(text) && !/^\s*</.test(text)) return text.replace(/\s+/g, ' ').trim().slice(0, 300);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.slice(0, 300);
}

/** An ApiError from a non-2xx answer's body, for callers that read responses themselves (streams). */
export function toApiError(status: number, text: string, requestId: string | undefined): ApiError {
  try {
    const parsed = JSON.parse(text) as ErrorBody;
    const { error } = parsed;
    if (error && typeof error.message === 'string') {
      return new ApiError(
        status,
        error.code ?? `http_${status}`,
        error.message,
        requestId,
        error.param,
        parsed,
      );
    }
  } catch {
    // Not our JSON error shape: a proxy page, plain text, nothing.
  }
  // A proxy or gateway in between may answer with plain text or a whole HTML page: keep it one readable line.
  const snippet = readableBody(text);
  return new ApiError(
    status,
    `http_${status}`,
    snippet ? `The server answered ${status}: ${snippet}` : `The server answered ${status} with no message.`,
    requestId,
  );
}
