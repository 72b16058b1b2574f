import { paths } from '../../../app/paths';

/**
 * A link to a folder (and optionally a file's preview) in a session's Files tab. Slashes stay readable
 * (`?path=notes/sub`); everything else in a name is encoded.
 */
export function folderHref(agent: string, sessionId: string, folder: string, file?: string): string {
  const query = [
    folder && `path=${encodeURIComponent(folder).replace(/%2F/g, '/')}`,
    file && `file=${encodeURIComponent(file)}`,
  ].filter(Boolean);
  const base = paths.sessionFiles.getHref(agent, sessionId);
  return query.length ? `${base}?${query.join('&')}` : base;
}
