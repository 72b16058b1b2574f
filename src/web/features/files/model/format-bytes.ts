import { formatNumber } from '../../../lib/format';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** "512 B", "1.5 KiB", "40 MiB": binary units, like the 50 MiB upload limit the API states. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  // Three significant figures at most: "1.23 MiB", "12.3 MiB", "123 MiB".
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${Number(value.toFixed(digits))} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** "1,234,567 bytes", for where the exact figure matters (limits, refusals). */
export function formatExactBytes(bytes: number): string {
  return `${formatNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
