import { Eraser, Link2, MoreHorizontal, Pause, Play } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { MAX_BUFFER_LINES, MIN_BUFFER_LINES } from '../lib/log-buffer';
import { DownloadMenu } from './download-menu';
import { useLogPane } from './log-pane-context';
import { Popover, PopoverItem } from '../../../components/ui/popover';
import { ToolButton } from './tool-button';
import { formatNumber } from '../../../lib/format';

const BUFFER_CHOICES = [10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000].filter(
  (n) => n >= MIN_BUFFER_LINES && n <= MAX_BUFFER_LINES,
);

interface PaneActionsProps {
  /** The buffer size choice lives in the URL too. */
  bufferLines: number;
  onBufferLines: (n: number) => void;
  /** Extra entries for the "More" panel (full window, compare, …). */
  more?: (close: () => void) => ReactNode;
  compact?: boolean;
}

/** What acts on the lines of the pane it sits in: pause, download, clear, and the rest under "More". */
export function PaneActions({ bufferLines, onBufferLines, more, compact }: PaneActionsProps) {
  const pane = useLogPane();
  const bufferId = useId();
  return (
    <div className="flex items-center gap-0.5">
      <ToolButton
        icon={pane.paused ? <Play aria-hidden="true" /> : <Pause aria-hidden="true" />}
        label="Pause"
        title={
          pane.paused
            ? 'Resume: show the lines that arrived while paused'
            : 'Pause: keep receiving, stop scrolling'
        }
        pressed={pane.paused}
        onClick={pane.togglePause}
        showLabel={compact ? 'never' : 'md'}
      />
      <DownloadMenu compact={compact} />
      <ToolButton
        icon={<Eraser aria-hidden="true" />}
        label="Clear"
        title="Clear the lines held here (the session keeps its log)"
        onClick={pane.clear}
        showLabel={compact ? 'never' : 'lg'}
      />
      <Popover
        label="More log actions"
        trigger={(p) => (
          <ToolButton {...p} icon={<MoreHorizontal aria-hidden="true" />} label="More" showLabel="never" />
        )}
      >
        {(close) => (
          <>
            <div className="px-2.5 py-1.5">
              <label htmlFor={bufferId} className="block text-xs font-medium text-muted-foreground">
                Lines held in this console
              </label>
              <select
                id={bufferId}
                value={bufferLines}
                onChange={(e) => onBufferLines(Number(e.target.value))}
                className="mt-1 h-8 w-full rounded-md border border-input bg-surface px-2 text-sm"
              >
                {(BUFFER_CHOICES.includes(bufferLines)
                  ? BUFFER_CHOICES
                  : [...BUFFER_CHOICES, bufferLines].sort((a, b) => a - b)
                ).map((n) => (
                  <option key={n} value={n}>
                    {formatNumber(n)} lines
                  </option>
                ))}
              </select>
              <p className="mt-1 text-xs text-muted-foreground">When full, the oldest lines go first.</p>
            </div>
            {more?.(close)}
          </>
        )}
      </Popover>
    </div>
  );
}

/** The single-session "More" entry: a link to exactly this view (filters, search, display). */
export function CopyViewLinkItem({ close, onCopy }: { close: () => void; onCopy: () => void }) {
  return (
    <>
      <div className="my-1 border-t" />
      <PopoverItem
        onClick={() => {
          onCopy();
          close();
        }}
      >
        <Link2 aria-hidden="true" />
        Copy link to this view
      </PopoverItem>
    </>
  );
}
