import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Ordered migrations; `PRAGMA user_version` records how many have run. Append, never edit. */
const MIGRATIONS: string[] = [
  `CREATE TABLE agents (
     name TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     state TEXT NOT NULL DEFAULT 'enabled',
     agent_endpoint TEXT,
     agent_card TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE agent_versions (
     agent_name TEXT NOT NULL REFERENCES agents(name),
     version TEXT NOT NULL,
     seq INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (agent_name, version)
   );
   CREATE TABLE sessions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     agent_name TEXT NOT NULL,
     session_id TEXT NOT NULL,
     agent_version TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     last_accessed_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     stopped_at INTEGER,
     owner_key_hash TEXT,
     UNIQUE (agent_name, session_id)
   );
   CREATE INDEX sessions_by_agent ON sessions (agent_name, seq);
   CREATE INDEX sessions_by_expiry ON sessions (expires_at);
   -- Where deleted sessions stood in the list, so a cursor naming one still pages correctly.
   CREATE TABLE session_tombstones (
     agent_name TEXT NOT NULL,
     session_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     PRIMARY KEY (agent_name, session_id)
   );`,
];

export function openDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'host.sqlite'));
  db.pragma('journal_mode = WAL');
  // NORMAL under WAL survives a killed process; only an OS crash could drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let i = applied; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  return db;
}
