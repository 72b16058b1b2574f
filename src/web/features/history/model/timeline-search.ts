import { TIMELINE_TYPES } from '@contract';

export type TimelineType = (typeof TIMELINE_TYPES)[number];
export { TIMELINE_TYPES };

/** What the History view shows: some types (all when absent) in a time range (open when absent). */
export interface TimelineFilter {
  types?: TimelineType[];
  /** ISO-8601 times, as the API takes them. */
  from?: string;
  to?: string;
}

const isType = (value: string): value is TimelineType =>
  (TIMELINE_TYPES as readonly string[]).includes(value);
const isTime = (value: string | null): value is string => Boolean(value) && !Number.isNaN(Date.parse(value!));

/**
 * The view as URL search params (`types=event,audit`, `from`, `to`), so a link reopens it. What the UI
 * cannot produce (an unknown type, a time that is not one) falls back to the default instead of
 * reaching the API as a 400.
 */
export function readTimelineSearch(search: URLSearchParams): TimelineFilter {
  const raw = search.get('types');
  const types = raw === null ? [] : [...new Set(raw.split(',').filter(isType))];
  const from = search.get('from');
  const to = search.get('to');
  return {
    // None, or all of them, is the default: no filter at all.
    ...(types.length > 0 && types.length < TIMELINE_TYPES.length && { types: sortTypes(types) }),
    ...(isTime(from) && { from }),
    ...(isTime(to) && { to }),
  };
}

export function writeTimelineSearch(filter: TimelineFilter): URLSearchParams {
  const search = new URLSearchParams();
  if (filter.types && filter.types.length > 0 && filter.types.length < TIMELINE_TYPES.length)
    search.set('types', sortTypes(filter.types).join(','));
  if (filter.from) search.set('from', filter.from);
  if (filter.to) search.set('to', filter.to);
  return search;
}

/** The types shown: all of them when the filter names none. */
export function shownTypes(filter: TimelineFilter): TimelineType[] {
  return filter.types ?? [...TIMELINE_TYPES];
}

/** The filter with one type switched on or off; switching off the last one shows all again. */
export function toggleType(filter: TimelineFilter, type: TimelineType): TimelineFilter {
  const shown = shownTypes(filter);
  const next = shown.includes(type) ? shown.filter((t) => t !== type) : [...shown, type];
  const { types: _old, ...rest } = filter;
  return next.length === 0 || next.length === TIMELINE_TYPES.length
    ? rest
    : { ...rest, types: sortTypes(next) };
}

function sortTypes(types: TimelineType[]): TimelineType[] {
  return TIMELINE_TYPES.filter((t) => types.includes(t));
}

/** `2026-03-10T09:30` (a datetime-local input's value, in the browser's zone) from an ISO time, and back. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
