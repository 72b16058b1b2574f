import type { ConsoleDb } from './db';

/**
 * Adds stored log lines to the full-text index (`log_lines_fts`) in bulk, oldest first, up to `max`
 * line ids per call, and returns how many ids it went on by (`max` when more may wait). One `INSERT ... SELECT` of thousands of lines costs a
 * tenth of a trigger run per line, so the recorder stores a burst as fast as it arrives and indexes it
 * behind; a search first indexes what is left, so it never misses a stored line.
 */
export function indexStoredLines(db: ConsoleDb, max: number): number {
  const s = statementsOf(db);
  return db.transaction(() => {
    const top = s.top.get()?.seq ?? 0;
    const from = s.progress.get()!.indexed_seq;
    const to = Math.min(top, from + max);
    if (to <= from) return 0;
    s.index.run(from, to);
    s.setProgress.run(to);
    return to - from;
  })();
}

const prepared = new WeakMap<ConsoleDb, ReturnType<typeof prepare>>();

function statementsOf(db: ConsoleDb) {
  let s = prepared.get(db);
  if (!s) {
    s = prepare(db);
    prepared.set(db, s);
  }
  return s;
}

function prepare(db: ConsoleDb) {
  return {
    top: db.prepare<[], { seq: number }>('SELECT seq FROM log_lines ORDER BY seq DESC LIMIT 1'),
    progress: db.prepare<[], { indexed_seq: number }>('SELECT indexed_seq FROM fts_progress WHERE id = 1'),
    setProgress: db.prepare('UPDATE fts_progress SET indexed_seq = ? WHERE id = 1'),
    index: db.prepare(
      'INSERT INTO log_lines_fts (rowid, message) SELECT seq, message FROM log_lines WHERE seq > ? AND seq <= ? ORDER BY seq',
    ),
  };
}
