/** What the preview panel can show for a file, decided from its name and size before fetching anything. */

/** Text is previewed up to this size; beyond it the panel offers the download. */
const TEXT_PREVIEW_LIMIT = 1024 * 1024;
/** Images are fetched whole for the preview (as a blob, so a type can be set): keep that bounded too. */
const IMAGE_PREVIEW_LIMIT = 10 * 1024 * 1024;

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
};

/** Never worth fetching to look for text in. */
const BINARY = new Set(
  'zip gz tgz bz2 xz 7z rar tar jar war pdf doc docx xls xlsx ppt pptx exe dll so dylib bin o a class wasm mp3 mp4 m4a mov avi mkv webm ogg wav flac ttf otf woff woff2 sqlite db pyc iso dmg'.split(
    ' ',
  ),
);

export type PreviewPlan =
  | { kind: 'image'; mime: string }
  | { kind: 'text' }
  | { kind: 'too-large'; limit: number }
  | { kind: 'none' };

const extension = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export function previewPlan(name: string, size: number): PreviewPlan {
  const ext = extension(name);
  const mime = IMAGE_TYPES[ext];
  if (mime)
    return size <= IMAGE_PREVIEW_LIMIT
      ? { kind: 'image', mime }
      : { kind: 'too-large', limit: IMAGE_PREVIEW_LIMIT };
  if (BINARY.has(ext)) return { kind: 'none' };
  // Anything else may be text (logs, notes, source without a known extension): fetched, then sniffed.
  return size <= TEXT_PREVIEW_LIMIT ? { kind: 'text' } : { kind: 'too-large', limit: TEXT_PREVIEW_LIMIT };
}

export type TextContent =
  { kind: 'json'; raw: string; pretty: string } | { kind: 'text'; raw: string } | { kind: 'binary' };

/**
 * Bytes as text when they are UTF-8 without NUL (what a text file almost always is), pretty-printed
 * as well when they are JSON; anything else is binary and gets no preview.
 */
export function decodeText(name: string, bytes: ArrayBuffer): TextContent {
  const view = new Uint8Array(bytes);
  if (view.subarray(0, 8192).includes(0)) return { kind: 'binary' };
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(view);
  } catch {
    return { kind: 'binary' };
  }
  const looksJson = extension(name) === 'json' || /^\s*[[{]/.test(raw);
  if (looksJson) {
    try {
      return { kind: 'json', raw, pretty: JSON.stringify(JSON.parse(raw), null, 2) };
    } catch {
      // Not valid JSON after all (or a .json file mid-write): show it as plain text.
    }
  }
  return { kind: 'text', raw };
}
