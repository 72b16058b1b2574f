import { API_VERSION, type ErrorBody } from '@contract';

// Calls over the wire only, no host code: web tests import this and reach their host out of process.

export type Query = Record<string, string | number | boolean | undefined>;

export function apiUrl(endpoint: string, apiPath: string, query: Query = {}): string {
  const url = new URL(endpoint + apiPath);
  url.searchParams.set('api-version', API_VERSION);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface CallOptions {
  query?: Query;
  /** Sent as is when a string, as JSON otherwise. */
  body?: unknown;
  /** The body's content type; `application/json` when a body is sent and none is named. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** One API call to the host; the body comes back as text, and parsed when there is one. */
export async function call<T = ErrorBody>(
  host: { url: (apiPath: string, query?: Query) => string },
  method: string,
  apiPath: string,
  opts: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  // Named even without a body: clients that always send a JSON content type send it on a body-less POST too.
  if (opts.contentType) headers['content-type'] = opts.contentType;
  else if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(host.url(apiPath, opts.query), {
    method,
    headers,
    ...(opts.body !== undefined && {
      body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : undefined) as T };
}
