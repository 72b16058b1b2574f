import type { RecordingReason } from '@contract';

/** A session on one connection, as the console names it everywhere. */
export interface SessionRef {
  connection: string;
  agent: string;
  session: string;
}

/**
 * What the history API asks of the recorder. The recorder writes the history tables; the API reads them
 * and, through this, asks for a session to be recorded (a pin) or tells it a session was seen.
 */
export interface RecordingControl {
  /** Start (or keep) recording a session for this reason. `pinned` lasts until `unpin`. */
  consider(ref: SessionRef, reason: RecordingReason): void;
  unpin(ref: SessionRef): void;
  /** Whether a stream for the session is open or being reopened now. */
  isRecording(ref: SessionRef): boolean;
  /** How many sessions have a stream open or being reopened now. */
  recordingNow(): number;
}
