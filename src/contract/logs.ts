import { Type, type Static } from 'typebox';

export const LogStream = Type.Union([Type.Literal('stdout'), Type.Literal('stderr'), Type.Literal('status')]);
export type LogStream = Static<typeof LogStream>;

/** The JSON the `data:` of a `log` frame carries today. Clients must still accept any string. */
export const LogLine = Type.Object({
  timestamp: Type.String(),
  stream: LogStream,
  message: Type.String(),
});
export type LogLine = Static<typeof LogLine>;

export const LOG_EVENT = 'log';
