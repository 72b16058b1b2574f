import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LogIn, LogOut } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { SIGN_IN_PATH } from '@contract';
import { InlineApiError } from '../../../components/api-error';
import { Button } from '../../../components/ui/button';
import { SectionCard } from '../../../components/ui/card';
import { Field } from '../../../components/ui/field';
import { Input } from '../../../components/ui/input';
import { SuccessNotice } from '../../../components/ui/success-notice';
import { consoleRequest } from '../../../lib/api-client';

/**
 * Signing this browser in to the console's own server when it was started with `--token`. The server
 * answers with an HttpOnly cookie: no script (this one included) can read it, and the browser sends it
 * with every request to the server, downloads and previews too. Signing in or out refetches everything.
 */
export function AccessForm() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [notice, setNotice] = useState<string>();

  const change = useMutation({
    mutationKey: ['access'],
    mutationFn: (token: string | undefined) =>
      token === undefined
        ? consoleRequest(SIGN_IN_PATH, { method: 'DELETE' })
        : consoleRequest(SIGN_IN_PATH, { method: 'POST', body: { token } }),
    onSuccess: (_, given) => {
      setToken('');
      setNotice(
        given === undefined ? 'Signed out in this browser.' : 'Signed in. Everything is loaded again.',
      );
      void queryClient.resetQueries();
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (token === '') return;
    setNotice(undefined);
    change.mutate(token);
  };

  return (
    <SectionCard
      title="Access"
      description="Only when the console’s server was started with --token: sign this browser in with that token. It is kept in a cookie no page script can read, until the browser closes."
    >
      <form
        noValidate
        onSubmit={onSubmit}
        className="max-w-2xl space-y-4"
        aria-label="Sign in to this server"
      >
        <Field label="Token" hint="The value given to --token when the server was started.">
          {(control) => (
            <Input
              {...control}
              name="token"
              type="password"
              autoComplete="off"
              value={token}
              onChange={(e) => {
                setToken(e.target.value);
                setNotice(undefined);
              }}
              className="max-w-md font-mono"
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={token === '' || change.isPending}>
            <LogIn aria-hidden="true" />
            {change.isPending && change.variables !== undefined ? 'Signing in…' : 'Sign in'}
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={change.isPending}
            onClick={() => {
              setNotice(undefined);
              change.mutate(undefined);
            }}
          >
            <LogOut aria-hidden="true" />
            Sign out
          </Button>
        </div>
        <SuccessNotice>{notice}</SuccessNotice>
        {change.error ? <InlineApiError error={change.error} /> : null}
      </form>
    </SectionCard>
  );
}
