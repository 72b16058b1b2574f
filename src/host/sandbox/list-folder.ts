import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileEntry, FileList } from '@contract';
import { badRequest } from '../errors';
import { DEFAULT_LIMIT } from '../store/paging';
import { isFsError, linkTargetInside, type HomePath } from './paths';

export interface FolderPageQuery {
  limit?: number;
  order?: 'asc' | 'desc';
  after?: string;
  before?: string;
}

/** One page of a folder's entries, by name, with cursors that are entry names. */
export async function listFolder(folder: HomePath, query: FolderPageQuery): Promise<FileList> {
  if (query.after !== undefined && query.before !== undefined) {
    throw badRequest('Give either after or before, not both.', 'after');
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const order = query.order ?? 'asc';
  const cursor = query.after ?? query.before;
  // `before` walks away from the cursor against the list order, then the page is turned back round.
  const walk = query.before !== undefined ? (order === 'asc' ? 'desc' : 'asc') : order;
  // Names compare by UTF-16 code unit, not locale: the same order on every host, and a cursor that names
  // an entry which has since gone still marks the same place.
  const ahead =
    cursor === undefined
      ? () => true
      : walk === 'asc'
        ? (n: string) => n > cursor
        : (n: string) => n < cursor;
  const byName = walk === 'asc' ? compare : (a: string, b: string) => compare(b, a);
  // Names only: nothing is looked at closely until the page is known.
  const names = (await fs.readdir(folder.abs, { withFileTypes: true }))
    .filter((d) => ahead(d.name))
    .sort((a, b) => byName(a.name, b.name));
  const pageNames = names.slice(0, limit);
  if (query.before !== undefined) pageNames.reverse();
  // Only the page's entries are stat'ed, so a folder of thousands lists as fast as a small one.
  const entries = (
    await Promise.all(pageNames.map((dirent) => describe(folder.home, folder.abs, dirent)))
  ).filter((e): e is FileEntry => e !== undefined);
  const first = entries[0];
  const last = entries[entries.length - 1];
  return {
    path: folder.rel,
    entries,
    ...(first && { first_id: first.name }),
    ...(last && { last_id: last.name }),
    has_more: names.length > limit,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One listed entry. A symbolic link whose target is inside home shows what it points to; one that
 * points out (or nowhere) shows as an empty file and is never followed.
 */
async function describe(home: string, dir: string, dirent: Dirent): Promise<FileEntry | undefined> {
  const { name } = dirent;
  const full = path.join(dir, name);
  try {
    let stat = await fs.lstat(full);
    if (stat.isSymbolicLink()) {
      const target = await linkTargetInside(home, full);
      if (target === undefined) {
        return { name, size: 0, is_directory: false, modified_time: seconds(stat.mtimeMs) };
      }
      stat = await fs.stat(target);
    }
    return {
      name,
      size: stat.isFile() ? stat.size : 0,
      is_directory: stat.isDirectory(),
      modified_time: seconds(stat.mtimeMs),
    };
  } catch (err) {
    // Gone between the folder read and now.
    if (isFsError(err, 'ENOENT')) return undefined;
    // Its whole path is longer than the system takes (the agent made it by a relative path), so nothing
    // more can be learnt about it, and the API cannot open it; it is still there.
    if (isFsError(err, 'ENAMETOOLONG')) {
      return { name, size: 0, is_directory: dirent.isDirectory(), modified_time: 0 };
    }
    throw err;
  }
}

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));
