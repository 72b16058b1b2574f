import { Link2 } from 'lucide-react';
import { formatNumber } from '../../../lib/format';

/** Under the lines while some are selected: copy them, copy a link to them, or let go. */
export function SelectionBar({
  count,
  onCopy,
  onCopyLink,
  onClear,
}: {
  count: number;
  onCopy: () => void;
  onCopyLink: (() => void) | undefined;
  onClear: () => void;
}) {
  const button =
    'inline-flex items-center gap-1 rounded border border-zinc-600 px-2 py-0.5 font-medium text-zinc-100 hover:bg-zinc-700';
  return (
    <div
      role="group"
      aria-label="Selected lines"
      className="flex flex-wrap items-center gap-2 border-t border-amber-300/30 bg-[#1f1c12] px-3 py-1.5 text-xs text-amber-100"
    >
      <span className="font-medium">
        {formatNumber(count)} {count === 1 ? 'line' : 'lines'} selected
      </span>
      <span className="text-amber-100/70">Shift+click a line number to extend</span>
      <span className="ml-auto flex flex-wrap gap-1.5">
        <button type="button" className={button} onClick={onCopy}>
          Copy lines
        </button>
        {onCopyLink ? (
          <button type="button" className={button} onClick={onCopyLink}>
            <Link2 aria-hidden="true" className="size-3.5" />
            Copy link to lines
          </button>
        ) : null}
        <button type="button" className={button} onClick={onClear}>
          Clear selection
        </button>
      </span>
    </div>
  );
}
