import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, CircleAlert, Loader2, PlugZap, RotateCcw, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { ErrorFacts } from '../../../components/ui/api-error';
import { Button } from '../../../components/ui/button';
import { SectionCard } from '../../../components/ui/card';
import { Field } from '../../../components/ui/field';
import { Input } from '../../../components/ui/input';
import {
  DEFAULT_SETTINGS,
  LOCAL_ENDPOINT,
  useSettings,
  type ConnectionSettings,
} from '../../../lib/settings';
import { applyConnection } from '../api/apply-connection';
import {
  checkConnection,
  normalizeConnection,
  validateConnection,
  type ConnectionCheck,
} from '../api/connection-check';

const sameSettings = (a: ConnectionSettings, b: ConnectionSettings) =>
  a.endpoint === b.endpoint && a.apiVersion === b.apiVersion && a.isolationKey === b.isolationKey;

function agentsSeen(check: Extract<ConnectionCheck, { ok: true }>): string {
  if (check.more) return `more than ${check.agentCount} agents`;
  if (check.agentCount === 0) return 'no agents yet';
  return check.agentCount === 1 ? '1 agent' : `${check.agentCount} agents`;
}

/**
 * The connection the console talks to. The form edits a draft: testing tries the draft without keeping
 * it, and nothing typed is lost when a test fails. Saving keeps it and drops every cached answer from
 * the previous connection.
 */
export function ConnectionForm() {
  const queryClient = useQueryClient();
  const saved = useSettings();
  const [draft, setDraft] = useState<ConnectionSettings>(saved);
  const [notice, setNotice] = useState<string>();
  const blockerId = useId();
  const errors = validateConnection(draft);
  const valid = Object.keys(errors).length === 0;
  const normalized = normalizeConnection(draft);
  const unchanged = sameSettings(normalized, saved);

  const test = useMutation({
    mutationKey: ['connections', 'check'],
    mutationFn: (settings: ConnectionSettings) => checkConnection(settings),
  });
  const save = useMutation({
    mutationKey: ['connections', 'save'],
    mutationFn: (settings: ConnectionSettings) => applyConnection(queryClient, settings),
  });

  const edit = (field: keyof ConnectionSettings, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setNotice(undefined);
    // A result describes the settings it tried; once those change it would mislead.
    if (field !== 'isolationKey') test.reset();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!valid || unchanged) return;
    save.mutate(normalized, {
      onSuccess: () => {
        setDraft(normalized);
        setNotice('Saved. Data from the previous connection was cleared.');
      },
    });
  };

  const resetToLocal = () => {
    const next = { ...DEFAULT_SETTINGS, isolationKey: draft.isolationKey };
    test.reset();
    save.mutate(next, {
      onSuccess: () => {
        setDraft(next);
        setNotice('Back on the local host. Data from the previous connection was cleared.');
      },
    });
  };

  const saveBlocker = !valid
    ? 'Fix the fields marked above to save.'
    : unchanged
      ? 'No changes to save.'
      : undefined;

  return (
    <div className="space-y-6">
      <CurrentConnection settings={saved} />
      <SectionCard
        title="Connection"
        description="Where the console sends its calls and as whom. Kept in this browser only."
      >
        <form noValidate onSubmit={onSubmit} className="max-w-2xl space-y-5" aria-label="Connection settings">
          <Field
            label="Project endpoint"
            error={errors.endpoint}
            hint={
              <>
                The local host is <code className="font-mono">{LOCAL_ENDPOINT}</code>. A Foundry project
                endpoint looks like
                <code className="block font-mono break-all">
                  https://&lt;account&gt;.services.ai.azure.com/api/projects/&lt;project&gt;
                </code>
              </>
            }
          >
            {(control) => (
              <Input
                {...control}
                name="endpoint"
                inputMode="url"
                autoComplete="url"
                spellCheck={false}
                value={draft.endpoint}
                onChange={(e) => edit('endpoint', e.target.value)}
                className="font-mono"
              />
            )}
          </Field>
          <div className="grid gap-5 sm:grid-cols-[10rem_1fr]">
            <Field
              label="API version"
              error={errors.apiVersion}
              hint={
                <>
                  Sent as <code className="font-mono">api-version</code>.
                </>
              }
            >
              {(control) => (
                <Input
                  {...control}
                  name="apiVersion"
                  autoComplete="off"
                  spellCheck={false}
                  value={draft.apiVersion}
                  onChange={(e) => edit('apiVersion', e.target.value)}
                  className="font-mono"
                />
              )}
            </Field>
            <Field
              label="Isolation key"
              error={errors.isolationKey}
              hint={
                <>
                  Sent as <code className="font-mono">x-session-isolation-key</code> when a session is created
                  and on every call that changes one; it becomes the session’s owner. Leave empty to send
                  none.
                </>
              }
            >
              {(control) => (
                <Input
                  {...control}
                  name="isolationKey"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="None"
                  value={draft.isolationKey}
                  onChange={(e) => edit('isolationKey', e.target.value)}
                  className="font-mono"
                />
              )}
            </Field>
          </div>

          <div className="flex flex-wrap items-center gap-2 border-t pt-5">
            <Button
              type="submit"
              disabled={Boolean(saveBlocker) || save.isPending}
              aria-describedby={blockerId}
            >
              <Save aria-hidden="true" />
              {save.isPending ? 'Saving…' : 'Save'}
            </Button>
            <Button
              variant="secondary"
              disabled={Boolean(errors.endpoint || errors.apiVersion) || test.isPending}
              onClick={() => {
                setNotice(undefined);
                test.mutate(normalized);
              }}
            >
              {test.isPending ? (
                <Loader2 aria-hidden="true" className="animate-spin" />
              ) : (
                <PlugZap aria-hidden="true" />
              )}
              {test.isPending ? 'Testing…' : 'Test connection'}
            </Button>
            <Button variant="ghost" disabled={save.isPending} onClick={resetToLocal} className="sm:ml-auto">
              <RotateCcw aria-hidden="true" />
              Reset to local host
            </Button>
          </div>
          <p id={blockerId} className="text-xs text-muted-foreground" hidden={!saveBlocker}>
            {saveBlocker}
          </p>

          <div aria-live="polite" className="space-y-3 empty:hidden">
            {notice ? (
              <p className="flex items-center gap-2 text-sm text-foreground">
                <CheckCircle2 aria-hidden="true" className="size-4 text-success" />
                {notice}
              </p>
            ) : null}
            {test.data ? <CheckResult check={test.data} endpoint={test.variables?.endpoint ?? ''} /> : null}
          </div>
          {test.error ? <CheckFailure title="The test could not run" advice={test.error.message} /> : null}
          {save.error ? <CheckFailure title="Could not save" advice={save.error.message} /> : null}
        </form>
      </SectionCard>
    </div>
  );
}

