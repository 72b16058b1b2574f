import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Retention } from '../../src/console/recorder/retention';
import { openConsoleDb, type ConsoleDb } from '../../src/console/store/db';
import { indexStoredLines } from '../../src/console/store/line-index';

// The full-text index filled behind the stored lines: complete, in order, and right again after
// retention removed every line and the ids start over.

const DAY_MS = 24 * 3600_000;

describe('the recorded lines index', () => {
  let dir: string;
  let db: ConsoleDb;
  afterEach(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ash-index-'));
    db = openConsoleDb(dir);
    db.prepare(
      "INSERT INTO recordings (connection, agent, session, created_ms) VALUES ('local', 'a', 's', 0)",
    ).run();
  };
  const store = (prefix: string, n: number, atMs: number) => {
    const insert = db.prepare(
      "INSERT INTO log_lines (recording_id, event_id, at_ms, stream, message) VALUES (1, ?, ?, 'stdout', ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < n; i++) insert.run(`${prefix}-${i}`, atMs, `${prefix} line ${i}`);
    })();
  };
  const found = (word: string) =>
    (
      db.prepare('SELECT count(*) AS n FROM log_lines_fts WHERE log_lines_fts MATCH ?').get(word) as {
        n: number;
      }
    ).n;
  const intact = () => db.exec("INSERT INTO log_lines_fts (log_lines_fts) VALUES ('integrity-check')");

  it('indexes stored lines in slices, each once, until all are in', () => {
    open();
    store('alpha', 120, Date.now());
    expect(found('alpha')).toBe(0);
    expect(indexStoredLines(db, 50)).toBe(50);
    expect(found('alpha')).toBe(50);
    expect(indexStoredLines(db, 50)).toBe(50);
    expect(indexStoredLines(db, 50)).toBe(20);
    expect(indexStoredLines(db, 50)).toBe(0);
    expect(found('alpha')).toBe(120);
    intact();
  });

  it('indexes the new lines after retention removed every line and their ids were given again', () => {
    open();
    const old = Date.now() - 3 * DAY_MS;
    store('old', 30, old);
    indexStoredLines(db, 1000);
    new Retention(db, { days: 1, maxMb: 1024 }).sweep(Date.now());
    expect(found('old')).toBe(0);
    store('fresh', 10, Date.now());
    expect(indexStoredLines(db, 1000)).toBe(10);
    expect(found('fresh')).toBe(10);
    intact();
  });

  it('leaves the index whole when a line is removed before it was indexed', () => {
    open();
    store('early', 5, Date.now() - 3 * DAY_MS);
    new Retention(db, { days: 1, maxMb: 1024 }).sweep(Date.now());
    store('late', 5, Date.now());
    indexStoredLines(db, 1000);
    expect(found('late')).toBe(5);
    expect(found('early')).toBe(0);
    intact();
  });
});
