import { useMutation, useQuery } from '@tanstack/react-query';
import { ArrowRightLeft, Loader2, Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ConnectionCreated } from '@contract';
import { InlineApiError } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';
import { SectionCard } from '../../../components/ui/card';
import { Field } from '../../../components/ui/field';
import { Checkbox, Input } from '../../../components/ui/input';
import { ApiError } from '../../../lib/api-client';
import { connectionQueries } from '../../../lib/connections';
import { connectionMutations, failedCheck } from '../api/connection-mutations';
import { useSwitchConnection } from '../api/use-switch-connection';
import {
  EMPTY_DRAFT,
  ENDPOINT_FORM,
  draftField,
  toCreateBody,
  validateDraft,
  type ConnectionDraft,
  type DraftField,
} from '../model/connection-draft';
import { CheckResult } from './check-result';
import { ColourPicker } from './colour-picker';

/** A server error about one field, shown there while the field still holds the value it was about. */
interface FieldProblem {
  field: DraftField;
  value: string;
  message: string;
}

const FIELD_ORDER: readonly DraftField[] = ['name', 'endpoint', 'features'];
/** Fixed ids: the form is on the page once, and a server error must find its field to focus it. */
const FIELD_IDS: Record<DraftField, string> = {
  name: 'add-connection-name',
  endpoint: 'add-connection-endpoint',
  features: 'add-connection-features',
};

/**
 * Adds a connection. Fields are checked as they are typed; the server checks the endpoint's form again,
 * then makes a test call and says what came back. Nothing typed is lost on any error, and a failed
 * test can be overridden ("Add anyway") for a project not reachable from here yet.
 */
export function AddConnectionForm() {
  const [draft, setDraft] = useState<ConnectionDraft>(EMPTY_DRAFT);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<FieldProblem>();
  const [added, setAdded] = useState<ConnectionCreated>();
  const list = useQuery(connectionQueries.list());
  const add = useMutation(connectionMutations.add());
  const switchTo = useSwitchConnection();

  const taken = (list.data ?? []).map((c) => c.name);
  const errors = validateDraft(draft, taken);
  const check = failedCheck(add.error);
  // A server error naming a field is shown at the field; any other (and a failed check) below the form.
  const generalError = add.error && !check && !draftField(paramOf(add.error)) ? add.error : undefined;

  const errorFor = (field: DraftField): string | undefined => {
    const typed = draft[field] !== '';
    if (errors[field] && (typed || submitted)) return errors[field];
    if (problem?.field === field && problem.value === draft[field]) return problem.message;
    return undefined;
  };

  const edit = <K extends keyof ConnectionDraft>(field: K, value: ConnectionDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setAdded(undefined);
    // The outcome shown described what was sent; with other values it would mislead (and "Add anyway"
    // would add something never tested).
    if (!add.isPending) add.reset();
  };

  const focus = (field: DraftField) => document.getElementById(FIELD_IDS[field])?.focus();

  const submit = (force: boolean) => {
    setSubmitted(true);
    const invalid = FIELD_ORDER.find((f) => errors[f]);
    if (invalid) {
      focus(invalid);
      return;
    }
    const sent = draft;
    add.mutate(toCreateBody(sent, force), {
      onSuccess: (created) => {
        setAdded(created);
        // Emptied for the next one, unless something was typed while this one was being checked.
        setDraft((d) => (d === sent ? EMPTY_DRAFT : d));
        setSubmitted(false);
        setProblem(undefined);
      },
      onError: (error) => {
        const field = draftField(paramOf(error));
        if (field && !failedCheck(error)) {
          setProblem({ field, value: sent[field], message: error.message });
          focus(field);
        }
      },
    });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!add.isPending) submit(false);
  };

  return (
    <SectionCard
      title="Add a connection"
      description="A Foundry project the console can switch to. It is checked before it is added."
    >
      <form noValidate onSubmit={onSubmit} aria-label="Add a connection" className="max-w-2xl space-y-5">
        <div className="grid gap-5 sm:grid-cols-[14rem_1fr]">
          <Field
            id={FIELD_IDS.name}
            label="Name"
            error={errorFor('name')}
            hint="Lowercase letters, digits and dashes, e.g. prod or support-eu."
          >
            {(control) => (
              <Input
                {...control}
                name="name"
                autoComplete="off"
                spellCheck={false}
                maxLength={60}
                value={draft.name}
                onChange={(e) => edit('name', e.target.value)}
                className="font-mono"
              />
            )}
          </Field>
          <Field
            id={FIELD_IDS.endpoint}
            label="Project endpoint"
            error={errorFor('endpoint')}
            hint={
              <>
                On the project’s overview page in the Foundry portal:
                <code className="block font-mono break-all">{ENDPOINT_FORM}</code>
              </>
            }
          >
            {(control) => (
              <Input
                {...control}
                name="endpoint"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                value={draft.endpoint}
                onChange={(e) => edit('endpoint', e.target.value)}
                className="font-mono"
              />
            )}
          </Field>
        </div>

        <ColourPicker name="add-connection-colour" value={draft.colour} onChange={(c) => edit('colour', c)} />

        <div className="flex items-start gap-2.5">
          <Checkbox
            id="add-connection-production"
            checked={draft.production}
            onChange={(e) => edit('production', e.target.checked)}
            aria-describedby="add-connection-production-hint"
            className="mt-0.5"
          />
          <div>
            <label htmlFor="add-connection-production" className="text-sm font-medium text-foreground">
              Production
            </label>
            <p id="add-connection-production-hint" className="text-xs text-muted-foreground">
              While the console is on it, a red PRODUCTION band shows and every confirmation warns.
            </p>
          </div>
        </div>

        <Field
          id={FIELD_IDS.features}
          label="Foundry-Features (optional)"
          error={errorFor('features')}
          hint={
            <>
              Sent with every call, e.g. <code className="font-mono">HostedAgents=V1Preview</code>. Newer
              projects need none.
            </>
          }
          className="max-w-md"
        >
          {(control) => (
            <Input
              {...control}
              name="features"
              autoComplete="off"
              spellCheck={false}
              value={draft.features}
              onChange={(e) => edit('features', e.target.value)}
              className="font-mono"
            />
          )}
        </Field>

        <div className="flex flex-wrap items-center gap-3 border-t pt-5">
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? (
              <Loader2 aria-hidden="true" className="animate-spin" />
            ) : (
              <Plus aria-hidden="true" />
            )}
            {add.isPending ? 'Adding and testing…' : 'Add connection'}
          </Button>
          {add.isPending ? (
            <p className="text-xs text-muted-foreground">Asking the project for its agents…</p>
          ) : null}
        </div>

        <div aria-live="polite" className="space-y-3 empty:hidden">
          {added ? (
            <CheckResult
              check={{
                ...added.check,
                message: `Added ${added.connection.name}. ${added.check.message}`,
              }}
            >
              <Button
                variant="secondary"
                size="sm"
                disabled={switchTo.isPending}
                onClick={() => switchTo.mutate(added.connection)}
              >
                <ArrowRightLeft aria-hidden="true" />
                Switch to {added.connection.name}
              </Button>
            </CheckResult>
          ) : null}
        </div>
        {check ? (
          <CheckResult check={{ ...check, message: add.error?.message ?? check.message }}>
            <Button variant="secondary" size="sm" disabled={add.isPending} onClick={() => submit(true)}>
              Add anyway
            </Button>
          </CheckResult>
        ) : null}
        {generalError ? <InlineApiError error={generalError} /> : null}
      </form>
    </SectionCard>
  );
}

function paramOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.param : undefined;
}
