import { Type, type Static } from 'typebox';
import { AuditEntry } from './audit';
import { AgentSession, SessionStatus } from './sessions';

// The console's memory of sessions: the log lines its recorder stored, the events it observed, and the
// audit entries about them, kept after the session itself is gone. The console's own API, not Foundry's.
//
//   GET    HISTORY_PATH/usage                                   -> HistoryUsage
//   GET    HISTORY_PATH/{connection}/{agent}/{session}          -> SessionHistory   (query: TimelineQuery)
//   GET    HISTORY_PATH/{connection}/{agent}/{session}/lines    -> RecordedLines    (query: RecordedLinesQuery)
//   PUT    HISTORY_PATH/{connection}/{agent}/{session}/pin      -> RecordingState   (records it whatever else holds)
//   DELETE HISTORY_PATH/{connection}/{agent}/{session}/pin      -> RecordingState
//
// Errors are the contract's ErrorBody: 404 `not_found` for a session the console knows nothing about,
// 400 `invalid_request` naming the bad parameter (a search the full-text syntax refuses, a range too long).

export const HISTORY_PATH = '/api/console/history';

/** The longest time range one query may span, as for the audit trail. */
export const HISTORY_MAX_RANGE_DAYS = 366;

/** Defaults of the server's `--history-days` and `--history-max-mb`. */
export const HISTORY_DEFAULT_DAYS = 14;
export const HISTORY_DEFAULT_MAX_MB = 1024;

/** Why the recorder keeps a session's lines; a session may have several reasons at once. */
export const RECORDING_REASONS = ['active', 'opened', 'created', 'invoked', 'pinned'] as const;
export const RecordingReason = Type.Enum(RECORDING_REASONS);
export type RecordingReason = Static<typeof RecordingReason>;

export const RecordingState = Type.Object({
  /** `recording`: a stream is open or being reopened; `idle`: kept, not listening now; `never`: no lines kept. */
  state: Type.Union([Type.Literal('recording'), Type.Literal('idle'), Type.Literal('never')]),
  reasons: Type.Array(RecordingReason),
  pinned: Type.Boolean(),
  /** When the first line was stored. */
  since: Type.Optional(Type.String()),
  /** The id of the last line stored: where a resume starts from. */
  last_event_id: Type.Optional(Type.String()),
  lines: Type.Integer({ minimum: 0 }),
  /** When the recording's lines and events are removed, by `--history-days` (the size limit may come first). */
  kept_until: Type.Optional(Type.String()),
});
export type RecordingState = Static<typeof RecordingState>;

/** What the console observed happen to a session: its status changes, and facts its status lines stated. */
export const SESSION_EVENT_KINDS = [
  // Status changes observed (by listing or reading the session).
  'created',
  'active',
  'idle',
  'updating',
  'failed',
  'expired',
  'deleted',
  // What the session's status lines said (parseStatusLine).
  'starting',
  'ready',
  'restarted',
  'exited',
  'idle_timeout',
  'stopped_by_request',
  'stopped_by_host',
  'start_failed',
  'host_restarted',
] as const;
export const SessionEventKind = Type.Enum(SESSION_EVENT_KINDS);
export type SessionEventKind = Static<typeof SessionEventKind>;

