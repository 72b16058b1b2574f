import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION, MAX_UPLOAD_BYTES } from '@contract';
import { startHost, type TestHost } from '../helpers/host';

// The host describes its own API in OpenAPI 3.1, generated from the schemas its routes declare, so a
// client generator or a tool can be pointed at it. The description is only worth having if it lists
// what the contract promises and what the official SDK calls.

const TOKEN = 'openapi-test-token';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface MediaTypes {
  content?: Record<string, { schema?: Record<string, unknown> }>;
  description?: string;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: MediaTypes & { required?: boolean };
  responses?: Record<string, MediaTypes>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
}

/**
 * Every row of the tables in the wire contract (agents, sessions, session files), plus the log stream,
 * which the SDK's getSessionLogStream calls (tests/contract/sdk.test.ts), each with the operationId a
 * generated client names its method by: renaming one breaks such clients, so it is a change of the API.
 * Parameter names are the contract's; a path matches whatever its parameters are called.
 */
const CONTRACT_OPERATIONS: Record<string, string> = {
  'GET /agents': 'listAgents',
  'GET /agents/{agent_name}': 'getAgent',
  'GET /agents/{agent_name}/versions': 'listAgentVersions',
  'GET /agents/{agent_name}/versions/{agent_version}': 'getAgentVersion',
  'PATCH /agents/{agent_name}': 'updateAgent',
  'POST /agents/{agent_name}:enable': 'enableAgent',
  'POST /agents/{agent_name}:disable': 'disableAgent',
  'POST /agents/{agent_name}/endpoint/sessions': 'createSession',
  'GET /agents/{agent_name}/endpoint/sessions': 'listSessions',
  'GET /agents/{agent_name}/endpoint/sessions/{session_id}': 'getSession',
  'POST /agents/{agent_name}/endpoint/sessions/{session_id}:stop': 'stopSession',
  'DELETE /agents/{agent_name}/endpoint/sessions/{session_id}': 'deleteSession',
  'GET /agents/{agent_name}/endpoint/sessions/{agent_session_id}/files': 'listFiles',
  'PUT /agents/{agent_name}/endpoint/sessions/{agent_session_id}/files/content': 'uploadFile',
  'GET /agents/{agent_name}/endpoint/sessions/{agent_session_id}/files/content': 'downloadFile',
  'DELETE /agents/{agent_name}/endpoint/sessions/{agent_session_id}/files': 'deleteFile',
  'GET /agents/{agent_name}/versions/{agent_version}/sessions/{session_id}:logstream': 'streamSessionLogs',
};

const anyParams = (path: string) => path.replace(/\{[^{}]+\}/g, '{}');

function operations(doc: OpenApiDocument): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]): [string, string, Operation] => [method, path, op]),
  );
}

/** The one operation of `method` on a path that ends with `end`. */
function operationAt(doc: OpenApiDocument, method: string, end: string): Operation | undefined {
  const found = operations(doc).filter(([m, path]) => m === method.toLowerCase() && path.endsWith(end));
  expect(found).toHaveLength(1);
  return found[0]?.[2];
}

/** Every `$ref` in the document, wherever it is. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refs(v)));
}

function resolves(doc: OpenApiDocument, ref: string): boolean {
  if (!ref.startsWith('#/')) return false;
  let at: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !(key in at)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}

describe('the API description', () => {
  let host: TestHost;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    host = await startHost();
    // Without api-version: a tool fetches the description by its bare URL.
    const res = await fetch(`${host.endpoint}/openapi.json`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await res.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await host?.close();
  });

  it('is an OpenAPI 3.1 document of the project API, relative to the project endpoint', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTypeOf('string');
    expect(doc.info.version).toBe(API_VERSION);
    expect(doc.servers).toEqual([{ url: new URL(host.endpoint).pathname }]);
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(/^\/agents/);
  });

  it('lists every operation of the contract and of the SDK, under its operationId', () => {
    const listed = new Map(
      operations(doc).map(([method, path, op]) => [
        `${method.toUpperCase()} ${anyParams(path)}`,
        op.operationId,
      ]),
    );
    const named = Object.keys(CONTRACT_OPERATIONS).map((op) => {
      const [method, path] = op.split(' ') as [string, string];
      return [op, listed.get(`${method} ${anyParams(path)}`) ?? 'missing'];
    });
    expect(Object.fromEntries(named)).toEqual(CONTRACT_OPERATIONS);
  });

  it('names every operation, each differently, in camelCase', () => {
    const ids = operations(doc).map(([method, path, op]) => {
      expect(op.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes an upload body as raw bytes of at most 50 MiB', () => {
    const upload = operationAt(doc, 'PUT', '/files/content');
    expect(upload?.requestBody?.content).toEqual({
      'application/octet-stream': { schema: expect.objectContaining({ type: 'string', format: 'binary' }) },
    });
    expect(upload?.requestBody?.description).toContain(`${MAX_UPLOAD_BYTES} bytes (50 MiB)`);
  });

  it('describes the log stream as server-sent events', () => {
    const stream = operationAt(doc, 'GET', ':logstream');
    expect(Object.keys(stream?.responses?.['200']?.content ?? {})).toEqual(['text/event-stream']);
  });

  it('is well formed: parameters match the path, every call needs api-version, every $ref resolves', () => {
    for (const [method, path, op] of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      const inPath = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), where).toEqual(inPath);
      for (const p of declared) expect(p.required, `${where} ${p.name}`).toBe(true);
      expect(
        op.parameters?.find((p) => p.in === 'query' && p.name === 'api-version'),
        where,
      ).toMatchObject({ required: true });
      expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0);
      expect(
        Object.keys(op).filter((k) => k.startsWith('x-')),
        where,
      ).toEqual([]);
    }
    for (const ref of refs(doc)) expect(resolves(doc, ref), ref).toBe(true);
  });

  it('still refuses an api-version other than the one it describes', async () => {
    const res = await fetch(`${host.endpoint}/openapi.json?api-version=v0`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param?: string } }).error.param).toBe('api-version');
  });

  it('does not open the API itself to calls without api-version', async () => {
    const res = await fetch(`${host.endpoint}/agents`);
    expect(res.status).toBe(400);
  });
});

describe('the API description of a host started with a token', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startHost({ token: TOKEN });
  });

  afterAll(async () => {
    await host?.close();
  });

  it('is behind the same access check as the API, and says how to pass it', async () => {
    const refused = await fetch(`${host.endpoint}/openapi.json`);
    expect(refused.status).toBe(401);

    const res = await fetch(`${host.endpoint}/openapi.json`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDocument & { security?: unknown };
    expect(doc.components?.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' } });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });
});
