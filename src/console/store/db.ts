import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type ConsoleDb = Database.Database;

export const CONSOLE_DB_FILE = 'console.sqlite';

/**
 * Opens (creating when needed) the console's own database in the data folder, beside the host's, and
 * brings its schema up to date. Throws, saying what is wrong, when the file cannot be used.
 */
export function openConsoleDb(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): ConsoleDb {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, CONSOLE_DB_FILE);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL under WAL survives a killed process; only an OS crash could drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const applied = db.pragma('user_version', { simple: true }) as number;
    if (applied > migrations.length) {
      throw new Error(
        `${file} was written by a newer version of the console (schema ${applied}, this one knows ${migrations.length}).`,
      );
    }
    for (let i = applied; i < migrations.length; i++) {
      const step = migrations[i]!;
      try {
        db.transaction(() => {
          db.exec(step.sql);
          db.pragma(`user_version = ${i + 1}`);
        })();
      } catch (err) {
        throw new Error(`${file}: the step '${step.name}' failed: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
