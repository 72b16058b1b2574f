import { Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { USER_LABEL_MAX_LENGTH } from '@contract';
import { paths } from '../../../app/paths';
import { Button } from '../../../components/ui/button';
import { SectionCard } from '../../../components/ui/card';
import { Field } from '../../../components/ui/field';
import { Input } from '../../../components/ui/input';
import { SuccessNotice } from '../../../components/ui/success-notice';
import { saveUserLabel, useUserLabel } from '../../../lib/settings';
import { checkUserLabel, normalizeUserLabel } from '../model/user-label';

/**
 * The name this browser gives its person, for the activity log. A name that cannot be saved stays in the
 * field with the reason under it, so nothing typed is lost; the saved one is unchanged until it is fixed.
 */
export function UserLabelForm() {
  const saved = useUserLabel();
  const [draft, setDraft] = useState(saved);
  const [notice, setNotice] = useState<string>();
  const blockerId = useId();
  const error = checkUserLabel(draft);
  const next = normalizeUserLabel(draft);
  const unchanged = next === saved;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (error || unchanged) return;
    saveUserLabel(next);
    setDraft(next);
    setNotice(
      next ? `Saved. Your calls are now recorded as ${next}.` : 'Saved. Your calls carry no name now.',
    );
  };

  const saveBlocker = error ? 'Fix the name to save it.' : unchanged ? 'No changes to save.' : undefined;

  return (
    <SectionCard
      title="Your name"
      description={
        <>
          Shown beside the server’s user on every change you make, in the{' '}
          <Link
            to={paths.activity.getHref()}
            className="font-medium text-primary underline-offset-2 hover:underline"
          >
            activity log
          </Link>
          . Kept in this browser only; it is what this browser says, not a sign-in.
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} className="max-w-2xl space-y-5" aria-label="Your name">
        <Field
          label="Your name (shown in the activity log)"
          error={error}
          hint={`At most ${USER_LABEL_MAX_LENGTH} characters. Leave empty to send none.`}
        >
          {(control) => (
            <Input
              {...control}
              name="userLabel"
              autoComplete="name"
              placeholder="None"
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                setNotice(undefined);
              }}
              className="max-w-md"
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-2 border-t pt-5">
          <Button type="submit" disabled={Boolean(saveBlocker)} aria-describedby={blockerId}>
            <Save aria-hidden="true" />
            Save name
          </Button>
          <p id={blockerId} className="text-xs text-muted-foreground" hidden={!saveBlocker}>
            {saveBlocker}
          </p>
        </div>
        <SuccessNotice>{notice}</SuccessNotice>
      </form>
    </SectionCard>
  );
}
