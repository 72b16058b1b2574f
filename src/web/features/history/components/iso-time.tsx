import { formatDateTime, formatUtc } from '../../../lib/format';

/** An ISO time written the house's way, with the UTC time on hover for quoting across time zones. */
export function IsoTime({ iso, className }: { iso: string; className?: string }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span className={className}>{iso}</span>;
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)} className={className}>
      {formatDateTime(date)}
    </time>
  );
}
