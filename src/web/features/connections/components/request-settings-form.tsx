import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { InlineApiError } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';
import { SectionCard } from '../../../components/ui/card';
import { Field } from '../../../components/ui/field';
import { Input } from '../../../components/ui/input';
import { SuccessNotice } from '../../../components/ui/success-notice';
import { useSettings, type ConnectionSettings } from '../../../lib/settings';
import { applyConnection } from '../api/apply-connection';
import { validateApiVersion, validateIsolationKey } from '../model/connection-draft';

interface RequestDraft {
  apiVersion: string;
  isolationKey: string;
}

/**
 * How this browser calls whichever connection is in use: the api-version and the isolation key.
 * Saving drops every cached answer, since both change what the project answers.
 */
export function RequestSettingsForm() {
  const queryClient = useQueryClient();
  const saved = useSettings();
  const [draft, setDraft] = useState<RequestDraft>({
    apiVersion: saved.apiVersion,
    isolationKey: saved.isolationKey,
  });
  const [notice, setNotice] = useState<string>();
  const blockerId = useId();
  const errors = {
    apiVersion: validateApiVersion(draft.apiVersion),
    isolationKey: validateIsolationKey(draft.isolationKey),
  };
  const valid = !errors.apiVersion && !errors.isolationKey;
  const next = { apiVersion: draft.apiVersion.trim(), isolationKey: draft.isolationKey };
  const unchanged = next.apiVersion === saved.apiVersion && next.isolationKey === saved.isolationKey;

  const save = useMutation({
    mutationKey: ['request-settings', 'save'],
    mutationFn: (settings: ConnectionSettings) => applyConnection(queryClient, settings),
  });

  const edit = (field: keyof RequestDraft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setNotice(undefined);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!valid || unchanged) return;
    save.mutate(
      { ...saved, ...next },
      {
        onSuccess: () => {
          setDraft(next);
          setNotice('Saved. Answers cached with the previous settings were cleared.');
        },
      },
    );
  };

  const saveBlocker = !valid
    ? 'Fix the fields marked above to save.'
    : unchanged
      ? 'No changes to save.'
      : undefined;

  return (
    <SectionCard
      title="Requests"
      description="How this browser calls the connection in use. Kept in this browser only."
    >
      <form noValidate onSubmit={onSubmit} className="max-w-2xl space-y-5" aria-label="Request settings">
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
                and on every call that changes one; it becomes the session’s owner. Leave empty to send none.
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
          <p id={blockerId} className="text-xs text-muted-foreground" hidden={!saveBlocker}>
            {saveBlocker}
          </p>
        </div>
        <SuccessNotice>{notice}</SuccessNotice>
        {save.error ? <InlineApiError error={save.error} /> : null}
      </form>
    </SectionCard>
  );
}
