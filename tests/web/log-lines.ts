import type { LineStream, ParsedFrame } from '../../src/web/features/logs/lib/frame';
import { LogStore } from '../../src/web/features/logs/lib/log-store';

/** A line as the stream parser hands it over: stdout unless told, and a status frame on the status stream. */
export function logLine(
  message: string,
  { id, stream = 'stdout' }: { id?: number; stream?: LineStream } = {},
): ParsedFrame {
  return {
    id,
    kind: stream === 'status' ? 'status' : 'line',
    stream,
    streamName: undefined,
    time: undefined,
    message,
    raw: false,
    status: undefined,
    gap: undefined,
  };
}

/** A store that moves frames into its buffer only when `addTo` says so: no test waits on a timer. */
export function storeOf(frames: readonly ParsedFrame[] = []): LogStore {
  const store = new LogStore({ bufferLines: 100, schedule: () => () => {} });
  addTo(store, frames);
  return store;
}

export function addTo(store: LogStore, frames: readonly ParsedFrame[]) {
  store.ingest(frames);
  store.flush();
}
