import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { statusLine } from '@contract';
import { CONSOLE_DB_FILE } from '../../src/console/store/db';
import { tempDir } from '../helpers/host';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { activeSession, CATALOG, gapsOf, invoke, linesOf, recordingOf, withPrefix } from './recorder-helpers';

// The console's server as its own process, killed with SIGKILL while a session writes: the store stays
// whole, and the restarted server resumes the recording from its last stored id.

const WAIT = { timeout: 60_000, interval: 100 };

describe('the recorder when its server is killed', () => {
  const dataDir = tempDir('ash-recorder-kill-');
  let running: SpawnedHost | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps a whole store and resumes from the last stored id after a restart',
    { timeout: 180_000 },
    async () => {
      const args = ['--agents', CATALOG, '--stream-idle-timeout', '1'];
      const first = await spawnHost(dataDir, args);
      running = first;
      const id = await activeSession(first.endpoint);
      await invoke(first.endpoint, id, { every_ms: 5, prefix: 'tick' });
      const file = path.join(dataDir, CONSOLE_DB_FILE);
      const reader = new Database(file, { readonly: true });
      await expect.poll(() => withPrefix(linesOf(reader, id), 'tick').length, WAIT).toBeGreaterThan(300);
      reader.close();
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      const db = new Database(file);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const atKill = linesOf(db, id);
      const lastStored = recordingOf(db, id)!.last_event_id!;
      expect(Number(lastStored)).toBe(Math.max(...atKill.map((l) => Number(l.event_id))));
      expect(recordingOf(db, id)!.lines).toBe(atKill.length);
      db.close();

      const second = await spawnHost(dataDir, args);
      running = second;
      const after = new Database(file, { readonly: true });
      // The host notes its own restart in the session's log after every line written before it.
      await expect
        .poll(() => linesOf(after, id).some((l) => l.message === statusLine.hostRestarted()), WAIT)
        .toBe(true);
      const lines = linesOf(after, id);
      const ids = lines.map((l) => Number(l.event_id));
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
      // What was received but not yet written at the kill came again from the host, after the last stored id.
      expect(
        lines.some((l) => Number(l.event_id) > Number(lastStored) && l.message.startsWith('tick ')),
      ).toBe(true);
      expect(gapsOf(after, id)).toEqual([]);
      after.close();
    },
  );
});
