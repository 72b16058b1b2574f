import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { apiPaths, ISOLATION_KEY_HEADER, type AgentSession, type FileList } from '@contract';

/** The agent every files journey makes its sessions on. */
const AGENT = 'notes-agent';

const api = (path: string, query: Record<string, string | number> = {}) => {
  const params = new URLSearchParams({
    'api-version': 'v1',
    ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
  });
  return `/api/projects/local${path}?${params}`;
};

/** A session of its own for one test, with direct API access to its files for setting up and checking. */
export interface FilesSession {
  id: string;
  /** The owner key header, when the session has an owner. */
  owner: Record<string, string>;
  /** The Files tab, at `folder` (home when empty). */
  url: (folder?: string) => string;
  put: (path: string, body: string | Buffer) => Promise<void>;
  read: (path: string) => Promise<Buffer | undefined>;
  remove: (path: string, recursive?: boolean) => Promise<void>;
  /** Names in `folder` (every page), sorted. */
  names: (folder?: string) => Promise<string[]>;
}

export async function createFilesSession(
  request: APIRequestContext,
  ownerKey?: string,
): Promise<FilesSession> {
  // With an owner key the session has an owner: changes to it (uploads, deletes) must carry the key.
  const owner: Record<string, string> = ownerKey ? { [ISOLATION_KEY_HEADER]: ownerKey } : {};
  const res = await request.post(api(apiPaths.sessions(AGENT)), { data: {}, headers: owner });
  expect(res.status()).toBe(201);
  const id = ((await res.json()) as AgentSession).agent_session_id;
  return {
    id,
    owner,
    url: (folder = '') =>
      `/agents/${AGENT}/sessions/${id}/files${folder ? `?path=${encodeURIComponent(folder).replace(/%2F/g, '/')}` : ''}`,
    put: async (path, body) => {
      const r = await request.put(api(apiPaths.fileContent(AGENT, id), { path }), {
        data: typeof body === 'string' ? Buffer.from(body) : body,
        headers: { 'content-type': 'application/octet-stream', ...owner },
      });
      expect(r.status(), `PUT ${path}`).toBe(201);
    },
    read: async (path) => {
      const r = await request.get(api(apiPaths.fileContent(AGENT, id), { path }));
      return r.ok() ? await r.body() : undefined;
    },
    remove: async (path, recursive = false) => {
      const r = await request.delete(
        api(apiPaths.files(AGENT, id), { path, ...(recursive && { recursive: 'true' }) }),
        { headers: owner },
      );
      expect(r.status(), `DELETE ${path}`).toBe(204);
    },
    names: async (folder = '.') => {
      const names: string[] = [];
      let after: string | undefined;
      for (;;) {
        const r = await request.get(
          api(apiPaths.files(AGENT, id), { path: folder, limit: 100, ...(after && { after }) }),
        );
        if (r.status() === 404) return names;
        const page = (await r.json()) as FileList;
        names.push(...page.entries.map((e) => e.name));
        if (!page.has_more || !page.last_id) return names.sort();
        after = page.last_id;
      }
    },
  };
}

export async function deleteFilesSession(request: APIRequestContext, session: FilesSession): Promise<void> {
  await request.delete(api(apiPaths.session(AGENT, session.id)), { headers: session.owner });
}

/** A file to build inside the page: text, or `size` bytes of a fixed pseudo-random pattern from `seed`. */
export interface PageFile {
  name: string;
  text?: string;
  size?: number;
  seed?: number;
}

/**
 * Drops files on `target` the way a person's drag does: File objects built in the page, in a
 * DataTransfer carried by dragenter, dragover and drop events. Resolves with each file's SHA-256.
 */
export async function dropFiles(page: Page, target: Locator, files: PageFile[]): Promise<string[]> {
  const dataTransfer = await page.evaluateHandle((specs) => {
    const dt = new DataTransfer();
    for (const spec of specs) {
      let body: BlobPart = spec.text ?? '';
      if (spec.size !== undefined) {
        const bytes = new Uint8Array(spec.size);
        // xorshift: varied bytes, so a hash compares content and not just a length of zeros.
        let x = spec.seed ?? 1;
        for (let i = 0; i < bytes.length; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          bytes[i] = x & 0xff;
        }
        body = bytes;
      }
      dt.items.add(new File([body], spec.name));
    }
    return dt;
  }, files);
  const hashes = await page.evaluate(async (dt) => {
    const out: string[] = [];
    for (const file of Array.from(dt.files)) {
      const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
      out.push(Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''));
    }
    return out;
  }, dataTransfer);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
  return hashes;
}

/** The parts of the Files tab the journeys use, found by role and name. */
export function filesTab(page: Page) {
  const grid = page.getByRole('grid', { name: /^Files in / });
  const uploads = page.getByRole('region', { name: 'Uploads' });
  return {
    dropZone: page.getByRole('region', { name: 'Files' }),
    grid,
    row: (name: string) => grid.getByRole('row', { name, exact: true }),
    status: page.getByRole('status').filter({ hasText: /\bitems?\b|Loading/ }),
    uploads,
    upload: (name: string) => uploads.getByRole('listitem', { name, exact: true }),
    dialog: page.getByRole('dialog'),
  };
}

/** The size column of a row (the second cell), e.g. "2 KiB". */
export const sizeCell = (row: Locator) => row.getByRole('gridcell').nth(1);
