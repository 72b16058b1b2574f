import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Connection } from '@contract';
import { paths } from '../../../app/paths';
import { connectionQueries } from '../../../lib/connections';
import { applyConnection, fromProject, settingsFor } from './apply-connection';

/**
 * Switches to another connection and lands on its Agents page: agent names and session ids of one
 * project mean nothing in another, so no page of the old one stays open.
 */
export function useSwitchConnection() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationKey: [...connectionQueries.all(), 'switch'] as const,
    mutationFn: async (connection: Connection) => {
      // Emptied before leaving, so the Agents page never paints the old project's list while it loads.
      await queryClient.cancelQueries({ predicate: fromProject });
      queryClient.removeQueries({ predicate: fromProject });
      const agents = paths.agents.getHref();
      await navigate(agents);
      // A page may hold the way out (uploads still running ask first): then nothing switches.
      if (window.location.pathname !== agents) return false;
      await applyConnection(queryClient, settingsFor(connection));
      return true;
    },
  });
}
