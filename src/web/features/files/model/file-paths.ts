/**
 * Client paths inside a session home, as the files API takes them: `/` between names, relative to
 * home, and '' (not '.') for home itself so it reads well in a URL (`?path=` is home).
 */

/** Folder from a URL or user input: no leading, trailing or doubled slashes; `.` segments dropped. */
export function normalizeFolder(input: string | null | undefined): string {
  if (!input) return '';
  return input
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

export function joinPath(folder: string, name: string): string {
  const rest = normalizeFolder(name);
  return folder ? (rest ? `${folder}/${rest}` : folder) : rest;
}

/** The folder above `path`; home's parent is home. */
export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Each step from home down to `folder`, for breadcrumbs. */
export function foldersDownTo(folder: string): { name: string; path: string }[] {
  const segments = folder ? folder.split('/') : [];
  return segments.map((name, i) => ({ name, path: segments.slice(0, i + 1).join('/') }));
}

const MAX_NAME_BYTES = 255;
const encoder = new TextEncoder();

/**
 * Why the server would refuse this upload path (src/host/sandbox/paths.ts has the same rules), or
 * undefined when it is fine. Checked before sending so one bad name gets a clear message instead of a
 * round trip, and the rest of a batch goes on.
 */
export function pathProblem(path: string): string | undefined {
  if (path.includes('\0')) return 'The name contains a NUL character, which no file name may hold.';
  if (path.includes('\\')) return 'The name contains a backslash (\\), which the server does not accept.';
  if (path.startsWith('/')) return 'The path is absolute; uploads go inside the session home.';
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) return "The path contains '..', which the server does not accept.";
  if (segments.some((s) => s === '' || s === '.')) return 'The path has an empty name in it.';
  const long = segments.find((s) => encoder.encode(s).length > MAX_NAME_BYTES);
  if (long !== undefined) {
    return `The name '${long.slice(0, 40)}…' is longer than ${MAX_NAME_BYTES} bytes, which no file system here can hold.`;
  }
  return undefined;
}

/**
 * The path a picked or dropped file keeps below the folder it lands in. react-dropzone (file-selector)
 * gives `./name` for a loose file and `/folder/sub/name` for a file inside a dropped folder; a folder
 * picker gives `folder/sub/name` as webkitRelativePath.
 */
export function relativeUploadPath(file: File): string {
  const withPath = file as File & { relativePath?: unknown; path?: unknown };
  const candidates = [withPath.relativePath, withPath.path, file.webkitRelativePath];
  const given = candidates.find((c): c is string => typeof c === 'string' && c !== '');
  if (given === undefined) return file.name;
  // Not normalizeFolder: that would hide a '..' the server must see refused, not silently dropped.
  const trimmed = given.replace(/^\.\//, '').replace(/^\/+/, '');
  return trimmed || file.name;
}

/**
 * "report (1).pdf", "report (2).pdf", …: the first name not in `taken`. The extension stays at the end
 * so the copy opens like the original; a leading dot (".env") is part of the name, not an extension.
 */
export function keepBothName(name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}
