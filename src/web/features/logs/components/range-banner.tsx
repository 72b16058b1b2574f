import { Link2, X } from 'lucide-react';
import { formatRange } from '../lib/console-options';
import type { RangeStatus } from '../hooks/use-range-link';

/** What became of the lines a link names, while they are not simply shown. */
export function RangeBanner({ status, onDismiss }: { status: RangeStatus; onDismiss: () => void }) {
  const text =
    status.kind === 'waiting'
      ? 'Waiting for the linked lines to arrive…'
      : status.kind === 'missing'
        ? `Lines ${formatRange(status.range).replace('-', '–')} are no longer held${status.oldest !== undefined ? `; the oldest line held is ${status.oldest}` : ''}.`
        : status.kind === 'partial'
          ? `Lines ${status.range.from}–${status.firstHeld - 1} of the link are no longer held; the rest is highlighted.`
          : '';
  return (
    <div
      role="status"
      className="flex items-center gap-2 border-b border-amber-400/30 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:bg-amber-400/10 dark:text-amber-100"
    >
      <Link2 aria-hidden="true" className="size-3.5 shrink-0" />
      <span className="min-w-0 flex-1">{text}</span>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss"
        className="rounded p-0.5 hover:bg-amber-400/20"
      >
        <X aria-hidden="true" className="size-3.5" />
      </button>
    </div>
  );
}