export const SessionEvent = Type.Object({
  type: Type.Literal('event'),
  time: Type.String(),
  event: SessionEventKind,
  /** The status line it came from, or a sentence the console wrote. */
  message: Type.String(),
  status: Type.Optional(SessionStatus),
  exit_code: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  signal: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  idle_seconds: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type SessionEvent = Static<typeof SessionEvent>;

/** Lines the recording does not have: the source could not replay them, or the recorder dropped them. */
export const HistoryGap = Type.Object({
  type: Type.Literal('gap'),
  time: Type.String(),
  end_time: Type.String(),
  reason: Type.Union([
    // The stream was reopened and the source did not replay what was written meanwhile.
    Type.Literal('not_replayed'),
    // The recorder could not keep up with the session and dropped lines (count says how many).
    Type.Literal('dropped'),
    // The console's server was not running.
    Type.Literal('recorder_down'),
    // The source said lines were lost (the host's gap status line).
    Type.Literal('lost_at_source'),
  ]),
  count: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type HistoryGap = Static<typeof HistoryGap>;

export const AuditItem = Type.Object({
  type: Type.Literal('audit'),
  time: Type.String(),
  entry: AuditEntry,
});
export type AuditItem = Static<typeof AuditItem>;

export const TimelineItem = Type.Union([SessionEvent, HistoryGap, AuditItem]);
export type TimelineItem = Static<typeof TimelineItem>;
export const TIMELINE_TYPES = ['event', 'gap', 'audit'] as const;

/** The session gone: deleted (through this console or not) or expired. Its history stays until `kept_until`. */
export const Tombstone = Type.Object({
  how: Type.Union([Type.Literal('deleted'), Type.Literal('expired')]),
  time: Type.String(),
  /** The audit entry of the delete, when it went through this console. */
  by: Type.Optional(AuditEntry),
  kept_until: Type.String(),
});
export type Tombstone = Static<typeof Tombstone>;

export const SessionHistory = Type.Object({
  connection: Type.String(),
  agent: Type.String(),
  session: Type.String(),
  /** The session as last seen, and when; absent if it was never read. */
  last_known: Type.Optional(AgentSession),
  last_seen: Type.Optional(Type.String()),
  tombstone: Type.Optional(Tombstone),
  recording: RecordingState,
  /** Newest first. */
  timeline: Type.Array(TimelineItem),
  has_more: Type.Boolean(),
  /** Pass as `before` for the next (older) page. */
  next_before: Type.Optional(Type.String()),
});
export type SessionHistory = Static<typeof SessionHistory>;

export const TimelineQuery = Type.Object(
  {
    /** Comma-separated TIMELINE_TYPES; all by default. */
    types: Type.Optional(Type.String({ maxLength: 40 })),
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    before: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const RecordedLine = Type.Object({
  /** The recorder's own order; pass as `before`/`after` to page. */
  seq: Type.Integer({ minimum: 1 }),
  /** The source's event id, when it sent one. */
  id: Type.Optional(Type.String()),
  time: Type.String(),
  stream: Type.String(),
  message: Type.String(),
});
export type RecordedLine = Static<typeof RecordedLine>;

export const RecordedLines = Type.Object({
  data: Type.Array(RecordedLine),
  /** More lines in the direction of paging. */
  has_more: Type.Boolean(),
  /** Lines that matched in all (for a search); absent when counting would cost too much. */
  total: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type RecordedLines = Static<typeof RecordedLines>;

export const RecordedLinesQuery = Type.Object(
  {
    /** A full-text search (SQLite FTS5 syntax: words, "phrases", prefix*, AND/OR/NOT). */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** Lines with seq below this, newest first (the default order: the latest lines). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Lines with seq above this, oldest first. */
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Lines after the one with this source event id (to fill a gap after a reconnect), oldest first. */
    after_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** With after_id: up to, not including, the line with this event id. */
    before_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    stream: Type.Optional(
      Type.Union([Type.Literal('stdout'), Type.Literal('stderr'), Type.Literal('status')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type RecordedLinesQuery = Static<typeof RecordedLinesQuery>;

export const HistoryUsage = Type.Object({
  bytes: Type.Integer({ minimum: 0 }),
  lines: Type.Integer({ minimum: 0 }),
  sessions: Type.Integer({ minimum: 0 }),
  /** Sessions with a stream open now. */
  recording_now: Type.Integer({ minimum: 0 }),
  oldest: Type.Optional(Type.String()),
  limits: Type.Object({ days: Type.Integer({ minimum: 1 }), max_mb: Type.Integer({ minimum: 1 }) }),
});
export type HistoryUsage = Static<typeof HistoryUsage>;

/** The path of a session's history, each segment encoded. */
export const historyPath = (connection: string, agent: string, session: string) =>
  `${HISTORY_PATH}/${encodeURIComponent(connection)}/${encodeURIComponent(agent)}/${encodeURIComponent(session)}`;
