import { Filter, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditAction } from '@contract';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { Input, Select } from '../../../components/ui/input';
import { hasFilters, type ActivityFilters, type FilterName } from '../model/activity-search';
import { ACTION_LABELS } from '../model/entry-display';

type Draft = Record<FilterName, string>;

const draftOf = (filters: ActivityFilters): Draft => ({
  person: filters.person ?? '',
  action: filters.action ?? '',
  agent: filters.agent ?? '',
  session: filters.session ?? '',
  connection: filters.connection ?? '',
  from: filters.from ?? '',
  to: filters.to ?? '',
});

const TEXT_FIELDS: { name: Exclude<FilterName, 'action' | 'from' | 'to'>; label: string; hint?: string }[] = [
  { name: 'person', label: 'Person', hint: 'A name from Settings or the server’s user.' },
  { name: 'agent', label: 'Agent' },
  { name: 'session', label: 'Session' },
  { name: 'connection', label: 'Connection', hint: 'local, or a Foundry connection.' },
];

const TIME_HINTS = {
  from: 'A date (2026-03-10, from midnight UTC) or a time with its zone (2026-03-10T09:30Z).',
  to: 'Written the same way; entries before it.',
};

/**
 * The trail's filters as a form: applied together on submit, so the list is asked once for what was
 * meant, not once per key. `invalid` names a field the server refused (a time it cannot read), marked
 * until the view changes. The page remounts this form when the URL changes, so it always shows the view.
 */
export function ActivityFilterForm({
  filters,
  invalid,
  onApply,
}: {
  filters: ActivityFilters;
  invalid?: string | undefined;
  onApply: (filters: ActivityFilters) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const edit = (name: FilterName, value: string) => setDraft((d) => ({ ...d, [name]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: ActivityFilters = {};
    for (const [name, value] of Object.entries(draft) as [FilterName, string][]) {
      const text = value.trim();
      if (!text) continue;
      if (name === 'action') next.action = text as AuditAction;
      else next[name] = text;
    }
    onApply(next);
  };

  const refused = (name: FilterName) =>
    invalid === name ? 'The server refused this; its reason is below.' : undefined;

  return (
    <form
      noValidate
      role="search"
      aria-label="Filter the activity"
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg border bg-surface p-4 shadow-xs sm:p-5"
    >
      {/* Names and ids match exactly: the trail is a record, not a search. */}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Action">
          {(control) => (
            <Select
              {...control}
              name="action"
              value={draft.action}
              onChange={(e) => edit('action', e.target.value)}
            >
              <option value="">Any action</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {ACTION_LABELS[action]} ({action})
                </option>
              ))}
            </Select>
          )}
        </Field>
        {TEXT_FIELDS.map(({ name, label, hint }) => (
          <Field key={name} label={label} hint={hint}>
            {(control) => (
              <Input
                {...control}
                name={name}
                autoComplete="off"
                spellCheck={false}
                placeholder="Any"
                value={draft[name]}
                onChange={(e) => edit(name, e.target.value)}
                className={name === 'person' ? undefined : 'font-mono'}
              />
            )}
          </Field>
        ))}
        {(['from', 'to'] as const).map((name) => (
          <Field
            key={name}
            label={name === 'from' ? 'From (at or after)' : 'To (before)'}
            hint={TIME_HINTS[name]}
            error={refused(name)}
          >
            {(control) => (
              <Input
                {...control}
                name={name}
                autoComplete="off"
                spellCheck={false}
                placeholder={name === 'from' ? 'The beginning' : 'Now'}
                value={draft[name]}
                onChange={(e) => edit(name, e.target.value)}
                className="font-mono"
              />
            )}
          </Field>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t pt-4">
        <Button type="submit">
          <Filter aria-hidden="true" />
          Apply filters
        </Button>
        {hasFilters(filters) ? (
          <Button type="button" variant="ghost" onClick={() => onApply({})}>
            <X aria-hidden="true" />
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}
