import type { FileEntry } from '@contract';
import { formatNumber } from '../../../lib/format';

export type SortKey = 'name' | 'size' | 'modified';
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { key: 'name', direction: 'asc' };

// Numeric so "file 2" comes before "file 10", as people read them; the server's order is by code unit.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const byKey: Record<SortKey, (a: FileEntry, b: FileEntry) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  size: (a, b) => a.size - b.size,
  modified: (a, b) => a.modified_time - b.modified_time,
};

/** Folders first, then by the chosen column (ties by name), keeping only names that contain `filter`. */
export function arrangeEntries(entries: readonly FileEntry[], sort: SortState, filter: string): FileEntry[] {
  const needle = filter.trim().toLocaleLowerCase();
  const kept = needle ? entries.filter((e) => e.name.toLocaleLowerCase().includes(needle)) : [...entries];
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = byKey[sort.key];
  return kept.sort((a, b) => {
    if (a.is_directory !== b.is_directory) return a.is_directory ? -1 : 1;
    return sign * (compare(a, b) || byKey.name(a, b));
  });
}

/** A click on a column: the same column flips direction; a new one starts A→Z for names, largest or newest first otherwise. */
export function nextSort(sort: SortState, key: SortKey): SortState {
  return sort.key === key
    ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { key, direction: key === 'name' ? 'asc' : 'desc' };
}

/** "120 items · 4 folders · 3 shown · loading more…": the listing's status line. */
export function listingSummary(
  entries: readonly FileEntry[],
  shown: number,
  filter: string,
  complete: boolean,
): string {
  const n = entries.length;
  const folders = entries.filter((e) => e.is_directory).length;
  const parts = [`${formatNumber(n)} ${n === 1 ? 'item' : 'items'}`];
  if (complete && folders > 0) parts.push(`${formatNumber(folders)} ${folders === 1 ? 'folder' : 'folders'}`);
  if (filter.trim()) parts.push(`${formatNumber(shown)} shown`);
  if (!complete) parts.push('loading more…');
  return parts.join(' · ');
}
