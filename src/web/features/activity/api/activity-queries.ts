import { infiniteQueryOptions } from '@tanstack/react-query';
import { AUDIT_CSV_PATH, AUDIT_PATH, type AuditList, type AuditQuery } from '@contract';
import { consoleRequest } from '../../../lib/api-client';
import { writeActivitySearch, type ActivityFilters } from '../model/activity-search';

/** Entries per page: a screenful and a bit, far below the server's 100. */
const ACTIVITY_PAGE = 50;

/** The CSV download of every entry the filters select, for a plain link. */
export function activityCsvHref(filters: ActivityFilters): string {
  const search = writeActivitySearch(filters).toString();
  return search ? `${AUDIT_CSV_PATH}?${search}` : AUDIT_CSV_PATH;
}

/**
 * Keys go from general to specific: ['activity'] covers every view of the trail. The trail is the
 * console's, not a project's, so it is the same on every connection.
 */
export const activityQueries = {
  all: () => ['activity'] as const,
  lists: () => [...activityQueries.all(), 'list'] as const,
  /** Newest first; each further page is the older entries `after` the last one held. */
  list: (filters: ActivityFilters) =>
    infiniteQueryOptions({
      queryKey: [...activityQueries.lists(), filters] as const,
      queryFn: ({ pageParam, signal }) =>
        consoleRequest<AuditList>(AUDIT_PATH, {
          query: { ...filters, order: 'desc', limit: ACTIVITY_PAGE, after: pageParam } satisfies AuditQuery,
          signal,
        }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => (last.has_more ? last.last_id : undefined),
    }),
};
