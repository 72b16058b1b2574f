import { mutationOptions } from '@tanstack/react-query';
import {
  CONNECTIONS_PATH,
  type Connection,
  type ConnectionCheck,
  type ConnectionCheckFailed,
  type ConnectionCreate,
  type ConnectionCreated,
  type ConnectionUpdate,
} from '@contract';
import { ApiError, consoleRequest } from '../../../lib/api-client';
import { connectionQueries } from '../../../lib/connections';

const one = (name: string) => `${CONNECTIONS_PATH}/${encodeURIComponent(name)}`;

export interface UpdateConnectionVariables {
  name: string;
  patch: ConnectionUpdate;
}

/**
 * The check a 422 from adding a connection carries (the test call failed), or undefined for any other
 * error: the form shows it and offers to add the connection anyway.
 */
export function failedCheck(error: unknown): ConnectionCheck | undefined {
  if (!(error instanceof ApiError) || error.status !== 422 || error.code !== 'connection_check_failed') {
    return undefined;
  }
  const check = (error.body as Partial<ConnectionCheckFailed> | undefined)?.check;
  return check && typeof check.message === 'string' && typeof check.outcome === 'string' ? check : undefined;
}

/**
 * Keyed per action (and per connection where there is one), so a row can show its own pending call.
 * Every change invalidates the whole list: the header, Settings and every confirmation read it.
 */
export const connectionMutations = {
  add: () =>
    mutationOptions({
      mutationKey: [...connectionQueries.all(), 'add'] as const,
      mutationFn: (body: ConnectionCreate) =>
        consoleRequest<ConnectionCreated>(CONNECTIONS_PATH, { method: 'POST', body }),
      onSuccess: (_created, _body, _result, { client }) =>
        client.invalidateQueries({ queryKey: connectionQueries.all() }),
    }),
  update: (name: string) =>
    mutationOptions({
      mutationKey: [...connectionQueries.all(), 'update', name] as const,
      mutationFn: ({ name: target, patch }: UpdateConnectionVariables) =>
        consoleRequest<Connection>(one(target), {
          method: 'PATCH',
          body: patch,
          contentType: 'application/merge-patch+json',
        }),
      onSuccess: (_connection, _vars, _result, { client }) =>
        client.invalidateQueries({ queryKey: connectionQueries.all() }),
    }),
  remove: (name: string) =>
    mutationOptions({
      mutationKey: [...connectionQueries.all(), 'remove', name] as const,
      mutationFn: (target: string) => consoleRequest<void>(one(target), { method: 'DELETE' }),
      onSuccess: (_none, _target, _result, { client }) =>
        client.invalidateQueries({ queryKey: connectionQueries.all() }),
    }),
  /** Asks the project for one agent again; changes nothing, so nothing is invalidated. */
  test: (name: string) =>
    mutationOptions({
      mutationKey: [...connectionQueries.all(), 'test', name] as const,
      mutationFn: (target: string) =>
        consoleRequest<ConnectionCheck>(`${one(target)}/test`, { method: 'POST' }),
    }),
};
