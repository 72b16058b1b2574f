import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileList, UploadResult } from '@contract';
import { badRequest, conflict, notFound } from '../errors';
import type { SandboxLayout } from './layout';
import { listFolder, type FolderPageQuery } from './list-folder';
import {
  HomeReplacedError,
  isFsError,
  makeDir,
  makeParents,
  pathError,
  realHome,
  resolveInHome,
  type HomePath,
  type Resolution,
} from './paths';
import { receive, syncDir, type RateFloor } from './receive-upload';

/** A file opened for reading: exactly `size` bytes, even if the agent goes on writing to it. */
export interface OpenedFile {
  name: string;
  size: number;
  body: Readable | Buffer;
}

/**
 * The file-system side of the session files API, on paths a client gave. Uploads stream into the
 * session's tmp folder (outside home, same file system), are fsynced and then renamed into place, and
 * are done only after the rename: a crash leaves either the old file or the new one, and startup
 * recovery empties tmp. Whether the session exists and who may change it is the caller's to check first.
 */
export class SessionFiles {
  constructor(
    private readonly layout: SandboxLayout,
    /** Says something in the session's log. */
    private readonly note: (agent: string, id: string, message: string) => void,
    private readonly uploadFloor: RateFloor,
  ) {}

  /** The folder at `rel`, one page of it. */
  async list(agent: string, id: string, rel: string, query: FolderPageQuery): Promise<FileList> {
    const target = await this.resolve(agent, id, rel);
    if (!target.stat) throw notFound(`There is no folder '${target.rel}' in the session home.`);
    if (!target.stat.isDirectory()) throw badRequest(`'${target.rel}' is a file, not a folder.`, 'path');
    return listFolder(target, query);
  }

  /** Puts `body` at `rel` whole or not at all; a 408 from a body too slow to wait for passes through. */
  async write(agent: string, id: string, rel: string, body: Readable): Promise<UploadResult> {
    const target = await this.resolve(agent, id, rel);
    assertWritable(target);
    const tmpDir = this.layout.tmp(agent, id);
    await makeDir(tmpDir);
    const tmpFile = path.join(tmpDir, `${randomUUID()}.upload`);
    let bytes: number;
    let undoParents: (() => Promise<void>) | undefined;
    try {
      bytes = await receive(body, tmpFile, this.uploadFloor);
      // The body may have taken minutes; home must still be the folder the host made.
      await this.guarded(agent, id, () => realHome(this.layout.sandboxHome(agent, id)));
      undoParents = await makeParents(target);
      await fs.rename(tmpFile, target.abs);
    } catch (err) {
      await fs.rm(tmpFile, { force: true });
      await undoParents?.();
      throw writeError(err, target);
    }
    await syncDir(path.dirname(target.abs));
    return { path: target.rel, bytes_written: bytes };
  }

  /** Opens the file at `rel` for a download. */
  async read(agent: string, id: string, rel: string): Promise<OpenedFile> {
    const target = await this.resolve(agent, id, rel);
    if (!target.stat) throw notFound(`There is no file '${target.rel}' in the session home.`);
    if (target.stat.isDirectory()) {
      throw badRequest(`'${target.rel}' is a folder; only files can be downloaded.`, 'path');
    }
    const name = path.posix.basename(target.rel);
    const handle = await fs.open(target.abs, 'r');
    let size: number;
    try {
      // The size of what was opened, not of what was looked at: the agent may be replacing the file.
      const opened = await handle.stat();
      if (!opened.isFile()) throw badRequest(`'${target.rel}' is not a regular file.`, 'path');
      size = opened.size;
    } catch (err) {
      await handle.close();
      throw err;
    }
    if (size === 0) {
      await handle.close();
      return { name, size, body: Buffer.alloc(0) };
    }
    // Exactly `size` bytes even if the file grows meanwhile, so a Content-Length stays true.
    return { name, size, body: handle.createReadStream({ start: 0, end: size - 1 }) };
  }

  /** Deletes the file or folder at `rel`; a folder with anything in it only when `recursive`. */
  async remove(agent: string, id: string, rel: string, recursive: boolean): Promise<void> {
    const target = await this.resolve(agent, id, rel, 'entry');
    if (target.rel === '.') throw badRequest('The session home itself cannot be deleted.', 'path');
    if (!target.stat) throw notFound(`There is no '${target.rel}' in the session home.`);
    try {
      if (!target.stat.isDirectory()) await fs.unlink(target.abs);
      else if (recursive) await fs.rm(target.abs, { recursive: true, force: true });
      else {
        const count = (await fs.readdir(target.abs)).length;
        if (count > 0) throw notEmpty(target.rel, count);
        await fs.rmdir(target.abs);
      }
    } catch (err) {
      if (isFsError(err, 'ENOENT')) throw notFound(`There is no '${target.rel}' in the session home.`);
      if (isFsError(err, 'ENOTEMPTY', 'EEXIST')) {
        throw notEmpty(target.rel, (await fs.readdir(target.abs)).length);
      }
      throw err;
    }
  }

  private resolve(agent: string, id: string, input: string, resolution?: Resolution): Promise<HomePath> {
    return this.guarded(agent, id, () =>
      resolveInHome(this.layout.sandboxHome(agent, id), input, resolution),
    );
  }

  /** A home that is no longer the folder the host made is said in the session's log as well. */
  private async guarded<T>(agent: string, id: string, look: () => Promise<T>): Promise<T> {
    try {
      return await look();
    } catch (err) {
      if (err instanceof HomeReplacedError) this.note(agent, id, `Files API: ${err.message}`);
      throw err;
    }
  }
}

const notEmpty = (rel: string, count: number) =>
  conflict(
    `The folder '${rel}' is not empty: it holds ${count} ${count === 1 ? 'entry' : 'entries'}. ` +
      'Send recursive=true to delete it with everything in it.',
    'recursive',
  );

/** Refuses, before any byte is read, an upload that could not be renamed into place. */
function assertWritable(target: HomePath): void {
  if (target.rel === '.') throw badRequest('The path must name a file, not the session home.', 'path');
  if (target.stat?.isDirectory()) {
    throw conflict(`'${target.rel}' is a folder; a file cannot replace it.`, 'path');
  }
  if (target.blockedBy !== undefined) {
    throw conflict(`'${target.blockedBy}' is a file, so it cannot hold '${target.rel}'.`, 'path');
  }
}

/** What a failed write means to the client; the disk changed under the request since it was checked. */
function writeError(err: unknown, target: HomePath): unknown {
  if (isFsError(err, 'EISDIR')) {
    return conflict(`'${target.rel}' is a folder; a file cannot replace it.`, 'path');
  }
  if (isFsError(err, 'ENOTDIR', 'EEXIST')) {
    return conflict(`A parent of '${target.rel}' is a file, so it cannot hold '${target.rel}'.`, 'path');
  }
  if (isFsError(err, 'ENOENT')) return notFound('The session has no sandbox any more.');
  return pathError(err) ?? err;
}
