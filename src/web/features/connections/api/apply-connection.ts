import type { QueryClient } from '@tanstack/react-query';
import { saveSettings, type ConnectionSettings } from '../../../lib/settings';

/**
 * Switches the console to other settings. Everything cached came from the old connection, so it all
 * goes: active queries are reset (their views show loading, then the new endpoint's data, never the
 * old data), the rest are dropped, and finished mutations (errors shown from the old endpoint) are forgotten.
 */
export async function applyConnection(queryClient: QueryClient, settings: ConnectionSettings): Promise<void> {
  await queryClient.cancelQueries();
  saveSettings(settings);
  queryClient.removeQueries({ type: 'inactive' });
  // Finished results only: this very save runs as a mutation and must still report back.
  const mutations = queryClient.getMutationCache();
  for (const m of mutations.getAll()) if (m.state.status !== 'pending') mutations.remove(m);
  // Not awaited: the refetch goes to the new endpoint, which may be slow or down, and saving is done.
  void queryClient.resetQueries();
}
