/** One server-sent event: its `id:` when it had one (absent, not empty, when it did not), and its data. */
export interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

/**
 * Splits a text/event-stream into frames as the WHATWG parser does for the fields this console reads
 * (`id`, `event`, `data`), fed chunk by chunk. Written here rather than taken from a package: it is a
 * few lines, and the recorder needs to know whether a frame carried an id itself, which the spec's
 * "last event id" (carried over from earlier frames) hides.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private hasData = false;
  private readonly decoder = new TextDecoder();

  constructor(private readonly onFrame: (frame: SseFrame) => void) {}

  push(chunk: Uint8Array): void {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const nl = this.nextBreak(start);
      if (nl === -1) break;
      const line = this.buffer.slice(start, nl);
      // A CR LF pair is one line break.
      start = this.buffer[nl] === '\r' && this.buffer[nl + 1] === '\n' ? nl + 2 : nl + 1;
      this.line(line);
    }
    this.buffer = this.buffer.slice(start);
  }

  private nextBreak(from: number): number {
    const lf = this.buffer.indexOf('\n', from);
    const cr = this.buffer.indexOf('\r', from);
    if (cr === -1) return lf;
    // A CR at the very end may be the first half of a CR LF that has not arrived yet.
    if (cr === this.buffer.length - 1) return lf === -1 ? -1 : Math.min(lf, cr);
    return lf === -1 ? cr : Math.min(lf, cr);
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'event') {
      this.event = value;
    } else if (field === 'id' && !value.includes('\0')) {
      this.id = value;
    }
  }

  private dispatch(): void {
    if (this.hasData) {
      const frame: SseFrame = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.id !== undefined && this.id !== '') frame.id = this.id;
      this.onFrame(frame);
    }
    this.data = [];
    this.hasData = false;
    this.event = '';
    this.id = undefined;
  }
}
