import type { RecordingControl } from './recording-control';

/**
 * Stands in for the recorder until the console has one: it records nothing, so every session reads as not
 * recording, while the history API still answers from what the store holds.
 */
export const NO_RECORDER: RecordingControl = {
  consider: () => undefined,
  unpin: () => undefined,
  isRecording: () => false,
  recordingNow: () => 0,
};
