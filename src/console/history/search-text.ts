/** FTS5's operators: kept as the person wrote them. They are operators only in capitals. */
const OPERATORS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT']);

/**
 * A search as a person types it, made into an FTS5 expression. Every plain word is quoted, so that what
 * log lines are full of (`error: 500`, `foo-bar`, `a.b/c`) is searched for as text: unquoted, FTS5 reads a
 * colon as a column filter and a hyphen as its syntax, and refuses the search. What is FTS5 syntax already
 * stays as written: "phrases", (groups), AND/OR/NOT, NEAR(...), a trailing `*` (prefix) and a leading `^`
 * (first token). Nothing is refused here: what FTS5 refuses (an unclosed quote, `a AND`) it says itself.
 */
export function ftsExpression(search: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < search.length) {
    const char = search[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '"') {
      // A phrase runs to the next lone quote (`""` inside it is a quote); an unclosed one goes as it is.
      let end = i + 1;
      for (;;) {
        end = search.indexOf('"', end);
        if (end === -1 || search[end + 1] !== '"') break;
        end += 2;
      }
      const stop = end === -1 ? search.length : end + 1;
      // A `*` right after the closing quote makes the phrase's last token a prefix.
      const starred = search[stop] === '*' ? stop + 1 : stop;
      parts.push(search.slice(i, starred));
      i = starred;
    } else if (char === '(' || char === ')') {
      parts.push(char);
      i++;
    } else {
      let end = i;
      while (end < search.length && !/[\s"()]/.test(search[end]!)) end++;
      const text = search.slice(i, end);
      if (text === 'NEAR' && search[end] === '(') {
        // NEAR(a b, 5) goes as written: its distance after a comma is syntax, not text.
        const close = search.indexOf(')', end);
        end = close === -1 ? search.length : close + 1;
        parts.push(search.slice(i, end));
      } else {
        parts.push(word(text));
      }
      i = end;
    }
  }
  return parts.join(' ');
}

function word(text: string): string {
  if (OPERATORS.has(text)) return text;
  const first = text.startsWith('^') ? '^' : '';
  const prefix = text.endsWith('*') ? '*' : '';
  const core = text.slice(first.length, text.length - prefix.length);
  // A word of only `^` or `*` is text like any other: quoted whole it is an empty phrase, which FTS5 skips.
  return core === '' ? quote(text) : `${first}${quote(core)}${prefix}`;
}

// A word never holds a quote: it ends at one.
const quote = (text: string) => `"${text}"`;
