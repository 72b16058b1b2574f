/**
 * The console store's schema, as ordered steps. `PRAGMA user_version` records how many have run, so a
 * step, once released, is never edited or reordered: a change is a new step at the end. Each part of the
 * console (audit, history, ...) adds its own tables this way.
 */
export interface Migration {
  /** What the step does, for the message when it fails. */
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'audit trail',
    sql: `
      CREATE TABLE audit_entries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        person TEXT NOT NULL,
        label TEXT,
        connection TEXT,
        action TEXT NOT NULL,
        method TEXT NOT NULL,
        route TEXT,
        agent TEXT,
        session TEXT,
        path TEXT,
        outcome TEXT NOT NULL,
        status INTEGER,
        error_code TEXT,
        request_id TEXT,
        bytes INTEGER
      );
      CREATE INDEX audit_by_time ON audit_entries (at_ms);
      CREATE INDEX audit_by_session ON audit_entries (session, seq);
      CREATE INDEX audit_by_agent ON audit_entries (agent, seq);
      CREATE INDEX audit_by_action ON audit_entries (action, seq);
      CREATE INDEX audit_by_person ON audit_entries (person, seq);
      CREATE INDEX audit_by_label ON audit_entries (label, seq);
      -- Append-only in the file too, not only in the API. A retention policy that must drop old entries
      -- replaces the delete trigger in its own step, saying why.
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `,
  },
  {
    name: 'history',
    sql: `
      -- One row per session the console has kept anything of, on any connection. It outlives the session:
      -- gone_how/gone_ms make it a tombstone; last_known is the session's JSON as last read.
      CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        connection TEXT NOT NULL,
        agent TEXT NOT NULL,
        session TEXT NOT NULL,
        -- Comma-separated RECORDING_REASONS other than 'pinned', each kept until reasons_until_ms.
        reasons TEXT NOT NULL DEFAULT '',
        reasons_until_ms INTEGER,
        pinned INTEGER NOT NULL DEFAULT 0,
        last_event_id TEXT,
        first_line_ms INTEGER,
        lines INTEGER NOT NULL DEFAULT 0,
        last_known TEXT,
        last_seen_ms INTEGER,
        gone_how TEXT,
        gone_ms INTEGER,
        created_ms INTEGER NOT NULL,
        UNIQUE (connection, agent, session)
      );
      CREATE INDEX recordings_by_session ON recordings (session);

      -- Every stored line; seq is the recorder's order. at_ms is the line's own time when it had one.
      CREATE TABLE log_lines (
        seq INTEGER PRIMARY KEY,
        recording_id INTEGER NOT NULL REFERENCES recordings (id),
        event_id TEXT,
        at_ms INTEGER NOT NULL,
        stream TEXT NOT NULL,
        message TEXT NOT NULL
      );
      -- A repeat after a reconnect has the same id: the unique index is what drops it.
      CREATE UNIQUE INDEX log_lines_by_event ON log_lines (recording_id, event_id) WHERE event_id IS NOT NULL;
      CREATE INDEX log_lines_by_recording ON log_lines (recording_id, seq);
      CREATE INDEX log_lines_by_time ON log_lines (at_ms);
      -- Full-text search over the messages, without a second copy of the text (external content).
      CREATE VIRTUAL TABLE log_lines_fts USING fts5 (message, content = 'log_lines', content_rowid = 'seq');
      CREATE TRIGGER log_lines_fts_insert AFTER INSERT ON log_lines
        BEGIN INSERT INTO log_lines_fts (rowid, message) VALUES (new.seq, new.message); END;
      CREATE TRIGGER log_lines_fts_delete AFTER DELETE ON log_lines
        BEGIN INSERT INTO log_lines_fts (log_lines_fts, rowid, message) VALUES ('delete', old.seq, old.message); END;

      -- What the console observed happen to a session (SESSION_EVENT_KINDS).
      CREATE TABLE session_events (
        id INTEGER PRIMARY KEY,
        recording_id INTEGER NOT NULL REFERENCES recordings (id),
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        status TEXT,
        exit_code INTEGER,
        signal TEXT,
        idle_seconds INTEGER
      );
      CREATE INDEX session_events_by_recording ON session_events (recording_id, at_ms);

      -- Spans the recording has no lines for, and why.
      CREATE TABLE history_gaps (
        id INTEGER PRIMARY KEY,
        recording_id INTEGER NOT NULL REFERENCES recordings (id),
        from_ms INTEGER NOT NULL,
        to_ms INTEGER NOT NULL,
        reason TEXT NOT NULL,
        count INTEGER
      );
      CREATE INDEX history_gaps_by_recording ON history_gaps (recording_id, from_ms);
    `,
  },
  {
    name: 'history: the full-text index filled in bulk',
    sql: `
      -- One trigger run per stored line made storing a burst five times slower than the lines arrived;
      -- store/line-index.ts now adds the lines to the index in bulk, in order, and fts_progress says how far.
      -- The delete trigger removes only what the index holds (a line deleted before it was indexed never was).
      DROP TRIGGER log_lines_fts_insert;
      DROP TRIGGER log_lines_fts_delete;
      CREATE TABLE fts_progress (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_seq INTEGER NOT NULL);
      INSERT INTO fts_progress (id, indexed_seq) VALUES (1, coalesce((SELECT max(seq) FROM log_lines), 0));
      CREATE TRIGGER log_lines_fts_delete AFTER DELETE ON log_lines
        WHEN old.seq <= (SELECT indexed_seq FROM fts_progress)
        BEGIN INSERT INTO log_lines_fts (log_lines_fts, rowid, message) VALUES ('delete', old.seq, old.message); END;
    `,
  },
];
