import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiPaths } from '@contract';
import { apiUrl, tempDir } from '../helpers/host';
import { spawnHost } from '../helpers/spawn-host';

const AGENT = 'notes-agent';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

// Two host starts, each 10 s or more on a busy machine (see spawn-host.ts), hence a timeout of its own.
describe('a host killed during a burst of writes', { timeout: 90_000 }, () => {
  const dataDir = tempDir('ash-crash-');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged upload and session, and shows no partial file', async () => {
    const first = await spawnHost(dataDir);
    const created = await fetch(apiUrl(first.endpoint, apiPaths.sessions(AGENT)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_session_id: 'crash-target' }),
    });
    expect(created.status).toBe(201);

    // 2 MiB bodies sent slowly enough that some are mid-flight when the host dies.
    const uploads = Array.from({ length: 24 }, (_, i) => ({
      name: `burst/file-${i}.bin`,
      body: randomBytes(2 << 20),
    }));
    const ackedUploads = new Set<string>();
    const ackedSessions = new Set<string>();
    /** Uploads sent and not answered yet. */
    const sending = new Set<string>();
    const pending: Promise<unknown>[] = [];
    uploads.forEach((u, i) => {
      pending.push(
        new Promise((r) => setTimeout(r, i * 15))
          .then(() => {
            sending.add(u.name);
            return fetch(
              apiUrl(first.endpoint, apiPaths.fileContent(AGENT, 'crash-target'), { path: u.name }),
              { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: u.body },
            );
          })
          .then((res) => res.status === 201 && ackedUploads.add(u.name))
          .catch(() => undefined)
          .finally(() => sending.delete(u.name)),
      );
      const id = `crash-session-${String(i).padStart(2, '0')}`;
      pending.push(
        new Promise((r) => setTimeout(r, i * 15))
          .then(() =>
            fetch(apiUrl(first.endpoint, apiPaths.sessions(AGENT)), {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ agent_session_id: id }),
            }),
          )
          .then((res) => res.status === 201 && ackedSessions.add(id))
          .catch(() => undefined),
      );
    });
    // Kill it once some writes are acknowledged and the host is part way through others: their bytes
    // are in its tmp folder, not yet renamed into home.
    const tmp = path.join(dataDir, 'sandboxes', AGENT, 'crash-target', 'tmp');
    await vi.waitFor(
      () => {
        expect(ackedUploads.size).toBeGreaterThanOrEqual(3);
        // Two, so that one still is when the kill lands a moment later.
        expect(filesUnder(tmp).length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 15_000, interval: 5 },
    );
    first.child.kill('SIGKILL');
    const inFlightAtKill = [...sending];
    await first.exited;
    const partialAtKill = filesUnder(tmp);
    await Promise.all(pending);
    expect(ackedUploads.size).toBeGreaterThan(0);
    expect(ackedSessions.size).toBeGreaterThan(0);
    // Uploads were under way when the host died, and it had begun writing some: what follows is about them.
    expect(inFlightAtKill.length).toBeGreaterThan(0);
    expect(inFlightAtKill.filter((name) => !ackedUploads.has(name))).not.toEqual([]);
    expect(partialAtKill.length).toBeGreaterThan(0);

    const second = await spawnHost(dataDir);
    try {
      const home = path.join(dataDir, 'sandboxes', AGENT, 'crash-target', 'home');
      const byName = new Map(uploads.map((u) => [u.name, sha256(u.body)]));
      // Every file in home is a whole upload: acknowledged ones must be there, others whole or absent.
      for (const file of filesUnder(path.join(home, 'burst'))) {
        const name = `burst/${file}`;
        expect(sha256(fs.readFileSync(path.join(home, name))), name).toBe(byName.get(name));
      }
      for (const name of ackedUploads) {
        const res = await fetch(
          apiUrl(second.endpoint, apiPaths.fileContent(AGENT, 'crash-target'), { path: name }),
        );
        expect(res.status, name).toBe(200);
        expect(sha256(Buffer.from(await res.arrayBuffer())), name).toBe(byName.get(name));
      }
      // Nothing half-written is left anywhere in the session folder.
      expect(filesUnder(path.join(dataDir, 'sandboxes', AGENT, 'crash-target', 'tmp'))).toEqual([]);

      for (const id of [...ackedSessions, 'crash-target']) {
        const res = await fetch(apiUrl(second.endpoint, apiPaths.session(AGENT, id)));
        expect(res.status, id).toBe(200);
        const session = (await res.json()) as { status: string };
        expect(['idle', 'failed'], id).toContain(session.status);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    // Agent processes the killed host left behind were ended by the restarted one.
    const leftovers = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((pid) => {
        try {
          return fs
            .readFileSync(`/proc/${pid}/environ`, 'utf8')
            .includes(`HOME=${path.join(dataDir, 'sandboxes')}`);
        } catch {
          return false;
        }
      });
    expect(leftovers).toEqual([]);
  });
});
