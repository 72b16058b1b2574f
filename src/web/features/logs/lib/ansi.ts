/**
 * A small ANSI SGR parser: colours and text attributes become styled segments; every other escape
 * sequence (cursor moves, OSC titles and links, …) is dropped. Output is data, never markup, so a log
 * line can only ever become text and colour.
 */

/** A palette index 0..255, or a true colour as `#rrggbb`. */
export type AnsiColor = number | string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  /** Undefined when the segment has no styling at all. */
  style: AnsiStyle | undefined;
}

const ESC = '\u001b';

/**
 * Any escape sequence: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), any other escape (intermediates
 * then a final byte), or a lone ESC, so no control sequence survives into the text.
 */
const ESCAPE_RE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /\u001b(?:\[([0-9;:?<=>]*)[ -/]*([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~]|)/g;

export function hasAnsi(text: string): boolean {
  return text.includes(ESC);
}

/** The text with every escape sequence removed: what search, copy and download work on. */
export function stripAnsi(text: string): string {
  if (!text.includes(ESC)) return text;
  return text.replace(ESCAPE_RE, '');
}

export function parseAnsi(text: string): AnsiSegment[] {
  if (!text.includes(ESC)) return [{ text, style: undefined }];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  ESCAPE_RE.lastIndex = 0;
  for (let m = ESCAPE_RE.exec(text); m; m = ESCAPE_RE.exec(text)) {
    if (m.index > last) push(segments, text.slice(last, m.index), style);
    last = ESCAPE_RE.lastIndex;
    // Only SGR (final byte `m`, no private-mode marker) changes how text looks.
    if (m[2] === 'm' && m[1] !== undefined && !/[?<=>]/.test(m[1])) style = applySgr(style, m[1]);
  }
  if (last < text.length) push(segments, text.slice(last), style);
  return segments;
}

function push(segments: AnsiSegment[], text: string, style: AnsiStyle): void {
  const empty = Object.keys(style).length === 0;
  segments.push({ text, style: empty ? undefined : style });
}

function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const groups = params === '' ? ['0'] : params.split(';');
  const num = (p: string | undefined) => (p === undefined || p === '' ? 0 : Number(p));
  const next: AnsiStyle = { ...current };
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const sub = group.split(':');
    const c = num(sub[0]);
    if (c === 38 || c === 48) {
      let color: AnsiColor | undefined;
      if (sub.length > 1) {
        // Colon form keeps the whole colour in one group: 38:5:n, 38:2:r:g:b or 38:2:<space>:r:g:b.
        const values = sub.slice(1).map(num);
        color = values[0] === 2 && values.length >= 5 ? rgbColor(values.slice(-3)) : extended(values);
      } else {
        // Semicolon form spreads it over the following groups: 38;5;n or 38;2;r;g;b.
        const mode = num(groups[i + 1]);
        const take = mode === 5 ? 2 : mode === 2 ? 4 : 1;
        color = extended(groups.slice(i + 1, i + 1 + take).map(num));
        i += take;
      }
      if (color !== undefined) {
        if (c === 38) next.fg = color;
        else next.bg = color;
      }
      continue;
    }
    if (c === 0) {
      for (const k of Object.keys(next)) delete next[k as keyof AnsiStyle];
    } else if (c === 1) next.bold = true;
    else if (c === 2) next.dim = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 7) next.inverse = true;
    else if (c === 9) next.strike = true;
    else if (c === 22) {
      delete next.bold;
      delete next.dim;
    } else if (c === 23) delete next.italic;
    else if (c === 24) delete next.underline;
    else if (c === 27) delete next.inverse;
    else if (c === 29) delete next.strike;
    else if (c >= 30 && c <= 37) next.fg = c - 30;
    else if (c === 39) delete next.fg;
    else if (c >= 40 && c <= 47) next.bg = c - 40;
    else if (c === 49) delete next.bg;
    else if (c >= 90 && c <= 97) next.fg = c - 90 + 8;
    else if (c >= 100 && c <= 107) next.bg = c - 100 + 8;
    // Anything else (blink, fonts, …) is ignored.
  }
  return next;
}

/** `[5, n]` or `[2, r, g, b]` as a colour; anything malformed is no colour. */
function extended(values: number[]): AnsiColor | undefined {
  if (values[0] === 5) {
    const n = values[1];
    return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
  }
  if (values[0] === 2 && values.length >= 4) return rgbColor(values.slice(1, 4));
  return undefined;
}

function rgbColor(rgb: number[]): string | undefined {
  if (rgb.length !== 3 || rgb.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) return undefined;
  return '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** The 16 base colours, tuned to read well on the console's dark pane (it is dark in both themes). */
const BASE16 = [
  '#3b4252', // black: lifted, or it vanishes on the pane
  '#f47067',
  '#8ddb8c',
  '#e3b341',
  '#6cb6ff',
  '#dcbdfb',
  '#76e3ea',
  '#c9d1d9',
  '#768390',
  '#ff938a',
  '#b4f1b4',
  '#f8e3a1',
  '#96d0ff',
  '#eedcff',
  '#b3f0ff',
  '#ffffff',
];

/** A palette index or true colour as a CSS colour. Only ever builds `#rrggbb` from numbers. */
export function ansiColorCss(color: AnsiColor): string {
  if (typeof color === 'string') return /^#[0-9a-f]{6}$/.test(color) ? color : 'inherit';
  if (color < 16) return BASE16[color] ?? 'inherit';
  if (color < 232) {
    const n = color - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return rgbHex(level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6));
  }
  const grey = 8 + (color - 232) * 10;
  return rgbHex(grey, grey, grey);
}

function rgbHex(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}
