import { clampCapacity, DEFAULT_BUFFER_LINES } from './log-buffer';
import type { LineStream } from './frame';
import type { StreamToggles } from './log-view';

export type TimeMode = 'local' | 'utc' | 'relative' | 'off';
export const TIME_MODES: readonly TimeMode[] = ['local', 'utc', 'relative', 'off'];

/** A range of lines by the server's ids, as a link names it. */
export interface LineRange {
  from: number;
  to: number;
}

/** Everything about how the console shows its lines; it lives in the URL so a view can be shared. */
export interface ConsoleOptions {
  streams: StreamToggles;
  query: string;
  matchCase: boolean;
  regex: boolean;
  onlyMatching: boolean;
  time: TimeMode;
  wrap: boolean;
  bufferLines: number;
  lines: LineRange | undefined;
}

const STREAMS: readonly LineStream[] = ['stdout', 'stderr', 'status'];

/** The URL parameters the console owns; anything else in the URL is left alone. */
const OPTION_PARAMS = ['hide', 'q', 'case', 're', 'only', 'time', 'wrap', 'buffer', 'lines'] as const;

const flag = (params: URLSearchParams, name: string) => params.get(name) === '1';

export function readOptions(params: URLSearchParams): ConsoleOptions {
  const hidden = new Set((params.get('hide') ?? '').split(','));
  const time = params.get('time');
  const buffer = Number(params.get('buffer'));
  return {
    streams: { stdout: !hidden.has('stdout'), stderr: !hidden.has('stderr'), status: !hidden.has('status') },
    query: params.get('q') ?? '',
    matchCase: flag(params, 'case'),
    regex: flag(params, 're'),
    onlyMatching: flag(params, 'only'),
    time: TIME_MODES.includes(time as TimeMode) ? (time as TimeMode) : 'local',
    wrap: flag(params, 'wrap'),
    bufferLines: params.has('buffer') && buffer > 0 ? clampCapacity(buffer) : DEFAULT_BUFFER_LINES,
    lines: parseRange(params.get('lines')),
  };
}

/** `params` with the console's options written in; defaults are left out so URLs stay short. */
export function writeOptions(params: URLSearchParams, options: ConsoleOptions): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of OPTION_PARAMS) next.delete(name);
  const hidden = STREAMS.filter((s) => !options.streams[s]);
  if (hidden.length) next.set('hide', hidden.join(','));
  if (options.query) next.set('q', options.query);
  if (options.matchCase) next.set('case', '1');
  if (options.regex) next.set('re', '1');
  if (options.onlyMatching) next.set('only', '1');
  if (options.time !== 'local') next.set('time', options.time);
  if (options.wrap) next.set('wrap', '1');
  if (options.bufferLines !== DEFAULT_BUFFER_LINES) next.set('buffer', String(options.bufferLines));
  if (options.lines) next.set('lines', formatRange(options.lines));
  return next;
}

function parseRange(text: string | null): LineRange | undefined {
  const m = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(text ?? '');
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

export function formatRange(range: LineRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}
