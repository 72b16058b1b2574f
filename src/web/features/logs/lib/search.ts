export interface SearchOptions {
  matchCase: boolean;
  regex: boolean;
}

export type Search =
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ok';
      /** Whether a line contains a match. */
      test: (text: string) => boolean;
      /** Where the matches are, as [start, end) pairs; zero-length matches are skipped. */
      ranges: (text: string, limit?: number) => [number, number][];
    };

/** Highlighting more than this many matches in one line helps nobody and costs a lot of DOM. */
const MAX_RANGES = 500;

/**
 * Compiles what the person typed. An invalid regular expression is reported as a message, never
 * thrown, so typing `(` on the way to `(foo)` does not break the console.
 */
export function compileSearch(query: string, options: SearchOptions): Search {
  if (query === '') return { kind: 'none' };
  const source = options.regex ? query : escapeRegExp(query);
  const flags = options.matchCase ? '' : 'i';
  let tester: RegExp;
  let finder: RegExp;
  try {
    tester = new RegExp(source, flags);
    finder = new RegExp(source, flags + 'g');
  } catch (err) {
    return { kind: 'error', message: invalidMessage(err) };
  }
  return {
    kind: 'ok',
    test: (text) => tester.test(text),
    ranges: (text, limit = MAX_RANGES) => {
      const out: [number, number][] = [];
      finder.lastIndex = 0;
      for (let m = finder.exec(text); m && out.length < limit; m = finder.exec(text)) {
        if (m[0].length === 0) {
          // An empty match (`a*`, `^`) would loop forever at the same place.
          finder.lastIndex++;
          continue;
        }
        out.push([m.index, m.index + m[0].length]);
      }
      return out;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function invalidMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  // "Invalid regular expression: /(/i: Unterminated group" -> "Unterminated group"
  const reason = raw.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  return `Not a valid regular expression: ${reason}`;
}
