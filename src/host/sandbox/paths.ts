import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_NAME_BYTES, MAX_PATH_BYTES } from '@contract';
import { badRequest, HttpError, notFound } from '../errors';

/**
 * Safe resolution of a client's file path inside a session home.
 *
 * A client path is relative to home and uses `/` between names: `''`, `.` and `./` are home, `a//b` and
 * `./a/` are `a/b` and `a`. Refused with a 400, before anything on disk is touched:
 *   - NUL anywhere;
 *   - an absolute path (`/etc/passwd`);
 *   - any `..` segment, even one that would stay inside (`a/../b`): the console never needs one, and
 *     "up" means different things before and after a symbolic link;
 *   - a backslash: it is a separator on Windows and an ordinary character on POSIX, so a path holding
 *     one would name different files on different hosts;
 *   - a name longer than MAX_NAME_BYTES, or a whole path longer than MAX_PATH_BYTES (Linux's limits).
 * The boundary is the home folder the host made, found by its place under the sandboxes folder: when home,
 * or a folder the host made above it, is no longer a real folder (an agent can move it away and put a
 * link in its place), nothing is done through it (a 409). Then every existing component is looked at from
 * home downwards; a symbolic link is followed only when its real target is inside home (else a 400), and
 * the place on disk must stay within MAX_PATH_BYTES (else a 400 rather than a file system error later).
 * An agent that swaps a link between this check and the use of the path can still win the race; the local
 * host isolates by process and folder, not by VM, and the agent already runs with the host user's rights.
 * The check keeps API callers inside home.
 */

/**
 * Where a session home is: `root`, the sandboxes folder (the operator's; it may be reached through a
 * link), then `folders`, the folders the host made below it down to home itself, none of which may be
 * a link.
 */
export interface SandboxHome {
  root: string;
  folders: string[];
}

const HOME_REPLACED_MESSAGE =
  "The session's home folder is no longer a real folder: it, or a folder above it, was replaced by a " +
  'link or a file. The host does not list, read, write or delete files through it.';

/** A 409 for a session home that is no longer the folder the host made. */
export class HomeReplacedError extends HttpError {
  constructor() {
    super(409, 'conflict', HOME_REPLACED_MESSAGE);
  }
}

export interface HomePath {
  /** The normalised client path: `/`-separated, relative to home, `.` for home itself. */
  rel: string;
  /** Where home is on disk: under the real sandboxes folder, through folders the host made. */
  home: string;
  /** Where `rel` is on disk, every followed link resolved; inside `home`. */
  abs: string;
  /** What is at `abs` (for `entry` resolution, the entry itself, not what a final link points to). */
  stat?: Stats;
  /** When `rel` cannot exist because one of its parents is not a folder: that parent, as a client path. */
  blockedBy?: string;
}

/**
 * `follow` resolves a final symbolic link like any other component (list, read, write go to the target);
 * `entry` stops at it, so deleting a link removes the link and never looks at what it points to.
 */
export type Resolution = 'follow' | 'entry';

/** Splits and checks a client path; throws a 400 naming `param` when it may not be used. */
export function parseClientPath(input: string, param = 'path'): string[] {
  if (input.includes('\0')) throw badRequest('The path must not contain a NUL character.', param);
  if (input.includes('\\')) throw badRequest('Separate folders in the path with /, not \\.', param);
  if (input.startsWith('/')) throw badRequest('The path must be relative to the session home.', param);
  const segments = input.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw badRequest("The path must not contain '..'.", param);
  for (const segment of segments) {
    if (Buffer.byteLength(segment) > MAX_NAME_BYTES) {
      throw badRequest(`The name '${segment.slice(0, 32)}…' is longer than ${MAX_NAME_BYTES} bytes.`, param);
    }
  }
  const bytes = Buffer.byteLength(segments.join('/'));
  if (bytes > MAX_PATH_BYTES) {
    throw badRequest(`The path is longer than ${MAX_PATH_BYTES} bytes (it has ${bytes}).`, param);
  }
  return segments;
}

export const isInside = (root: string, candidate: string) =>
  candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** The real target of the link at `linkPath` when it is inside `home`; undefined when it points out or nowhere. */
export async function linkTargetInside(home: string, linkPath: string): Promise<string | undefined> {
  try {
    const target = await fs.realpath(linkPath);
    return isInside(home, target) ? target : undefined;
  } catch (err) {
    if (isFsError(err, 'ENOENT', 'ELOOP', 'ENOTDIR', 'EACCES')) return undefined;
    throw err;
  }
}

/**
 * Home as the host made it, or why not: a 404 when the sandbox is gone (expired or deleted after the
 * session was looked up), a HomeReplacedError when home or a folder above it is a link or not a folder.
 */
