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

interface TextField {
  name: Exclude<FilterName, 'action'>;
  label: string;
  hint?: string;
  placeholder: string;
  /** Ids and times are easier to check letter by letter in a fixed-width face. */
  mono: boolean;
}

// Names and ids match exactly: the trail is a record, not a search. Times go to the server as written.
const TEXT_FIELDS: readonly TextField[] = [
  {
    name: 'person',
    label: 'Person',
    hint: 'A name from Settings or the server’s user.',
    placeholder: 'Any',
    mono: false,
  },
  { name: 'agent', label: 'Agent', placeholder: 'Any', mono: true },
  { name: 'session', label: 'Session', placeholder: 'Any', mono: true },
  {
    name: 'connection',
    label: 'Connection',
    hint: 'local, or a Foundry connection.',
    placeholder: 'Any',
    mono: true,
  },
  {
    name: 'from',
    label: 'From (at or after)',
    hint: 'A date (2026-03-10, from midnight UTC) or a time with its zone (2026-03-10T09:30Z).',
    placeholder: 'The beginning',
    mono: true,
  },
  {
    name: 'to',
    label: 'To (before)',
    hint: 'Written the same way; entries before it.',
    placeholder: 'Now',
    mono: true,
  },
];

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
        {TEXT_FIELDS.map(({ name, label, hint, placeholder, mono }) => (
          <Field key={name} label={label} hint={hint} error={refused(name)}>
            {(control) => (
              <Input
                {...control}
                name={name}
                autoComplete="off"
                spellCheck={false}
                placeholder={placeholder}
                value={draft[name]}
                onChange={(e) => edit(name, e.target.value)}
                className={mono ? 'font-mono' : undefined}
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
