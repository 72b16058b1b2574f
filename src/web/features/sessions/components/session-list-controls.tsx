import { useId, type ReactNode } from 'react';
import type { AgentSession, SessionStatus } from '@contract';
import { controlClass } from '../../../components/ui/input';
import { cn } from '../../../lib/cn';
import { PAGE_SIZES, SESSION_STATUSES, type ListSearch } from '../model/list-search';
import { STATUS_INFO } from '../model/status-info';

const SELECT = cn(controlClass, 'h-9 w-auto pr-8');

/** Which of the page's sessions to show, in which order, and how many to a page; all of it kept in the URL. */
export function SessionListControls({
  view,
  rows,
  onChange,
}: {
  view: ListSearch;
  rows: readonly AgentSession[];
  onChange: (next: ListSearch) => void;
}) {
  const ids = { status: useId(), order: useId(), limit: useId() };
  const { params, status } = view;
  const count = (s: SessionStatus) => rows.filter((r) => r.status === s).length;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id={ids.status} label="Status on this page">
        <select
          id={ids.status}
          value={status ?? ''}
          onChange={(e) =>
            onChange({ params, ...(e.target.value && { status: e.target.value as SessionStatus }) })
          }
          className={SELECT}
        >
          <option value="">All statuses ({rows.length})</option>
          {SESSION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_INFO[s].label} ({count(s)})
            </option>
          ))}
        </select>
      </Field>
      <Field id={ids.order} label="Order">
        <select
          id={ids.order}
          value={params.order}
          // Cursors point into one order; in the other they would start mid-list, so start over.
          onChange={(e) =>
            onChange({
              params: { limit: params.limit, order: e.target.value === 'asc' ? 'asc' : 'desc' },
              ...(status && { status }),
            })
          }
          className={SELECT}
        >
          <option value="desc">Newest first</option>
          <option value="asc">Oldest first</option>
        </select>
      </Field>
      <Field id={ids.limit} label="Page size">
        <select
          id={ids.limit}
          value={params.limit}
          onChange={(e) =>
            onChange({ params: { ...params, limit: Number(e.target.value) }, ...(status && { status }) })
          }
          className={SELECT}
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n} per page
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-muted-foreground">
        {label}
      </label>
      {children}
    </div>
  );
}
