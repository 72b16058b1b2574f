import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
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
} from '@contract';
import { HttpError } from '../errors';
import { SessionFiles } from '../sandbox/files';
import { pathError } from '../sandbox/paths';
import { uploadTooLarge } from '../sandbox/receive-upload';

/**
 * The session files API over HTTP: who may call, what the answer looks like, and the upload body's
 * connection. What is done on disk is SessionFiles' (sandbox/files.ts).
 */

const SessionParams = Type.Object({ agent_name: Type.String(), session_id: Type.String() });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** The raw bytes of a download; Fastify sends a stream or buffer as it is, unserialised. */
const FileBytes = Type.Unsafe<Readable | Buffer>({ type: 'string', format: 'binary' });
/** An upload's body is read by the handler as a stream, never validated, so this only describes it. */
const UPLOAD_BODY = {
  contentType: 'application/octet-stream',
  description:
    `The file's bytes, as they are. At most ${MAX_UPLOAD_BYTES} bytes (50 MiB): a larger Content-Length, ` +
    'or a body that grows past it, is refused with a 413 and nothing is written.',
};

/**
 * After an early answer the client may still be sending; this much more is read and dropped, then the
 * connection is cut. Enough for a whole body just over the upload limit, so a browser that sent one
 * reads the 413 instead of a reset.
 */
const DRAIN_BYTES = MAX_UPLOAD_BYTES + 16 * 1024 * 1024;
const DRAIN_MS = 5000;

const filesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, layout, logs, options } = app.host;
  const files = new SessionFiles(layout, (agent, id, message) => logs.append(agent, id, 'status', message), {
    windowMs: options.uploadRateWindowSeconds * 1000,
    minBytes: options.uploadMinBytesPerWindow,
  });

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

  const base = '/agents/:agent_name/endpoint/sessions/:session_id';

  app.get(
    `${base}/files`,
    {
      schema: {
        operationId: 'listFiles',
        params: SessionParams,
        querystring: FileListQuery,
        response: { 200: FileList, ...errors },
      },
    },
    async (request) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.requireSandbox(agent, id);
      const { path, ...page } = request.query;
      return files.list(agent, id, path ?? '.', page);
    },
  );

  app.put(
    `${base}/files/content`,
    {
      config: { rawBody: UPLOAD_BODY },
      schema: {
        operationId: 'uploadFile',
        params: SessionParams,
        querystring: FilePathQuery,
        response: { 201: UploadResult, ...errors, 408: ErrorBody, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.assertOwner(sessions.requireSandbox(agent, id), request.headers[ISOLATION_KEY_HEADER]);
      if (Number(request.headers['content-length']) > MAX_UPLOAD_BYTES) throw uploadTooLarge();
      // No body at all (Content-Length 0) reaches here as undefined: an empty file.
      const body = (request.body as Readable | undefined) ?? Readable.from([]);
      let written: UploadResult;
      try {
        written = await files.write(agent, id, request.query.path, body);
      } catch (err) {
        // The client is still sending, too slowly to be worth reading: answer and hang up.
        if (err instanceof HttpError && err.statusCode === 408) reply.header('connection', 'close');
        throw err;
      }
      sessions.touch(agent, id);
      reply.status(201);
      return written;
    },
  );

  app.get(
    `${base}/files/content`,
    {
      schema: {
        operationId: 'downloadFile',
        params: SessionParams,
        querystring: FilePathQuery,
        response: { 200: FileBytes, ...errors },
      },
    },
    async (request, reply) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.requireSandbox(agent, id);
      const file = await files.read(agent, id, request.query.path);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeFilename(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );

  app.delete(
    `${base}/files`,
    {
      schema: {
        operationId: 'deleteFile',
        params: SessionParams,
        querystring: FileDeleteQuery,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { agent_name: agent, session_id: id } = request.params;
      sessions.assertOwner(sessions.requireSandbox(agent, id), request.headers[ISOLATION_KEY_HEADER]);
      await files.remove(agent, id, request.query.path, request.query.recursive === true);
      sessions.touch(agent, id);
      return reply.status(204).send(null);
    },
  );
};

export default filesRoutes;

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

/** RFC 8187 value characters; everything else (quotes, brackets, spaces, non-ASCII) is percent-encoded. */
function encodeFilename(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
