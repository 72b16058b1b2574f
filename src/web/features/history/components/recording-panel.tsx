import { useMutation } from '@tanstack/react-query';
import { Pin, PinOff } from 'lucide-react';
import type { RecordingReason, RecordingState } from '@contract';
import { InlineApiError } from '../../../components/api-error';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { formatNumber } from '../../../lib/format';
import { historyMutations, type HistoryRef } from '../api/history-queries';
import { IsoTime } from './iso-time';

const STATE_TEXT: Record<RecordingState['state'], { label: string; variant: 'success' | 'neutral' }> = {
  recording: { label: 'Recording now', variant: 'success' },
  idle: { label: 'Idle: kept, not listening now', variant: 'neutral' },
  never: { label: 'Never recorded', variant: 'neutral' },
};

const REASON_TEXT: Record<RecordingReason, string> = {
  active: 'the session is active',
  opened: 'it was opened in the console',
  created: 'it was created through the console',
  invoked: 'it was invoked through the console',
  pinned: 'someone pinned it with Record',
};

/** Whether the console keeps this session's log lines, since when and until when, and the Record pin. */
export function RecordingPanel({
  historyRef,
  recording,
  canPin = true,
}: {
  historyRef: HistoryRef;
  recording: RecordingState;
  /** False for a gone session: nothing is left to record. */
  canPin?: boolean;
}) {
  const pin = useMutation(historyMutations.pin(historyRef));
  const state = STATE_TEXT[recording.state];
  return (
    <section
      aria-label="Recording"
      className="rounded-lg border bg-surface px-4 py-4 text-sm shadow-xs sm:px-6"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <dl className="grid min-w-0 flex-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="text-muted-foreground">Recording</dt>
          <dd>
            <Badge variant={state.variant} dot>
              {state.label}
            </Badge>
            {recording.reasons.length > 0 ? (
              <span className="ml-2 text-xs text-muted-foreground">
                because {recording.reasons.map((r) => REASON_TEXT[r]).join(', ')}
              </span>
            ) : null}
          </dd>
          {recording.since ? (
            <>
              <dt className="text-muted-foreground">Since</dt>
              <dd>
                <IsoTime iso={recording.since} /> · {formatNumber(recording.lines)}{' '}
                {recording.lines === 1 ? 'line' : 'lines'} kept
              </dd>
            </>
          ) : null}
          {recording.kept_until ? (
            <>
              <dt className="text-muted-foreground">Kept until</dt>
              <dd>
                <IsoTime iso={recording.kept_until} />{' '}
                <span className="text-xs text-muted-foreground">(sooner if the size limit is reached)</span>
              </dd>
            </>
          ) : null}
        </dl>
        {canPin ? (
          <Button
            variant={recording.pinned ? 'primary' : 'secondary'}
            size="sm"
            aria-pressed={recording.pinned}
            disabled={pin.isPending}
            onClick={() => pin.mutate(!recording.pinned)}
            title={
              recording.pinned
                ? 'Pinned: the console records this session whatever else holds. Press to unpin.'
                : 'Keep recording this session whatever else holds.'
            }
          >
            {recording.pinned ? <Pin aria-hidden="true" /> : <PinOff aria-hidden="true" />}
            Record
          </Button>
        ) : null}
      </div>
      {pin.isError ? (
        <div className="mt-3">
          <InlineApiError error={pin.error} />
        </div>
      ) : null}
    </section>
  );
}