function CheckResult({ check, endpoint }: { check: ConnectionCheck; endpoint: string }) {
  if (check.ok) {
    return (
      <div
        role="status"
        className="flex gap-3 rounded-md border border-success/40 bg-success/5 px-4 py-3 text-sm"
      >
        <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-success" />
        <div className="min-w-0">
          <p className="font-semibold text-foreground">Connection OK</p>
          <p className="mt-0.5 break-words text-foreground/90">
            <span className="font-mono">{endpoint}</span> answers as a Foundry project and lists{' '}
            {agentsSeen(check)}.
          </p>
        </div>
      </div>
    );
  }
  return <CheckFailure title={check.title} advice={check.advice} error={check.error} />;
}

function CheckFailure({ title, advice, error }: { title: string; advice: string; error?: unknown }) {
  return (
    <div
      role="alert"
      className="flex gap-3 rounded-md border border-destructive/40 bg-destructive/5 px-4 py-3 text-sm"
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-destructive" />
      <div className="min-w-0">
        <p className="font-semibold text-foreground">{title}</p>
        <p className="mt-0.5 text-foreground/90">{advice}</p>
        {error instanceof Error ? (
          <>
            <p className="mt-2 break-words text-foreground/80">{error.message}</p>
            <p className="mt-1 text-xs text-muted-foreground">
              <ErrorFacts error={error} />
            </p>
          </>
        ) : null}
      </div>
    </div>
  );
}

function CurrentConnection({ settings }: { settings: ConnectionSettings }) {
  const local = settings.endpoint === LOCAL_ENDPOINT;
  return (
    <dl className="grid gap-4 rounded-lg border bg-surface px-4 py-4 text-sm shadow-xs sm:grid-cols-[2fr_1fr_1fr] sm:px-6">
      <div className="min-w-0">
        <dt className="text-xs font-medium text-muted-foreground">Connected to</dt>
        <dd className="mt-1 font-mono break-all text-foreground">
          {settings.endpoint}
          {local ? <span className="ml-2 font-sans text-muted-foreground">(local host)</span> : null}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium text-muted-foreground">API version</dt>
        <dd className="mt-1 font-mono text-foreground">{settings.apiVersion}</dd>
      </div>
      <div className="min-w-0">
        <dt className="text-xs font-medium text-muted-foreground">Isolation key</dt>
        <dd className="mt-1 font-mono break-all text-foreground">
          {settings.isolationKey || <span className="font-sans text-muted-foreground">None</span>}
        </dd>
      </div>
    </dl>
  );
}
