import { useMutation } from '@tanstack/react-query';
import { ArrowRightLeft, Loader2, Pencil, PlugZap, Trash2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { LOCAL_CONNECTION, type Connection, type ConnectionColour } from '@contract';
import { InlineApiError } from '../../../components/api-error';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ConnectionSwatch } from '../../../components/connection-mark';
import { Field } from '../../../components/ui/field';
import { Checkbox, Input } from '../../../components/ui/input';
import { connectionMutations } from '../api/connection-mutations';
import { validateFeatures } from '../model/connection-draft';
import { CheckResult } from './check-result';
import { ColourPicker } from './colour-picker';

interface ConnectionRowProps {
  connection: Connection;
  /** The console talks to this one now. */
  active: boolean;
  switching: boolean;
  onSwitch: (connection: Connection) => void;
  /** Called after the connection was removed (the console may have to leave it). */
  onRemoved: (connection: Connection) => void;
}

/** One connection: what it is, a test call, and (except for the local host) changes and removal. */
export function ConnectionRow({ connection, active, switching, onSwitch, onRemoved }: ConnectionRowProps) {
  const { name } = connection;
  const local = connection.kind === 'local' || name === LOCAL_CONNECTION;
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const test = useMutation(connectionMutations.test(name));
  const remove = useMutation(connectionMutations.remove(name));
  const headingId = useId();

  return (
    <li aria-labelledby={headingId} className="py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <div className="min-w-0 flex-1 basis-64">
          <div className="flex flex-wrap items-center gap-2">
            <ConnectionSwatch colour={connection.colour} />
            <h3 id={headingId} className="font-mono text-sm font-semibold text-foreground">
              {name}
            </h3>
            {active ? (
              <Badge variant="info" dot>
                In use
              </Badge>
            ) : null}
            {connection.production ? (
              <Badge className="border-destructive bg-destructive font-bold tracking-wide text-destructive-foreground">
                PRODUCTION
              </Badge>
            ) : null}
            {local ? <Badge>Local host</Badge> : null}
          </div>
          <p className="mt-1 font-mono text-xs break-all text-muted-foreground">{connection.endpoint}</p>
          {connection.features ? (
            <p className="mt-0.5 text-xs text-muted-foreground">
              Foundry-Features: <span className="font-mono">{connection.features}</span>
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {active ? null : (
            <Button variant="secondary" size="sm" disabled={switching} onClick={() => onSwitch(connection)}>
              <ArrowRightLeft aria-hidden="true" />
              Use<span className="sr-only"> {name}</span>
            </Button>
          )}
          <Button variant="secondary" size="sm" disabled={test.isPending} onClick={() => test.mutate(name)}>
            {test.isPending ? (
              <Loader2 aria-hidden="true" className="animate-spin" />
            ) : (
              <PlugZap aria-hidden="true" />
            )}
            {test.isPending ? 'Testing…' : 'Test'}
            <span className="sr-only"> {name}</span>
          </Button>
          {local ? null : (
            <>
              <Button variant="ghost" size="sm" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
                <Pencil aria-hidden="true" />
                Edit<span className="sr-only"> {name}</span>
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirmRemove(true)}>
                <Trash2 aria-hidden="true" />
                Remove<span className="sr-only"> {name}</span>
              </Button>
            </>
          )}
        </div>
      </div>

      <div aria-live="polite" className="empty:hidden">
        {test.data ? <CheckResult check={test.data} className="mt-3" /> : null}
      </div>
      {test.error ? (
        <div className="mt-3">
          <InlineApiError error={test.error} />
        </div>
      ) : null}

      {editing ? <EditConnection connection={connection} onDone={() => setEditing(false)} /> : null}

      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${name}?`}
        confirmLabel="Remove connection"
        destructive
        // Removing changes this console's list only; nothing in any project is touched.
        productionWarning={false}
        pending={remove.isPending}
        error={remove.error ? <InlineApiError error={remove.error} /> : undefined}
        onClose={() => {
          setConfirmRemove(false);
          remove.reset();
        }}
        onConfirm={() => {
          // Awaited rather than an onSuccess callback: the refreshed list no longer has this row, and a
          // callback of an unmounted row never runs, while the promise still settles.
          remove.mutateAsync(name).then(
            () => {
              setConfirmRemove(false);
              onRemoved(connection);
            },
            // Shown in the dialog through remove.error.
            () => undefined,
          );
        }}
      >
        <p>
          The console forgets <span className="font-mono font-semibold">{name}</span> (
          <span className="font-mono break-all">{connection.endpoint}</span>). Nothing in the project changes;
          you can add it again later.
        </p>
        {active ? <p>The console is using it now, and goes back to the local host.</p> : null}
      </ConfirmDialog>
    </li>
  );
}

/** Colour, production flag and Foundry-Features of a connection; its name and endpoint never change. */
function EditConnection({ connection, onDone }: { connection: Connection; onDone: () => void }) {
  const [colour, setColour] = useState<ConnectionColour | ''>(connection.colour ?? '');
  const [production, setProduction] = useState(connection.production);
  const [features, setFeatures] = useState(connection.features ?? '');
  const update = useMutation(connectionMutations.update(connection.name));
  const id = useId();
  const featuresError = validateFeatures(features);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (featuresError) return;
    const trimmed = features.trim();
    update.mutate(
      {
        name: connection.name,
        // A merge patch: null takes a colour or a features value away.
        patch: { colour: colour || null, production, features: trimmed || null },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-label={`Edit ${connection.name}`}
      className="mt-4 space-y-4 rounded-md border bg-background/60 p-4"
    >
      <ColourPicker name={`${id}-colour`} value={colour} onChange={setColour} />
      <div className="flex items-center gap-2.5">
        <Checkbox
          id={`${id}-production`}
          checked={production}
          onChange={(e) => setProduction(e.target.checked)}
        />
        <label htmlFor={`${id}-production`} className="text-sm font-medium text-foreground">
          Production
        </label>
      </div>
      <Field label="Foundry-Features (optional)" error={featuresError} className="max-w-md">
        {(control) => (
          <Input
            {...control}
            name="features"
            autoComplete="off"
            spellCheck={false}
            value={features}
            onChange={(e) => setFeatures(e.target.value)}
            className="font-mono"
          />
        )}
      </Field>
      {update.error ? <InlineApiError error={update.error} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={update.isPending || Boolean(featuresError)}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
