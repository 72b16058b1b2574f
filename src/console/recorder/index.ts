import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { CallPlaces } from '../audit/describe';
import { observeSessionCalls } from './observe';
import type { Recorder } from './recorder';

export { Recorder, type RecorderTiming } from './recorder';

/**
 * Runs the recorder on the server that hosts the console: it starts once the server listens (it calls
 * the server's own address), stops its streams before the server closes them, and follows the calls
 * people make. `app` is the root, so the hook sees every route.
 */
export function attachRecorder(app: FastifyInstance, recorder: Recorder, places: CallPlaces): void {
  observeSessionCalls(app, recorder, places);
  app.addHook('onListen', async () => {
    const origin = originOf(app.server.address());
    if (origin) recorder.start(origin);
  });
  app.addHook('preClose', async () => {
    recorder.halt();
  });
}

/** The server's own address as a URL its Host check accepts: a wildcard bind is reached on loopback. */
function originOf(address: string | AddressInfo | null): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  let host = address.address;
  if (host === '0.0.0.0' || host === '') host = '127.0.0.1';
  else if (host === '::') host = '::1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
