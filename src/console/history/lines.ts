import Database, { type Statement } from 'better-sqlite3';
import type { RecordedLine, RecordedLines } from '@contract';
import { HttpError } from '../../server/errors';
import type { ConsoleDb } from '../store/db';
import { indexStoredLines } from '../store/line-index';
import { ftsExpression } from './search-text';

/** A page of a recording's lines. At most one of `before`, `after` and `afterId` (with `beforeId`). */
export interface LinesRequest {
  recording: number;
  limit: number;
  /** A search as the person typed it. */
  q?: string;
  before?: number;
  after?: number;
  afterId?: string;
  beforeId?: string;
  stream?: string;
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
}

/** seq, event_id, at_ms, stream, message: rows as arrays, which better-sqlite3 makes faster than objects. */
type LineRow = [number, string | null, number, string, string];

/** How to write a search, said when FTS5 refuses one. */
const SEARCH_HELP =
  'Write words to find the lines that have them all, "a phrase" in double quotes, prefix* for words that ' +
  'start so, and AND, OR, NOT (in capitals) between terms; close every quote and parenthesis.';

/**
 * A recording's lines: the latest, older or newer pages by the recorder's `seq`, the lines between two
 * source event ids, or a full-text search. A search walks the FTS index newest first and stops at the
 * page's end, so it costs about what the bare FTS5 query costs, however many lines match.
 */
export class RecordedLineReader {
  private readonly statements = new Map<string, Statement>();
  private readonly seqOf: Statement<[{ recording: number; id: string }], { seq: number }>;
  private readonly span: Statement<[{ recording: number }], { first: number | null; last: number | null }>;

  constructor(private readonly db: ConsoleDb) {
    this.seqOf = db.prepare('SELECT seq FROM log_lines WHERE recording_id = @recording AND event_id = @id');
    this.span = db.prepare(
      `SELECT (SELECT seq FROM log_lines WHERE recording_id = @recording ORDER BY seq LIMIT 1) AS first,
         (SELECT seq FROM log_lines WHERE recording_id = @recording ORDER BY seq DESC LIMIT 1) AS last`,
    );
  }

  page(request: LinesRequest): RecordedLines {
    const params: Record<string, unknown> = { recording: request.recording, limit: request.limit + 1 };
    const where = ['l.recording_id = @recording'];
    let ascending = false;
    if (request.afterId !== undefined) {
      ascending = true;
      where.push('l.seq > @after');
      params.after = this.lineSeq(request.recording, request.afterId, 'after_id');
      // The line that ends the gap may not be stored yet; then every line after the first is wanted.
      const end =
        request.beforeId === undefined
          ? undefined
          : this.seqOf.get({ recording: request.recording, id: request.beforeId });
      if (end) {
        where.push('l.seq < @before');
        params.before = end.seq;
      }
    } else if (request.after !== undefined) {
      ascending = true;
      where.push('l.seq > @after');
      params.after = request.after;
    } else if (request.before !== undefined) {
      // On the FTS table's rowid for a search, so that the index skips to the cursor.
      where.push(request.q === undefined ? 'l.seq < @before' : 'f.rowid < @before');
      params.before = request.before;
    }
    if (request.stream !== undefined) {
      where.push('l.stream = @stream');
      params.stream = request.stream;
    }
    if (request.fromMs !== undefined) {
      where.push('l.at_ms >= @fromMs');
      params.fromMs = request.fromMs;
    }
    if (request.toMs !== undefined) {
      where.push('l.at_ms < @toMs');
      params.toMs = request.toMs;
    }

    let sql: string;
    if (request.q !== undefined) {
      // The index holds every session's lines: the ones of this session lie between its first and its last,
      // and FTS5 stops once it has read below the first. With no lines the range is empty, and the search
      // still goes to FTS5, which says whether it can read it.
      // The recorder indexes behind what it stores; what it has not reached yet is indexed now.
      indexStoredLines(this.db, Number.MAX_SAFE_INTEGER);
      const span = this.span.get({ recording: request.recording });
      where.unshift('log_lines_fts MATCH @q', 'f.rowid >= @first', 'f.rowid <= @last');
      Object.assign(params, { q: ftsExpression(request.q), first: span?.first ?? 1, last: span?.last ?? 0 });
      // CROSS JOIN keeps the FTS table outside, whatever the planner estimates: its rowid order is the
      // page's, so FTS5 reads its index backwards and stops at the page's end, with no sort.
      sql = `SELECT l.seq, l.event_id, l.at_ms, l.stream, l.message
        FROM log_lines_fts f CROSS JOIN log_lines l ON l.seq = f.rowid
        WHERE ${where.join(' AND ')} ORDER BY f.rowid DESC LIMIT @limit`;
    } else {
      sql = `SELECT l.seq, l.event_id, l.at_ms, l.stream, l.message FROM log_lines l
        WHERE ${where.join(' AND ')} ORDER BY l.seq ${ascending ? 'ASC' : 'DESC'} LIMIT @limit`;
    }
    const rows = this.run(sql, params, request.q !== undefined);
    return { data: rows.slice(0, request.limit).map(toLine), has_more: rows.length > request.limit };
  }

  private lineSeq(recording: number, id: string, param: string): number {
    const row = this.seqOf.get({ recording, id });
    if (!row) {
      throw new HttpError(
        404,
        'not_found',
        `No recorded line of this session has the id '${id.slice(0, 80)}': it was not recorded, or it is older than the history keeps.`,
        param,
      );
    }
    return row.seq;
  }

  private run(sql: string, params: Record<string, unknown>, search: boolean): LineRow[] {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw(true);
      this.statements.set(sql, statement);
    }
    try {
      return statement.all(params) as LineRow[];
    } catch (err) {
      // The statement itself is known good (it was prepared): what fails as it runs is the search's syntax.
      if (search && err instanceof Database.SqliteError && err.code === 'SQLITE_ERROR') {
        throw new HttpError(
          400,
          'invalid_request',
          `The search could not be read (${err.message}). ${SEARCH_HELP}`,
          'q',
        );
      }
      throw err;
    }
  }
}

function toLine([seq, id, atMs, stream, message]: LineRow): RecordedLine {
  const line: RecordedLine = { seq, time: new Date(atMs).toISOString(), stream, message };
  if (id !== null) line.id = id;
  return line;
}
