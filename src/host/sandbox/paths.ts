import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { badRequest, notFound } from '../errors';

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
 *   - a name longer than 255 bytes (no file system the host runs on can hold it).
 * Then every existing component is looked at from home downwards; a symbolic link is followed only when
 * its real target is inside the real home (else a 400). An agent that swaps a link between this check and
 * the use of the path can still win the race; the local host isolates by process and folder, not by VM,
 * and the agent already runs with the host user's rights. The check keeps API callers inside home.
 */

export interface HomePath {
  /** The normalised client path: `/`-separated, relative to home, `.` for home itself. */
  rel: string;
  /** The real location of home. */
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

const MAX_NAME_BYTES = 255;

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

/** Resolves `input` inside the session home at `homeDir`; see the top of this file for the rules. */
export async function resolveInHome(
  homeDir: string,
  input: string,
  resolution: Resolution = 'follow',
  param = 'path',
): Promise<HomePath> {
  const segments = parseClientPath(input, param);
  const rel = segments.length === 0 ? '.' : segments.join('/');
  let home: string;
  try {
    home = await fs.realpath(homeDir);
  } catch (err) {
    // The sandbox went away (expired or deleted) after the session was looked up.
    if (isFsError(err, 'ENOENT')) throw notFound('The session has no sandbox any more.');
    throw err;
  }
  let abs = home;
  let stat = await fs.stat(home);
  for (const [i, segment] of segments.entries()) {
    if (!stat.isDirectory()) {
      return {
        rel,
        home,
        abs: path.join(abs, ...segments.slice(i)),
        blockedBy: segments.slice(0, i).join('/'),
      };
    }
    const next = path.join(abs, segment);
    let entry: Stats;
    try {
      entry = await fs.lstat(next);
    } catch (err) {
      if (isFsError(err, 'ENOENT')) return { rel, home, abs: path.join(abs, ...segments.slice(i)) };
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
      abs = target;
      stat = await fs.stat(target);
    } else {
      abs = next;
      stat = entry;
    }
  }
  return { rel, home, abs, stat };
}

export function isFsError(err: unknown, ...codes: string[]): err is NodeJS.ErrnoException {
  return err instanceof Error && codes.includes((err as NodeJS.ErrnoException).code ?? '');
}
