import type { CSSProperties, ReactNode } from 'react';
import { cn } from '../../../lib/cn';
import { ansiColorCss, parseAnsi, type AnsiSegment, type AnsiStyle } from '../lib/ansi';
import type { JsonToken } from '../lib/json-message';
import type { Search } from '../lib/search';

// How one line's text is drawn: pretty JSON, or its ANSI colours with the search's matches marked.

export function JsonView({ tokens }: { tokens: JsonToken[] }) {
  const color: Record<JsonToken['kind'], string> = {
    key: 'text-sky-300',
    string: 'text-emerald-300',
    number: 'text-amber-200',
    literal: 'text-violet-300',
    punct: 'text-zinc-400',
  };
  return (
    <pre className="my-1 overflow-x-auto rounded-md border border-zinc-700 bg-zinc-900 p-2 whitespace-pre">
      {tokens.map((t, i) => (
        <span key={i} className={color[t.kind]}>
          {t.text}
        </span>
      ))}
    </pre>
  );
}

/** Colours from ANSI codes and search highlights, merged; all of it text nodes and inline styles. */
export function MessageText({
  text,
  search,
  currentMatch,
}: {
  text: string;
  search: Search;
  currentMatch: boolean;
}) {
  const segments = parseAnsi(text);
  if (search.kind !== 'ok') return <>{segments.map((s, i) => renderSegment(s, i, s.text))}</>;
  const plain = segments.length === 1 ? segments[0]!.text : segments.map((s) => s.text).join('');
  const ranges = search.ranges(plain);
  if (ranges.length === 0) return <>{segments.map((s, i) => renderSegment(s, i, s.text))}</>;
  const out: ReactNode[] = [];
  let segStart = 0;
  let r = 0;
  segments.forEach((seg, si) => {
    const segEnd = segStart + seg.text.length;
    const pieces: ReactNode[] = [];
    let at = segStart;
    while (at < segEnd) {
      while (r < ranges.length && ranges[r]![1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= segEnd) {
        pieces.push(plain.slice(at, segEnd));
        at = segEnd;
      } else if (range[0] > at) {
        pieces.push(plain.slice(at, range[0]));
        at = range[0];
      } else {
        const end = Math.min(range[1], segEnd);
        pieces.push(
          <mark
            key={at}
            data-match=""
            className={cn(
              'rounded-[2px] text-inherit',
              currentMatch ? 'bg-orange-400 text-zinc-950' : 'bg-yellow-300/35',
            )}
          >
            {plain.slice(at, end)}
          </mark>,
        );
        at = end;
      }
    }
    out.push(renderSegment(seg, si, pieces));
    segStart = segEnd;
  });
  return <>{out}</>;
}

function renderSegment(seg: AnsiSegment, key: number, content: ReactNode) {
  if (!seg.style) return <span key={key}>{content}</span>;
  return (
    <span key={key} style={ansiCss(seg.style)}>
      {content}
    </span>
  );
}

function ansiCss(style: AnsiStyle): CSSProperties {
  let fg = style.fg === undefined ? undefined : ansiColorCss(style.fg);
  let bg = style.bg === undefined ? undefined : ansiColorCss(style.bg);
  if (style.inverse) [fg, bg] = [bg ?? '#09090b', fg ?? '#e4e4e7'];
  const decorations = [style.underline && 'underline', style.strike && 'line-through'].filter(Boolean);
  return {
    color: fg,
    backgroundColor: bg,
    fontWeight: style.bold ? 600 : undefined,
    opacity: style.dim ? 0.7 : undefined,
    fontStyle: style.italic ? 'italic' : undefined,
    textDecorationLine: decorations.length ? decorations.join(' ') : undefined,
  };
}
