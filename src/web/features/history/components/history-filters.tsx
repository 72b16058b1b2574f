import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { controlClass } from '../../../components/ui/input';
import { cn } from '../../../lib/cn';
import {
  fromLocalInput,
  shownTypes,
  toggleType,
  toLocalInput,
  TIMELINE_TYPES,
  type TimelineFilter,
  type TimelineType,
} from '../model/timeline-search';

const TYPE_LABEL: Record<TimelineType, string> = { event: 'Events', audit: 'Audit entries', gap: 'Gaps' };

interface HistoryFiltersProps {
  filter: TimelineFilter;
  onChange: (filter: TimelineFilter) => void;
}

/** Which types and which time range the time line shows; every change goes to the URL at once. */
export function HistoryFilters({ filter, onChange }: HistoryFiltersProps) {
  const shown = shownTypes(filter);
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3 rounded-lg border bg-surface px-4 py-3 shadow-xs sm:px-6">
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <legend className="mb-1.5 text-sm font-medium">Show</legend>
        {TIMELINE_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={shown.includes(type)}
              onChange={() => onChange(toggleType(filter, type))}
            />
            {TYPE_LABEL[type]}
          </label>
        ))}
      </fieldset>
      {/* Keyed by the URL's range, so Back or a new link refills the inputs. */}
      <RangeForm key={`${filter.from ?? ''}|${filter.to ?? ''}`} filter={filter} onChange={onChange} />
    </div>
  );
}

function RangeForm({ filter, onChange }: HistoryFiltersProps) {
  const [from, setFrom] = useState(toLocalInput(filter.from));
  const [to, setTo] = useState(toLocalInput(filter.to));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { from: _from, to: _to, ...rest } = filter;
    const nextFrom = fromLocalInput(from);
    const nextTo = fromLocalInput(to);
    onChange({ ...rest, ...(nextFrom && { from: nextFrom }), ...(nextTo && { to: nextTo }) });
  };
  const ranged = Boolean(filter.from || filter.to);
  return (
    <form onSubmit={submit} aria-label="Time range" className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1.5 text-sm font-medium">
        From
        <input
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          className={cn(controlClass, 'h-9 w-auto')}
        />
      </label>
      <label className="flex flex-col gap-1.5 text-sm font-medium">
        To
        <input
          type="datetime-local"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          className={cn(controlClass, 'h-9 w-auto')}
        />
      </label>
      <Button type="submit" variant="secondary">
        Apply range
      </Button>
      {ranged ? (
        <Button
          variant="ghost"
          onClick={() => {
            const { from: _from, to: _to, ...rest } = filter;
            onChange(rest);
          }}
        >
          Any time
        </Button>
      ) : null}
    </form>
  );
}
