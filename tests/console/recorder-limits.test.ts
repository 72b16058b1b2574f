import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths, historyPath, type SessionHistory } from '@contract';
import { CONSOLE_DB_FILE } from '../../src/console/store/db';
import { sessionHome } from '../helpers/sessions';
import {
  activeSession,
  AGENT,
  gapsOf,
  invoke,
  linesOf,
  numbered,
  recordingConsole,
  recordingOf,
  send,
  withPrefix,
  type RecordingConsole,
} from './recorder-helpers';

// What the recorder does at its limits: lines its source no longer holds, a flood bigger than its
// queues, and the retention of --history-days and --history-max-mb.

const WAIT = { timeout: 30_000, interval: 50 };
const DAY_MS = 24 * 3600_000;

describe('the recorder at its limits', () => {
  let server: RecordingConsole | undefined;
  const base = () => `${server!.origin}/api/projects/local`;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('stores a gap with a count for lines the host no longer held when the stream reopened', async () => {
    server = await recordingConsole({ host: { logBufferLines: 50, streamIdleTimeoutSeconds: 0.3 } });
    const s = server;
    const id = await activeSession(base());
    await invoke(base(), id, { print: 10, prefix: 'before' });
    await expect.poll(() => withPrefix(linesOf(s.db, id), 'before'), WAIT).toEqual(numbered('before', 10));
    // Stopped, the session is idle: once the host closes its quiet stream, the recorder lets it be.
    const stopped = await send(`${base()}${apiPaths.sessionStop(AGENT, id)}?api-version=v1`, 'POST');
    expect(stopped.status).toBeLessThan(300);
    await expect
      .poll(async () => {
        const res = await send(`${s.origin}${historyPath('local', AGENT, id)}`);
        return (res.body as SessionHistory).recording.state;
      }, WAIT)
      .toBe('idle');
    // Resumed, it writes 200 lines before it is ready, far more than the host holds (50).
    fs.writeFileSync(path.join(sessionHome(s.dataDir, AGENT, id), 'burst'), '200');
    await invoke(base(), id, { print: 1, prefix: 'after' });
    await expect.poll(() => withPrefix(linesOf(s.db, id), 'after'), WAIT).toEqual(['after 0']);
    // The recorder reads a session while it starts, so the host may say it dropped the lines for this
    // reader (it read more slowly than the burst) rather than that it no longer held them at a reopen.
    const gaps = gapsOf(s.db, id);
    expect(gaps).toHaveLength(1);
    expect(['lost_at_source', 'dropped']).toContain(gaps[0]!.reason);
    const lines = linesOf(s.db, id);
    const ids = lines.map((l) => Number(l.event_id));
    expect(new Set(ids).size).toBe(ids.length);
    // What is missing between the two runs of ids is exactly what the gap counts.
    const missing = Math.max(...ids) - Math.min(...ids) + 1 - ids.length;
    expect(gaps[0]!.count).toBe(missing);
    expect(missing).toBeGreaterThan(100);
  });

  it('drops a flood beyond its queue as a gap with a count, while another session still gets through', async () => {
    // The recorder reads no faster than it writes, so the host drops too once its 2,000 lines are behind.
    server = await recordingConsole({
      host: { logBufferLines: 2000 },
      console: { recorder: { queue: { perSession: 100, total: 150 }, timing: { flushMs: 200 } } },
    });
    const s = server;
    const [flood, quiet] = [await activeSession(base()), await activeSession(base())];
    await expect
      .poll(() => s.streamOpens.filter((o) => o.url.includes(quiet)).length, WAIT)
      .toBeGreaterThan(0);
    await Promise.all([
      invoke(base(), flood, { print: 20_000, prefix: 'flood' }),
      invoke(base(), quiet, { print: 20, prefix: 'quiet' }),
    ]);
    await expect.poll(() => withPrefix(linesOf(s.db, quiet), 'quiet'), WAIT).toEqual(numbered('quiet', 20));
    await expect
      .poll(() => gapsOf(s.db, flood).filter((g) => g.reason === 'dropped').length, WAIT)
      .toBeGreaterThan(0);
    // Every line is either stored or counted in a gap, once the last one has arrived.
    await expect
      .poll(() => {
        const stored = withPrefix(linesOf(s.db, flood), 'flood').length;
        const counted = gapsOf(s.db, flood).reduce((n, g) => n + (g.count ?? 0), 0);
        return stored + counted;
      }, WAIT)
      .toBe(20_000);
    expect(gapsOf(s.db, quiet)).toEqual([]);
    const ids = linesOf(s.db, flood).map((l) => l.event_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('removes lines, events and gaps older than --history-days, and never the audit trail', async () => {
    server = await recordingConsole({
      console: { history: { days: 1 }, recorder: { timing: { retentionMs: 200 } } },
    });
    const s = server;
    const id = await activeSession(base());
    await invoke(base(), id, { print: 10, prefix: 'aged' });
    await expect.poll(() => withPrefix(linesOf(s.db, id), 'aged'), WAIT).toEqual(numbered('aged', 10));
    const rec = recordingOf(s.db, id)!;
    const writer = new Database(path.join(s.dataDir, CONSOLE_DB_FILE));
    writer.pragma('busy_timeout = 5000');
    const audit = () => writer.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number };
    const auditBefore = audit().n;
    expect(auditBefore).toBeGreaterThan(0);
    const old = Date.now() - 2 * DAY_MS;
    writer
      .prepare(
        `UPDATE log_lines SET at_ms = ? WHERE recording_id = ? AND message IN ('aged 0', 'aged 1', 'aged 2')`,
      )
      .run(old, rec.id);
    writer
      .prepare(
        `INSERT INTO session_events (recording_id, at_ms, kind, message) VALUES (?, ?, 'active', 'old')`,
      )
      .run(rec.id, old);
    writer
      .prepare(`INSERT INTO history_gaps (recording_id, from_ms, to_ms, reason) VALUES (?, ?, ?, 'dropped')`)
      .run(rec.id, old, old);
    await expect
      .poll(() => withPrefix(linesOf(s.db, id), 'aged'), WAIT)
      .toEqual(numbered('aged', 10).slice(3));
    await expect.poll(() => gapsOf(s.db, id), WAIT).toEqual([]);
    const oldEvents = writer
      .prepare('SELECT count(*) AS n FROM session_events WHERE at_ms <= ?')
      .get(old) as { n: number };
    expect(oldEvents.n).toBe(0);
    expect(recordingOf(s.db, id)!.lines).toBe(linesOf(s.db, id).length);
    expect(audit().n).toBe(auditBefore);
    writer.close();
  });

  it('removes the oldest lines once the store passes --history-max-mb', async () => {
    server = await recordingConsole({
      console: { history: { maxMb: 1 }, recorder: { timing: { retentionMs: 200 } } },
    });
    const s = server;
    const used = () => {
      const page = s.db.pragma('page_size', { simple: true }) as number;
      const pages = s.db.pragma('page_count', { simple: true }) as number;
      const free = s.db.pragma('freelist_count', { simple: true }) as number;
      return (pages - free) * page;
    };
    const id = await activeSession(base());
    const prefix = `big${'x'.repeat(120)}`;
    // About 2.5 MB of messages, over twice the limit before indexes are counted.
    await invoke(base(), id, { print: 20_000, prefix });
    await expect.poll(() => withPrefix(linesOf(s.db, id), prefix).at(-1), WAIT).toBe(`${prefix} 19999`);
    await expect.poll(used, WAIT).toBeLessThanOrEqual(1024 * 1024);
    const kept = withPrefix(linesOf(s.db, id), prefix);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(20_000);
    // Oldest first: what is left is the newest run.
    expect(kept).toEqual(numbered(prefix, 20_000).slice(20_000 - kept.length));
    expect(recordingOf(s.db, id)!.lines).toBe(linesOf(s.db, id).length);
  });
});
