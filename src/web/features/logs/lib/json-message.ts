import { stripAnsi } from './ansi';

/** Longer messages are not offered as JSON: pretty-printing megabytes helps nobody. */
const MAX_JSON_CHARS = 200_000;

export interface JsonMessage {
  /** Text before the JSON, e.g. `request done: ` in `request done: {"ms": 12}`. */
  prefix: string;
  value: unknown;
}

const cache = new WeakMap<object, JsonMessage | null>();

/**
 * The JSON a message carries, when it is JSON or ends in a JSON object or array, else null.
 * Cached per entry, since only rows on screen ask and they ask on every render.
 */
export function jsonOf(entry: { message: string }): JsonMessage | null {
  const hit = cache.get(entry);
  if (hit !== undefined) return hit;
  const found = findJson(stripAnsi(entry.message));
  cache.set(entry, found);
  return found;
}

export function findJson(text: string): JsonMessage | null {
  if (text.length > MAX_JSON_CHARS) return null;
  const trimmed = text.trimEnd();
  const last = trimmed[trimmed.length - 1];
  if (last !== '}' && last !== ']') return null;
  const open = last === '}' ? '{' : '[';
  // Try from each opening bracket, leftmost first, so `a {"b": {"c": 1}}` finds the outer object.
  for (let at = trimmed.indexOf(open); at !== -1 && at < trimmed.length; at = trimmed.indexOf(open, at + 1)) {
    try {
      const value: unknown = JSON.parse(trimmed.slice(at));
      if (value && typeof value === 'object') return { prefix: trimmed.slice(0, at), value };
    } catch {
      // Not JSON from here; try the next bracket.
    }
    // A handful of tries is plenty for log lines; more is a line that only looks like JSON.
    if (at > 2000) break;
  }
  return null;
}

export type JsonToken = { text: string; kind: 'key' | 'string' | 'number' | 'literal' | 'punct' };

/** Pretty JSON split into tokens for colouring; rendered as text nodes, never as markup. */
export function prettyJsonTokens(value: unknown): JsonToken[] {
  const pretty = JSON.stringify(value, null, 2);
  const tokens: JsonToken[] = [];
  const re = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let at = 0;
  for (let m = re.exec(pretty); m; m = re.exec(pretty)) {
    if (m.index > at) tokens.push({ text: pretty.slice(at, m.index), kind: 'punct' });
    if (m[1] !== undefined) {
      tokens.push({ text: m[1], kind: m[2] !== undefined ? 'key' : 'string' });
      if (m[2] !== undefined) tokens.push({ text: m[2], kind: 'punct' });
    } else if (m[3] !== undefined) tokens.push({ text: m[3], kind: 'literal' });
    else tokens.push({ text: m[0], kind: 'number' });
    at = m.index + m[0].length;
  }
  if (at < pretty.length) tokens.push({ text: pretty.slice(at), kind: 'punct' });
  return tokens;
}
