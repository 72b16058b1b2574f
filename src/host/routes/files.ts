import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Readable, Transform, finished } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ErrorBody,
  FileDeleteQuery,
  FileList,
  FileListQuery,
  FilePathQuery,
  ISOLATION_KEY_HEADER,
  MAX_UPLOAD_BYTES,
  UploadResult,
  type FileEntry,
} from '@contract';
import { badRequest, conflict, HttpError, notFound, tooLarge } from '../errors';
import {
  HomeReplacedError,
  isFsError,
  linkTargetInside,
  makeDir,
  makeParents,
  pathError,
  realHome,
  resolveInHome,
  type HomePath,
  type Resolution,
} from '../sandbox/paths';
import { DEFAULT_LIMIT } from '../store/paging';
import { collectYoungGarbage } from '../young-garbage';

/**
 * The session files API. Uploads stream into the session's tmp folder (outside home, same file system),
 * are fsynced and then renamed into place, and are acknowledged only after the rename: a crash leaves
 * either the old file or the new one, and startup recovery empties tmp.
 */

const SessionParams = Type.Object({ agent_name: Type.String(), session_id: Type.String() });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** The raw bytes of a download; Fastify sends a stream or buffer as it is, unserialised. */
const FileBytes = Type.Unsafe<Readable | Buffer>({ type: 'string', format: 'binary' });

/**
 * After an early answer the client may still be sending; this much more is read and dropped, then the
 * connection is cut. Enough for a whole body just over the upload limit, so a browser that sent one
 * reads the 413 instead of a reset.
 */
const DRAIN_BYTES = MAX_UPLOAD_BYTES + 16 * 1024 * 1024;
const DRAIN_MS = 5000;

const filesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, layout, logs, options } = app.host;
  const uploadFloor: RateFloor = {
    windowMs: options.uploadRateWindowSeconds * 1000,
    minBytes: options.uploadMinBytesPerWindow,
  };

  // Upload bodies are raw bytes of any type, handed to the handler as the unread request stream; the
  // app's bodyLimit only applies to parsers that buffer, so this one is bounded by the upload limit instead.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  // Any refusal (bad query, no session, not the owner, too large) may come while the client is still sending.
  app.addHook('onError', async (request) => drainAfterAnswer(request.raw));
  // A file system error about the client's path (too long, a loop of links) is the client's to fix, not a
  // 500; an error handler that throws hands its error on to the app's, which writes the body.
  app.setErrorHandler(async (error) => {
    throw pathError(error) ?? error;
  });

  /** A home that is no longer the folder the host made is said in the session's log as well. */
  const guarded = async <T>(agent: string, id: string, look: () => Promise<T>): Promise<T> => {
    try {
      return await look();
    } catch (err) {
      if (err instanceof HomeReplacedError) logs.append(agent, id, 'status', `Files API: ${err.message}`);
      throw err;
    }
  };
  const resolve = (agent: string, id: string, input: string, resolution?: Resolution) =>
    guarded(agent, id, () => resolveInHome(layout.sandboxHome(agent, id), input, resolution));

  const base = '/agents/:agent_name/endpoint/sessions/:session_id';

  app.get(
    `${base}/files`,
    { schema: { params: SessionParams, querystring: FileListQuery, response: { 200: FileList, ...errors } } },
    async (request) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.requireSandbox(agent, id);
      const target = await resolve(agent, id, request.query.path ?? '.');
      if (!target.stat) throw notFound(`There is no folder '${target.rel}' in the session home.`);
      if (!target.stat.isDirectory()) throw badRequest(`'${target.rel}' is a file, not a folder.`, 'path');
      return listFolder(target, request.query);
    },
  );

  app.put(
    `${base}/files/content`,
    {
      schema: {
        params: SessionParams,
        querystring: FilePathQuery,
        response: { 201: UploadResult, ...errors, 408: ErrorBody, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.assertOwner(sessions.requireSandbox(agent, id), request.headers[ISOLATION_KEY_HEADER]);
      if (Number(request.headers['content-length']) > MAX_UPLOAD_BYTES) throw uploadTooLarge();
      const target = await resolve(agent, id, request.query.path);
      assertWritable(target);
      const tmpDir = layout.tmp(agent, id);
      await makeDir(tmpDir);
      const tmpFile = path.join(tmpDir, `${randomUUID()}.upload`);
      let bytes: number;
      let undoParents: (() => Promise<void>) | undefined;
      try {
        // No body at all (Content-Length 0) reaches here as undefined: an empty file.
        const body = (request.body as Readable | undefined) ?? Readable.from([]);
        bytes = await receive(body, tmpFile, uploadFloor);
        // The body may have taken minutes; home must still be the folder the host made.
        await guarded(agent, id, () => realHome(layout.sandboxHome(agent, id)));
        undoParents = await makeParents(target);
        await fs.rename(tmpFile, target.abs);
      } catch (err) {
        await fs.rm(tmpFile, { force: true });
        await undoParents?.();
        // The client is still sending, too slowly to be worth reading: answer and hang up.
        if (err instanceof HttpError && err.statusCode === 408) reply.header('connection', 'close');
        throw writeError(err, target);
      }
      await syncDir(path.dirname(target.abs));
      sessions.touch(agent, id);
      reply.status(201);
      return { path: target.rel, bytes_written: bytes };
    },
  );

  app.get(
    `${base}/files/content`,
    {
      schema: { params: SessionParams, querystring: FilePathQuery, response: { 200: FileBytes, ...errors } },
    },
    async (request, reply) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.requireSandbox(agent, id);
      const target = await resolve(agent, id, request.query.path);
      if (!target.stat) throw notFound(`There is no file '${target.rel}' in the session home.`);
      if (target.stat.isDirectory()) {
        throw badRequest(`'${target.rel}' is a folder; only files can be downloaded.`, 'path');
      }
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
      reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', size)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeFilename(path.posix.basename(target.rel))}`,
        )
        .header('x-content-type-options', 'nosniff');
      if (size === 0) {
        await handle.close();
        return reply.send(Buffer.alloc(0));
      }
      // Exactly `size` bytes even if the file grows meanwhile, so Content-Length stays true.
      return reply.send(handle.createReadStream({ start: 0, end: size - 1 }));
    },
  );

  app.delete(
    `${base}/files`,
    {
      schema: {
        params: SessionParams,
        querystring: FileDeleteQuery,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.assertOwner(sessions.requireSandbox(agent, id), request.headers[ISOLATION_KEY_HEADER]);
      const target = await resolve(agent, id, request.query.path, 'entry');
      if (target.rel === '.') throw badRequest('The session home itself cannot be deleted.', 'path');
      if (!target.stat) throw notFound(`There is no '${target.rel}' in the session home.`);
      try {
        if (!target.stat.isDirectory()) await fs.unlink(target.abs);
        else if (request.query.recursive === true) await fs.rm(target.abs, { recursive: true, force: true });
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
      sessions.touch(agent, id);
      return reply.status(204).send(null);
    },
  );
};

export default filesRoutes;

const uploadTooLarge = () => tooLarge(`A file upload may hold at most ${MAX_UPLOAD_BYTES} bytes (50 MiB).`);

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

/** The slowest an upload may come: at least `minBytes` in every `windowMs` (HostOptions.uploadRateWindowSeconds). */
interface RateFloor {
  windowMs: number;
  minBytes: number;
}

const tooSlow = (floor: RateFloor) =>
  new HttpError(
    408,
    'request_timeout',
    `The upload came too slowly: fewer than ${floor.minBytes} bytes arrived in ` +
      `${floor.windowMs / 1000} seconds, so the host stopped waiting for it.`,
  );

/** How much of an upload arrives between two collections of its spent chunks. */
const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;

/**
 * Streams `body` into a new file at `file`, at most MAX_UPLOAD_BYTES of it, and makes it durable. A body
 * that comes slower than `floor` is cut off: a client trickling bytes would hold a socket and an open file
 * for as long as the whole request may take.
 * The request is piped rather than put in the pipeline: a pipeline would destroy the request on failure,
 * and then the rest of the body is never read, so a client still sending hangs on a stalled connection
 * (and keeps the host from closing). Piped, it stays readable for drainAfterAnswer.
 */
async function receive(body: Readable, file: string, floor: RateFloor): Promise<number> {
  let bytes = 0;
  let bytesAtCheck = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const before = bytes;
      bytes += chunk.length;
      // The chunks written so far are garbage outside the JS heap; without this they pile up to
      // tens of MB per upload before V8 collects them.
      if (Math.floor(before / COLLECT_EVERY_BYTES) !== Math.floor(bytes / COLLECT_EVERY_BYTES)) {
        collectYoungGarbage();
      }
      done(bytes > MAX_UPLOAD_BYTES ? uploadTooLarge() : null, chunk);
    },
  });
  // `flush` fsyncs before the close, and the pipeline settles only once the file is closed.
  const out = createWriteStream(file, { flags: 'wx', flush: true });
  const stopWatching = finished(body, (err) => {
    if (err) counter.destroy(err);
  });
  const rateCheck = setInterval(() => {
    // A disk that cannot keep up stops the reading; that is no fault of the client's.
    if (bytes - bytesAtCheck < floor.minBytes && !out.writableNeedDrain) counter.destroy(tooSlow(floor));
    bytesAtCheck = bytes;
  }, floor.windowMs);
  body.pipe(counter);
  try {
    await pipeline(counter, out);
  } catch (err) {
    // The caller removes the file; it must not be reopened or still open by then.
    if (!out.closed) await once(out, 'close');
    throw err;
  } finally {
    clearInterval(rateCheck);
    stopWatching();
    body.unpipe(counter);
  }
  return bytes;
}

/** Makes a rename durable across a power cut; a platform that cannot sync folders loses only that. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!isFsError(err, 'EISDIR', 'EPERM', 'EINVAL', 'EACCES')) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Reads and drops what is left of a request body after the answer is decided, so the client, which may
 * still be sending, gets to read the answer instead of a reset (RFC 9112, section 9.6); a client that
 * keeps sending past a bound is cut off.
 */
function drainAfterAnswer(request: IncomingMessage): void {
  if (request.complete || request.destroyed) return;
  let left = DRAIN_BYTES;
  const cut = () => request.socket.destroy();
  const timer = setTimeout(cut, DRAIN_MS).unref();
  request.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) cut();
  });
  request.once('close', () => clearTimeout(timer));
  request.resume();
}

async function listFolder(
  folder: HomePath,
  query: { limit?: number; order?: 'asc' | 'desc'; after?: string; before?: string },
): Promise<FileList> {
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

/** RFC 8187 value characters; everything else (quotes, brackets, spaces, non-ASCII) is percent-encoded. */
function encodeFilename(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
