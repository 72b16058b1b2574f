import { AUDIT_ACTIONS, type AuditAction, type AuditFilters } from '@contract';

/** The filters the Activity page offers: the trail's own, newest first always. */
export type ActivityFilters = Omit<AuditFilters, 'order'>;

export const FILTER_NAMES = ['person', 'action', 'agent', 'session', 'connection', 'from', 'to'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

const isAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);

/**
 * The filters in the page's URL (`?person=…&action=…&from=…`), so a link reopens the same view. Text
 * filters and times go to the server as written, so a time it cannot read is refused with its reason;
 * an action the console does not know would only be a 400 about a select the person cannot change, so
 * it is left out.
 */
export function readActivitySearch(search: URLSearchParams): ActivityFilters {
  const filters: ActivityFilters = {};
  for (const name of FILTER_NAMES) {
    const value = search.get(name)?.trim();
    if (!value) continue;
    if (name === 'action') {
      if (isAction(value)) filters.action = value;
    } else {
      filters[name] = value;
    }
  }
  return filters;
}

/** The URL search of a view: only the filters given, in a fixed order, so equal views have equal links. */
export function writeActivitySearch(filters: ActivityFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name]?.trim();
    if (value) search.set(name, value);
  }
  return search;
}

export const hasFilters = (filters: ActivityFilters) => FILTER_NAMES.some((name) => filters[name]);
