import type { SessionHistory } from '@contract';
import { formatDateTime } from '../../../lib/format';
import { personText } from './describe-item';

const when = (iso: string) => formatDateTime(new Date(iso));

/**
 * The sentence a gone session's page leads with: how it went, when, through whom, and how long its
 * history stays. "Deleted at … through this console by alice (Alice); recorded logs and history are
 * kept until …".
 */
export function tombstoneSentence(history: SessionHistory): { title: string; sentence: string } {
  const { tombstone } = history;
  const keptUntil = tombstone?.kept_until ?? history.recording.kept_until;
  const kept = keptUntil
    ? `recorded logs and history are kept until ${when(keptUntil)}`
    : 'its history is kept for now';
  if (!tombstone) {
    const seen = history.last_seen ? `; it was last seen at ${when(history.last_seen)}` : '';
    const keptSentence = kept.charAt(0).toUpperCase() + kept.slice(1);
    return {
      title: 'Session no longer exists',
      sentence: `The server no longer has this session${seen}. ${keptSentence}.`,
    };
  }
  if (tombstone.how === 'expired') {
    return { title: 'Session expired', sentence: `Expired at ${when(tombstone.time)}; ${kept}.` };
  }
  const by = tombstone.by
    ? ` through this console by ${personText(tombstone.by)}`
    : ' (not through this console)';
  return { title: 'Session deleted', sentence: `Deleted at ${when(tombstone.time)}${by}; ${kept}.` };
}
