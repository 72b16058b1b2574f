import type { List, PageQuery } from '@contract';
import { badRequest } from '../errors';

export const DEFAULT_LIMIT = 20;

/** One window of rows past `bound` (exclusive) in `direction`, nearest first, at most `count`. */
export type FetchWindow<T> = (direction: 'asc' | 'desc', bound: number | undefined, count: number) => T[];

/**
 * Cursor paging over a monotonic sequence number. `after` continues in list order, `before` gives the
 * page just ahead of the cursor (still in list order). Cursors are object ids resolved to a sequence
 * number, so a page boundary stays put while rows are added or removed around it.
 */
export function pageBySeq<T>(
  query: PageQuery,
  fetchWindow: FetchWindow<T>,
  resolveCursor: (id: string) => number | undefined,
  idOf: (row: T) => string,
): List<T> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const order = query.order ?? 'desc';
  if (query.after !== undefined && query.before !== undefined) {
    throw badRequest('Give either after or before, not both.', 'after');
  }
  const cursorParam = query.after !== undefined ? 'after' : query.before !== undefined ? 'before' : undefined;
  let bound: number | undefined;
  if (cursorParam) {
    const id = query[cursorParam]!;
    bound = resolveCursor(id);
    if (bound === undefined) throw badRequest(`Unknown cursor '${id}'.`, cursorParam);
  }
  const reverse = order === 'asc' ? 'desc' : 'asc';
  const direction = cursorParam === 'before' ? reverse : order;
  const rows = fetchWindow(direction, bound, limit + 1);
  const hasMore = rows.length > limit;
  const data = rows.slice(0, limit);
  if (cursorParam === 'before') data.reverse();
  return page(data, hasMore, idOf);
}

function page<T>(data: T[], hasMore: boolean, idOf: (row: T) => string): List<T> {
  const first = data[0];
  const last = data[data.length - 1];
  return {
    object: 'list',
    data,
    ...(first !== undefined && { first_id: idOf(first) }),
    ...(last !== undefined && { last_id: idOf(last) }),
    has_more: hasMore,
  };
}
