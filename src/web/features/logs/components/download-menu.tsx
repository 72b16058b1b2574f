import { Download } from 'lucide-react';
import { Popover, PopoverHeading, PopoverItem } from '../../../components/ui/popover';
import { useLogPane } from './log-pane-context';
import { ToolButton } from './tool-button';
import { formatNumber } from '../../../lib/format';

const FORMATS = ['log', 'jsonl'] as const;

/** Downloads the pane's shown lines, or everything it holds, as plain text or JSON lines. */
export function DownloadMenu({ compact }: { compact?: boolean }) {
  const pane = useLogPane();
  return (
    <Popover
      label="Download"
      trigger={(p) => (
        <ToolButton
          {...p}
          icon={<Download aria-hidden="true" />}
          label="Download"
          title="Download lines"
          showLabel={compact ? 'never' : 'lg'}
        />
      )}
    >
      {(close) => (
        <>
          <PopoverHeading>Shown lines ({formatNumber(pane.shownCount)})</PopoverHeading>
          {FORMATS.map((f) => (
            <PopoverItem
              key={`shown-${f}`}
              onClick={() => {
                pane.download('shown', f);
                close();
              }}
            >
              <Download aria-hidden="true" />
              Shown as .{f}
            </PopoverItem>
          ))}
          <PopoverHeading>Everything held ({formatNumber(pane.heldCount)})</PopoverHeading>
          {FORMATS.map((f) => (
            <PopoverItem
              key={`all-${f}`}
              onClick={() => {
                pane.download('all', f);
                close();
              }}
            >
              <Download aria-hidden="true" />
              All held as .{f}
            </PopoverItem>
          ))}
        </>
      )}
    </Popover>
  );
}
