import { useQuery } from '@tanstack/react-query';
import { ChevronDown, TriangleAlert } from 'lucide-react';
import { useId } from 'react';
import type { Connection } from '@contract';
import { ConnectionSwatch } from '../../../components/connection-mark';
import { cn } from '../../../lib/cn';
import { connectionQueries, useActiveConnection } from '../../../lib/connections';
import { useSwitchConnection } from '../api/use-switch-connection';

/** Stands for "no connection" (an endpoint set directly) as a select value; a real name is never empty. */
const CUSTOM = '';

/**
 * Where the console is, always in sight: the connection's colour and name, and a select to go elsewhere.
 * A native select keeps keyboard, screen reader and touch behaviour the platform's own. A production
 * connection is drawn in red and says so in words, not only by colour.
 */
export function ConnectionSwitcher({ className }: { className?: string }) {
  const selectId = useId();
  const noteId = useId();
  const productionId = useId();
  const active = useActiveConnection();
  const list = useQuery(connectionQueries.list());
  const switchTo = useSwitchConnection();
  const connections = list.data ?? [];
  const current = active.name ?? CUSTOM;
  const production = connections.filter((c) => c.production);
  const others = connections.filter((c) => !c.production);
  const option = (c: Connection) => (
    <option key={c.name} value={c.name}>
      {c.name}
    </option>
  );

  const note =
    active.status === 'unknown'
      ? active.name === undefined
        ? `The console talks to ${active.apiBase} directly, not through a connection.`
        : `No connection named ${active.name} is configured on this console any more. Pick another.`
      : active.status === 'error'
        ? 'The list of connections could not be loaded.'
        : undefined;

  return (
    <div className={cn('flex min-w-0 items-center gap-2', className)}>
      <label htmlFor={selectId} className="sr-only">
        Connection
      </label>
      <div
        className={cn(
          'relative flex h-8 min-w-0 items-center rounded-md border bg-surface shadow-xs',
          active.production ? 'border-2 border-destructive' : 'border-input',
        )}
      >
        <ConnectionSwatch
          colour={active.connection?.colour}
          className="pointer-events-none absolute left-2.5"
        />
        <select
          id={selectId}
          value={current}
          disabled={switchTo.isPending}
          aria-describedby={
            [note && noteId, active.production && productionId].filter(Boolean).join(' ') || undefined
          }
          onChange={(e) => {
            const next = connections.find((c) => c.name === e.target.value);
            if (next) switchTo.mutate(next);
          }}
          className="h-full max-w-40 min-w-0 cursor-pointer appearance-none truncate rounded-md bg-transparent pr-7 pl-7 text-sm font-medium text-foreground disabled:cursor-wait disabled:opacity-60 sm:max-w-52"
        >
          {active.status !== 'known' ? (
            <option value={current}>{active.name ?? 'Custom endpoint'}</option>
          ) : null}
          {production.length > 0 ? (
            // Grouped rather than suffixed, so the closed select keeps room for the name on a phone.
            <>
              <optgroup label="Production">{production.map(option)}</optgroup>
              <optgroup label="Not production">{others.map(option)}</optgroup>
            </>
          ) : (
            others.map(option)
          )}
        </select>
        <ChevronDown
          aria-hidden="true"
          className="pointer-events-none absolute right-2 size-4 text-muted-foreground"
        />
      </div>
      {active.production ? (
        <span id={productionId} className="sr-only">
          Marked as production.
        </span>
      ) : null}
      {active.production ? (
        <span
          aria-hidden="true"
          className="hidden rounded-sm bg-destructive px-1.5 py-0.5 text-[11px] font-bold tracking-wide text-destructive-foreground sm:inline"
        >
          PRODUCTION
        </span>
      ) : null}
      {note ? (
        <span title={note} className="flex items-center text-warning">
          <TriangleAlert aria-hidden="true" className="size-4" />
          <span id={noteId} className="sr-only">
            {note}
          </span>
        </span>
      ) : null}
    </div>
  );
}