export async function realHome(sandbox: SandboxHome): Promise<{ dir: string; stat: Stats }> {
  const gone = () => notFound('The session has no sandbox any more.');
  let dir: string;
  try {
    dir = await fs.realpath(sandbox.root);
  } catch (err) {
    if (isFsError(err, 'ENOENT')) throw gone();
    throw err;
  }
  let stat = await fs.lstat(dir);
  for (const folder of sandbox.folders) {
    dir = path.join(dir, folder);
    try {
      stat = await fs.lstat(dir);
    } catch (err) {
      if (isFsError(err, 'ENOENT')) throw gone();
      throw err;
    }
    // lstat: a link to a folder is not the folder the host made.
    if (!stat.isDirectory()) throw new HomeReplacedError();
  }
  return { dir, stat };
}

/** Resolves `input` inside the session home at `sandbox`; see the top of this file for the rules. */
export async function resolveInHome(
  sandbox: SandboxHome,
  input: string,
  resolution: Resolution = 'follow',
  param = 'path',
): Promise<HomePath> {
  const segments = parseClientPath(input, param);
  const rel = segments.length === 0 ? '.' : segments.join('/');
  const onDisk = (p: string) => {
    const bytes = Buffer.byteLength(p);
    if (bytes > MAX_PATH_BYTES) {
      throw badRequest(
        `The path is too long for this host: in the session home it comes to ${bytes} bytes on disk, ` +
          `more than the ${MAX_PATH_BYTES} a path may have.`,
        param,
      );
    }
    return p;
  };
  const { dir: home, stat: homeStat } = await realHome(sandbox);
  let abs = home;
  let stat = homeStat;
  for (const [i, segment] of segments.entries()) {
    const missing = () => onDisk(path.join(abs, ...segments.slice(i)));
    if (!stat.isDirectory()) return { rel, home, abs: missing(), blockedBy: segments.slice(0, i).join('/') };
    const next = onDisk(path.join(abs, segment));
    let entry: Stats;
    try {
      entry = await fs.lstat(next);
    } catch (err) {
      if (isFsError(err, 'ENOENT')) return { rel, home, abs: missing() };
      // The folder was replaced by a file since it was looked at.
      if (isFsError(err, 'ENOTDIR'))
        return { rel, home, abs: missing(), blockedBy: segments.slice(0, i).join('/') };
      throw err;
    }
    const last = i === segments.length - 1;
    if (entry.isSymbolicLink() && !(last && resolution === 'entry')) {
      const target = await linkTargetInside(home, next);
      if (target === undefined) {
        const here = segments.slice(0, i + 1).join('/');
        throw badRequest(
          `'${here}' is a symbolic link that does not lead to a place inside the session home.`,
          param,
        );
      }
      abs = onDisk(target);
      stat = await fs.stat(target);
    } else {
      abs = next;
      stat = entry;
    }
  }
  return { rel, home, abs, stat };
}

/**
 * What a file system error about a client's path means to the client, when it means the path cannot be
 * used (too long, too many links, a file where a folder should be); undefined for any other error.
 */
export function pathError(err: unknown, param = 'path'): HttpError | undefined {
  if (isFsError(err, 'ENAMETOOLONG')) {
    return badRequest(
      `The path is too long for the file system: a path may have at most ${MAX_PATH_BYTES} bytes, ` +
        `a name ${MAX_NAME_BYTES}.`,
      param,
    );
  }
  if (isFsError(err, 'ELOOP')) return badRequest('The path goes through too many symbolic links.', param);
  if (isFsError(err, 'ENOTDIR')) {
    return badRequest('A part of the path is a file, where a folder would have to be.', param);
  }
  return undefined;
}

/** mkdir that is fine when the folder is there; a missing parent is a 404 (the sandbox is gone). */
export async function makeDir(dir: string): Promise<boolean> {
  try {
    await fs.mkdir(dir);
    return true;
  } catch (err) {
    if (isFsError(err, 'EEXIST')) return false;
    if (isFsError(err, 'ENOENT')) throw notFound('The session has no sandbox any more.');
    throw err;
  }
}

/**
 * Creates the missing folders above `target` one level at a time from home, never recursively from the
 * top: a sandbox removed meanwhile (session deleted or expired) must not be brought back by an upload.
 * Gives back what undoes it: removing the folders it made, deepest first, as long as they are still empty
 * (something else may have been put in them meanwhile). A failure part way undoes itself.
 */
export async function makeParents(target: HomePath): Promise<() => Promise<void>> {
  const made: string[] = [];
  const undo = async () => {
    for (const dir of made.reverse()) {
      try {
        await fs.rmdir(dir);
      } catch (err) {
        if (!isFsError(err, 'ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR')) throw err;
      }
    }
    made.length = 0;
  };
  let dir = target.home;
  const missing = path.relative(target.home, path.dirname(target.abs)).split(path.sep).filter(Boolean);
  try {
    for (const segment of missing) {
      dir = path.join(dir, segment);
      if (await makeDir(dir)) made.push(dir);
    }
  } catch (err) {
    await undo();
    throw err;
  }
  return undo;
}

export function isFsError(err: unknown, ...codes: string[]): err is NodeJS.ErrnoException {
  return err instanceof Error && codes.includes((err as NodeJS.ErrnoException).code ?? '');
}
