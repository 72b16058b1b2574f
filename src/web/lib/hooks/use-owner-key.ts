import { useSettings } from '../settings';

/**
 * The owner key (Foundry's isolation key) in Settings, kept current, also when another tab saves a
 * new one. Calls that create or change a session carry it through api-client's `asOwner`, read as
 * each call is made; views use this hook to show it, to start a form from it, or to create with it.
 */
export function useOwnerKey(): string {
  return useSettings().isolationKey;
}
