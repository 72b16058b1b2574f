import { queryOptions, useQuery } from '@tanstack/react-query';
import { CONNECTIONS_PATH, type Connection, type ConnectionList } from '@contract';
import { consoleRequest } from './api-client';
import { useSettings } from './settings';

// The list of connections is shell state, not one feature's: the header shows where the console is,
// every confirmation warns on a production connection, and Settings edits the list. So its query
// factory lives here, below all of them; the connections feature invalidates through it.

export const connectionQueries = {
  all: () => ['connections'] as const,
  lists: () => [...connectionQueries.all(), 'list'] as const,
  list: () =>
    queryOptions({
      queryKey: connectionQueries.lists(),
      queryFn: ({ signal }) =>
        consoleRequest<ConnectionList>(CONNECTIONS_PATH, { signal }).then((r) => r.data),
      // Changed only from Settings (which invalidates) or by editing a file while the console is stopped.
      staleTime: 60_000,
    }),
};

/** The connection the console talks to now, as far as this browser knows it. */
export interface ActiveConnection {
  /** The chosen connection's name; undefined when an endpoint was set directly (no connection). */
  name: string | undefined;
  /** Where calls go: the connection's `api_base` (or the endpoint set directly). */
  apiBase: string;
  /** The server's record of it, once the list has loaded and while it has one of that name. */
  connection: Connection | undefined;
  /**
   * `loading` until the list arrives, `known` when it has the name, `unknown` when it does not (removed
   * elsewhere, or an endpoint set directly), `error` when the list could not be had.
   */
  status: 'loading' | 'known' | 'unknown' | 'error';
  production: boolean;
}

/** The active connection with what the server says about it (colour, production flag, endpoint). */
export function useActiveConnection(): ActiveConnection {
  const settings = useSettings();
  const list = useQuery(connectionQueries.list());
  const name = settings.connection;
  const connection = name === undefined ? undefined : list.data?.find((c) => c.name === name);
  const status = list.data ? (connection ? 'known' : 'unknown') : list.isError ? 'error' : 'loading';
  return {
    name,
    apiBase: settings.endpoint,
    connection,
    status,
    production: connection?.production ?? false,
  };
}
