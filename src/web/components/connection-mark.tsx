import { TriangleAlert } from 'lucide-react';
import type { CSSProperties } from 'react';
import type { ConnectionColour } from '@contract';
import { useActiveConnection } from '../lib/connections';
import { cn } from '../lib/cn';

// Written out whole so Tailwind finds every class in the source.
const NAMED: Record<string, string> = {
  slate: 'bg-slate-500',
  red: 'bg-red-600',
  orange: 'bg-orange-500',
  amber: 'bg-amber-400',
  green: 'bg-green-600',
  teal: 'bg-teal-500',
  blue: 'bg-blue-600',
  violet: 'bg-violet-600',
  pink: 'bg-pink-500',
};

/** A connection's colour as a class (named colours) or an inline style (`#rrggbb`); none is a hollow ring. */
function swatchStyle(colour: ConnectionColour | undefined): {
  className: string;
  style?: CSSProperties;
} {
  if (colour === undefined) return { className: 'bg-transparent' };
  const named = NAMED[colour];
  if (named) return { className: named };
  return { className: '', style: { backgroundColor: colour } };
}

/**
 * A dot in a connection's colour. Decoration only: the name always stands beside it, so nothing is
 * said by colour alone.
 */
export function ConnectionSwatch({
  colour,
  className,
}: {
  colour: ConnectionColour | undefined;
  className?: string;
}) {
  const { className: colourClass, style } = swatchStyle(colour);
  return (
    <span
      aria-hidden="true"
      style={style}
      className={cn(
        'inline-block size-3 shrink-0 rounded-full border border-foreground/25',
        colourClass,
        className,
      )}
    />
  );
}

/**
 * A red band across the top of the page while the console is on a connection marked production, so
 * nobody forgets where their clicks land. Renders nothing on any other connection.
 */
export function ProductionBand({ className }: { className?: string }) {
  const active = useActiveConnection();
  if (!active.production) return null;
  return (
    <p
      className={cn(
        'flex items-center justify-center gap-2 bg-destructive px-4 py-1 text-xs font-semibold tracking-wide text-destructive-foreground',
        className,
      )}
    >
      <TriangleAlert aria-hidden="true" className="size-3.5 shrink-0" />
      <span>
        PRODUCTION <span className="font-normal tracking-normal">· connected to</span>{' '}
        <span className="font-mono">{active.name}</span>
      </span>
    </p>
  );
}
