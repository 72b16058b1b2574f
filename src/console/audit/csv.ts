import { AUDIT_CSV_COLUMNS, type AuditEntry } from '@contract';

/** RFC 4180 lines, CRLF-terminated, as spreadsheets expect them. */
export const csvHeader = () => `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;

export function csvLine(entry: AuditEntry): string {
  return `${AUDIT_CSV_COLUMNS.map((column) => cell(entry[column])).join(',')}\r\n`;
}

/**
 * One field. Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage
 * return first) gets a `'` in front: a label or a path is whatever someone typed, and opening the export
 * must not run it.
 */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
