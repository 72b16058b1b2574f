import { LOG_EVENT, type LogLine } from '@contract';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  // Proxies that buffer responses (nginx and friends) would hold frames back until the stream ends.
  'x-accel-buffering': 'no',
} as const;

/** A stored line: its id goes out with it, so `Last-Event-ID` names exactly this line. */
export const logFrame = (id: number, data: string) => `id: ${id}\nevent: ${LOG_EVENT}\ndata: ${data}\n\n`;

/**
 * A status line for one connection only (connected, lines lost or dropped, stream ending). It carries no
 * `id:`, so a client's last event id keeps naming the last stored line it got and a resume stays exact.
 * A notice about the lines after it is dated by the first of them, so a stream's times never go backwards.
 */
export function noticeFrame(message: string, timestamp = new Date().toISOString()): string {
  const line: LogLine = { timestamp, stream: 'status', message };
  return `event: ${LOG_EVENT}\ndata: ${JSON.stringify(line)}\n\n`;
}
