import { useUploads } from '../hooks/use-upload-queue';
import type { UploadQueue } from '../model/upload-queue';
import { ConflictDialog } from './conflict-dialog';
import { LeaveGuard } from './leave-guard';
import { UploadPanel } from './upload-panel';

/**
 * The upload sheet, the questions about names already taken, and the guard against leaving: the parts
 * that follow every progress tick, so the listing beside them does not re-render with each.
 */
export function UploadSheet({ queue }: { queue: UploadQueue }) {
  const state = useUploads(queue);
  return (
    <>
      <UploadPanel
        state={state}
        onCancel={(id) => queue.cancel(id)}
        onCancelAll={() => queue.cancelAll()}
        onRetry={(id) => queue.retry(id)}
        onRetryFailed={() => queue.retryFailed()}
        onDismiss={(id) => queue.dismiss(id)}
        onClear={() => queue.clearFinished()}
      />
      <ConflictDialog
        conflicts={state.items.filter((i) => i.status === 'conflict')}
        onDecide={(id, decision, all) => queue.resolveConflict(id, decision, all)}
      />
      <LeaveGuard busy={state.totals.busy} onLeave={() => queue.cancelAll()} />
    </>
  );
}
