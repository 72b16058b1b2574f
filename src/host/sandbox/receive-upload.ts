import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Transform, finished, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_UPLOAD_BYTES } from '@contract';
import { HttpError, tooLarge } from '../errors';
import { collectYoungGarbage } from '../young-garbage';
import { isFsError } from './paths';

/** The slowest an upload may come: at least `minBytes` in every `windowMs` (HostOptions.uploadRateWindowSeconds). */
export interface RateFloor {
  windowMs: number;
  minBytes: number;
}

export const uploadTooLarge = () =>
  tooLarge(`A file upload may hold at most ${MAX_UPLOAD_BYTES} bytes (50 MiB).`);

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
 * (and keeps the host from closing). Piped, it stays readable for the route to drain after its answer.
 */
export async function receive(body: Readable, file: string, floor: RateFloor): Promise<number> {
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
export async function syncDir(dir: string): Promise<void> {
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
