import type { AgentSession, List, SessionStatus } from '@contract';
import type { SessionListParams, SessionOrder } from '../api/session-queries';
import { STATUS_INFO } from './status-info';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_ORDER: SessionOrder = 'desc';

/** In lifecycle order; the record's type makes sure none is missing. */
export const SESSION_STATUSES = Object.keys(STATUS_INFO) as SessionStatus[];
const STATUSES: readonly SessionStatus[] = SESSION_STATUSES;

export interface ListSearch {
  params: SessionListParams;
  /** Filters the loaded page only; the API has no status filter. */
  status?: SessionStatus;
}

/**
 * The list view as URL search params (`limit`, `order`, `after` | `before`, `status`), so a reload or a
 * shared link shows the same page. Values the UI cannot produce fall back to the defaults rather than
 * reaching the API as a 400.
 */
export function readListSearch(search: URLSearchParams): ListSearch {
  const limit = Number(search.get('limit'));
  const order = search.get('order');
  const after = search.get('after') || undefined;
  const before = after ? undefined : search.get('before') || undefined;
  const status = search.get('status');
  return {
    params: {
      limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
      order: order === 'asc' || order === 'desc' ? order : DEFAULT_ORDER,
      ...(after && { after }),
      ...(before && { before }),
    },
    ...(STATUSES.includes(status as SessionStatus) && { status: status as SessionStatus }),
  };
}

export function writeListSearch({ params, status }: ListSearch): URLSearchParams {
  const search = new URLSearchParams();
  search.set('limit', String(params.limit));
  search.set('order', params.order);
  if (params.after) search.set('after', params.after);
  else if (params.before) search.set('before', params.before);
  if (status) search.set('status', status);
  return search;
}

/** The link (a search) to another page of the same view: same size, order and status filter, another cursor. */
export function pageSearch(view: ListSearch, cursor: Pick<SessionListParams, 'after' | 'before'>): string {
  const params: SessionListParams = { limit: view.params.limit, order: view.params.order, ...cursor };
  return `?${writeListSearch({ params, ...(view.status && { status: view.status }) }).toString()}`;
}

/**
 * Links to the previous and next page by cursor: `before` the first id gives the page just ahead,
 * `after` the last id the one behind. Whether a side has more is only known for the side the page was
 * fetched towards; the other side is where the person came from, so it is assumed to exist.
 */
export function neighbourPages(
  view: ListSearch,
  page: List<AgentSession>,
): { previous: string | undefined; next: string | undefined } {
  const { params } = view;
  const hasPrevious = params.before ? page.has_more : Boolean(params.after);
  const hasNext = params.before ? true : page.has_more;
  return {
    previous: hasPrevious && page.first_id ? pageSearch(view, { before: page.first_id }) : undefined,
    next: hasNext && page.last_id ? pageSearch(view, { after: page.last_id }) : undefined,
  };
}
