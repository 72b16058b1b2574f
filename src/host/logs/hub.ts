import type { LogStream } from '../../contract';

// PLACEHOLDER until the log hub lands: same API, no persistence or subscribers.
export class LogHub {
  constructor(_opts: { heartbeatSeconds: number; logFile: (agent: string, id: string) => string }) {}
  append(_agent: string, _id: string, _stream: LogStream, _message: string): void {}
  close(_agent: string, _id: string): void {}
  async shutdown(): Promise<void> {}
}
