import fs from 'node:fs';
import type { LogLine, LogStream } from '@contract';

/** One stored line: its id, the JSON its frame carries, and that JSON's size in bytes. */
export interface LogEntry {
  id: number;
  data: string;
  bytes: number;
}

export function toEntry(id: number, line: LogLine): LogEntry {
  const data = JSON.stringify({ timestamp: line.timestamp, stream: line.stream, message: line.message });
  return { id, data, bytes: Buffer.byteLength(data) };
}

/** The line's own time; only notices placed before a line need it, so it is read back rather than kept. */
export function timestampOf(entry: LogEntry): string {
  return (JSON.parse(entry.data) as LogLine).timestamp;
}

/** The file holds JSON Lines: the frame's JSON with the id first, `{"id":7,"timestamp":...}`. */
const toRecord = (entry: LogEntry) => `{"id":${entry.id},${entry.data.slice(1)}\n`;

export interface LoadedLog {
  /** Every readable line, oldest first, ids increasing. */
  entries: LogEntry[];
  /** The highest id in the file, so new ids continue after it. */
  lastId: number;
  /** The file's size. */
  bytes: number;
  /** False when the file needs rewriting: a torn last line (a crash mid-write) or lines that do not parse. */
  clean: boolean;
}

const STREAMS = new Set<LogStream>(['stdout', 'stderr', 'status']);

export function readLogFile(file: string): LoadedLog {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries: [], lastId: 0, bytes: 0, clean: true };
    throw err;
  }
  const entries: LogEntry[] = [];
  let lastId = 0;
  let clean = text === '' || text.endsWith('\n');
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    const line = parseRecord(raw);
    if (!line || line.id <= lastId) {
      clean = false;
      continue;
    }
    lastId = line.id;
    entries.push(toEntry(line.id, line));
  }
  return { entries, lastId, bytes: Buffer.byteLength(text), clean };
}

function parseRecord(raw: string): (LogLine & { id: number }) | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, timestamp, stream, message } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(id) || (id as number) < 1) return undefined;
  if (typeof timestamp !== 'string' || typeof message !== 'string') return undefined;
  if (!STREAMS.has(stream as LogStream)) return undefined;
  return { id: id as number, timestamp, stream: stream as LogStream, message };
}

/**
 * Appends entries and returns the bytes written. The file is created when missing but its folder never is:
 * the session manager owns that folder, and a line arriving after a session was removed must not bring it back.
 */
export function appendEntries(file: string, entries: readonly LogEntry[]): number {
  const text = entries.map(toRecord).join('');
  fs.appendFileSync(file, text);
  return Buffer.byteLength(text);
}

/** Replaces the file with these entries, atomically, so a crash leaves the old file or the new one. */
export function rewriteLogFile(file: string, entries: readonly LogEntry[]): number {
  const tmp = `${file}.tmp`;
  const text = entries.map(toRecord).join('');
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return Buffer.byteLength(text);
}
