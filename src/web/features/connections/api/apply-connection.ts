import type { Query, QueryClient } from '@tanstack/react-query';
import type { Connection } from '@contract';
import { connectionQueries } from '../../../lib/connections';
import { getSettings, saveSettings, type ConnectionSettings } from '../../../lib/settings';

/** Everything but the list of connections, which is the console's own and the same on every connection. */
export const fromProject = (query: Query) => query.queryKey[0] !== connectionQueries.all()[0];

/**
 * Switches the console to other settings. Everything cached from the project came from the old
 * connection, so it all goes: active queries are reset (their views show loading, then the new
 * endpoint's data, never the old data), the rest are dropped, and finished mutations (errors shown from
 * the old endpoint) are forgotten.
 */
export async function applyConnection(queryClient: QueryClient, settings: ConnectionSettings): Promise<void> {
  await queryClient.cancelQueries({ predicate: fromProject });
  saveSettings(settings);
  queryClient.removeQueries({ type: 'inactive', predicate: fromProject });
  // Finished results only: this very save runs as a mutation and must still report back.
  const mutations = queryClient.getMutationCache();
  for (const m of mutations.getAll()) if (m.state.status !== 'pending') mutations.remove(m);
  // Not awaited: the refetch goes to the new endpoint, which may be slow or down, and saving is done.
  void queryClient.resetQueries({ predicate: fromProject });
}

/** The settings that talk to `connection`: its `api_base`, with this browser's api-version and key kept. */
export function settingsFor(connection: Connection, current = getSettings()): ConnectionSettings {
  return { ...current, connection: connection.name, endpoint: connection.api_base };
}
