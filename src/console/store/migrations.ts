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
];
