import { Clock, WrapText } from 'lucide-react';
import { TIME_MODES, type ConsoleOptions, type TimeMode } from '../lib/console-options';
import { ToolButton } from './tool-button';

const TIME_LABEL: Record<TimeMode, string> = {
  local: 'Local',
  utc: 'UTC',
  relative: 'Relative',
  off: 'No time',
};

/** How lines look: which timestamps, and whether long lines wrap. */
export function DisplayControls({
  options,
  update,
}: {
  options: ConsoleOptions;
  update: (patch: Partial<ConsoleOptions>) => void;
}) {
  return (
    <div className="flex items-center gap-1">
      <label
        title="Timestamps"
        className="inline-flex h-8 items-center gap-1 rounded-md border border-input bg-surface pr-1 pl-2 text-[13px] shadow-xs focus-within:border-ring"
      >
        <Clock aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        <select
          aria-label="Timestamps"
          value={options.time}
          onChange={(e) => update({ time: e.target.value as TimeMode })}
          className="h-full bg-transparent pr-1 outline-none"
        >
          {TIME_MODES.map((m) => (
            <option key={m} value={m}>
              {TIME_LABEL[m]}
            </option>
          ))}
        </select>
      </label>
      <ToolButton
        icon={<WrapText aria-hidden="true" />}
        label="Wrap lines"
        pressed={options.wrap}
        onClick={() => update({ wrap: !options.wrap })}
        showLabel="never"
      />
    </div>
  );
}
