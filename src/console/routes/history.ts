import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ErrorBody,
  HISTORY_PATH,
  HistoryUsage,
  RecordedLines,
  RecordedLinesQuery,
  RecordingState,
  SessionHistory,
  TimelineQuery,
} from '@contract';
import { HttpError } from '../../server/errors';
import { selectionOf } from '../audit/query';
import { RecordedLineReader } from '../history/lines';
import type { RecordingControl, SessionRef } from '../history/recording-control';
import { Recordings } from '../history/recordings';
import { decodeCursor, Timeline, typesOf } from '../history/timeline';
import { historyUsage, type HistoryLimits } from '../history/usage';
import type { ConsoleDb } from '../store/db';

export interface HistoryRoutesOptions {
  db: ConsoleDb;
  /** The recorder, as far as this API needs it. */
  control: RecordingControl;
  limits: HistoryLimits;
}

const SessionParams = Type.Object({
  connection: Type.String({ minLength: 1, maxLength: 256 }),
  agent: Type.String({ minLength: 1, maxLength: 256 }),
  session: Type.String({ minLength: 1, maxLength: 256 }),
});

const SESSION_ROUTE = `${HISTORY_PATH}/:connection/:agent/:session`;
const DEFAULT_TIMELINE_LIMIT = 100;
const DEFAULT_LINES_LIMIT = 200;
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

const badRequest = (message: string, param: string) => new HttpError(400, 'invalid_request', message, param);

/**
 * The console's memory of sessions, read: usage, a session's history with its time line, its recorded
 * lines and searching them; and the pin that asks the recorder to keep a session. The recorder writes
 * what is read here; a session the console knows nothing of is a 404, a gone one has its tombstone.
 */
export function historyRoutes({ db, control, limits }: HistoryRoutesOptions): FastifyPluginAsyncTypebox {
  const recordings = new Recordings(db, control, limits.days);
  const timeline = new Timeline(db);
  const lines = new RecordedLineReader(db);

  /** The session's recording row, or a 404 when the console has nothing of it at all. */
  const known = (ref: SessionRef) => {
    const row = recordings.row(ref);
    if (!recordings.knows(ref, row)) {
      throw new HttpError(
        404,
        'not_found',
        `The console has no history of session '${ref.session}' of agent '${ref.agent}' on '${ref.connection}': ` +
          'it never recorded it, and no call about it went through this console.',
      );
    }
    return row;
  };

  return async (app) => {
    app.get(
      `${HISTORY_PATH}/usage`,
      { schema: { response: { 200: HistoryUsage, 401: ErrorBody } } },
      async () => historyUsage(db, control, limits),
    );

    app.get(
      SESSION_ROUTE,
      {
        schema: {
          params: SessionParams,
          querystring: TimelineQuery,
          response: { 200: SessionHistory, ...errors },
        },
      },
      async (request) => {
        const ref = request.params;
        const { query } = request;
        // Checked before the session is looked up: a bad request is bad whatever the console knows.
        const types = typesOf(query.types);
        const range = selectionOf({ from: query.from, to: query.to });
        const before = query.before === undefined ? undefined : decodeCursor(query.before);
        const row = known(ref);
        const tombstone = recordings.tombstone(ref, row);
        const page = timeline.page(ref, row?.id, {
          types,
          ...(range.fromMs !== undefined && { fromMs: range.fromMs }),
          ...(range.toMs !== undefined && { toMs: range.toMs }),
          limit: query.limit ?? DEFAULT_TIMELINE_LIMIT,
          ...(before && { before }),
        });
        return {
          connection: ref.connection,
          agent: ref.agent,
          session: ref.session,
          ...recordings.lastKnown(row),
          ...(tombstone && { tombstone }),
          recording: recordings.state(ref, row),
          ...page,
        };
      },
    );

    app.get(
      `${SESSION_ROUTE}/lines`,
      {
        schema: {
          params: SessionParams,
          querystring: RecordedLinesQuery,
          response: { 200: RecordedLines, ...errors },
        },
      },
      async (request) => {
        const { query } = request;
        const cursors = (['before', 'after', 'after_id'] as const).filter(
          (name) => query[name] !== undefined,
        );
        if (cursors.length > 1) {
          throw badRequest(
            `Give one of before, after and after_id, not ${cursors.join(' and ')}.`,
            cursors[1]!,
          );
        }
        if (query.before_id !== undefined && query.after_id === undefined) {
          throw badRequest(
            'before_id ends the lines that start after after_id; give after_id too.',
            'before_id',
          );
        }
        if (query.q !== undefined && cursors[0] !== undefined && cursors[0] !== 'before') {
          throw badRequest(
            `A search lists the newest lines first and pages with before, not ${cursors[0]}.`,
            cursors[0],
          );
        }
        const range = selectionOf({ from: query.from, to: query.to });
        const row = known(request.params);
        if (!row) return { data: [], has_more: false };
        return lines.page({
          recording: row.id,
          limit: query.limit ?? DEFAULT_LINES_LIMIT,
          ...(query.q !== undefined && { q: query.q }),
          ...(query.before !== undefined && { before: query.before }),
          ...(query.after !== undefined && { after: query.after }),
          ...(query.after_id !== undefined && { afterId: query.after_id }),
          ...(query.before_id !== undefined && { beforeId: query.before_id }),
          ...(query.stream !== undefined && { stream: query.stream }),
          ...(range.fromMs !== undefined && { fromMs: range.fromMs }),
          ...(range.toMs !== undefined && { toMs: range.toMs }),
        });
      },
    );

    app.put(
      `${SESSION_ROUTE}/pin`,
      { schema: { params: SessionParams, response: { 200: RecordingState, ...errors } } },
      async (request) => recordings.pin(request.params, true),
    );

    app.delete(
      `${SESSION_ROUTE}/pin`,
      { schema: { params: SessionParams, response: { 200: RecordingState, ...errors } } },
      async (request) => recordings.pin(request.params, false),
    );
  };
}
