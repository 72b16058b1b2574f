import { QueryClient } from '@tanstack/react-query';

const MAX_RETRIES = 2;

/** A 4xx will answer the same way again; retrying only delays the message a person needs to see. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) return false;
  return failureCount < MAX_RETRIES;
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Sessions change on the server by themselves; a short freshness window avoids refetch bursts
        // when several panels mount together without hiding changes for long.
        staleTime: 5_000,
        retry: shouldRetry,
      },
      mutations: {
        // A stop or delete must never be sent twice behind the user's back.
        retry: false,
      },
    },
  });
}

/** The one client the app uses; tests make their own with `retry: false`. */
export const queryClient = createQueryClient();
