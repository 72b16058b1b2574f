import { cn } from '../../../lib/cn';
import type { LineStream } from '../lib/frame';
import type { StreamToggles as Streams } from '../lib/log-view';

const STREAMS = ['stdout', 'stderr', 'status'] as const;

/** Shows or hides each stream's lines; a hidden stream's name is struck through. */
export function StreamToggles({
  streams,
  onChange,
}: {
  streams: Streams;
  onChange: (streams: Streams) => void;
}) {
  const toggle = (s: LineStream) => onChange({ ...streams, [s]: !streams[s] });
  return (
    <div
      role="group"
      aria-label="Streams"
      className="flex items-center rounded-md border bg-background p-0.5"
    >
      {STREAMS.map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={streams[s]}
          title={`${streams[s] ? 'Hide' : 'Show'} ${s} lines`}
          onClick={() => toggle(s)}
          className={cn(
            'inline-flex h-7 items-center gap-1.5 rounded px-2 font-mono text-xs font-medium transition-colors',
            streams[s]
              ? 'bg-surface text-foreground shadow-xs'
              : 'text-muted-foreground line-through decoration-muted-foreground/60 hover:text-foreground',
          )}
        >
          <span
            aria-hidden="true"
            className={cn(
              'size-1.5 rounded-full',
              s === 'stdout' ? 'bg-emerald-500' : s === 'stderr' ? 'bg-red-500' : 'bg-sky-500',
              !streams[s] && 'opacity-40',
            )}
          />
          {s}
        </button>
      ))}
    </div>
  );
}
