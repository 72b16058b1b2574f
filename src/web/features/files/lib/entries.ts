import type { FileEntry } from '../../../../contract';

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
