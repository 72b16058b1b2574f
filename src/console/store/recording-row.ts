/** A row of `recordings` (the 'history' step): what the console keeps of one session on one connection. */
export interface RecordingRow {
  id: number;
  connection: string;
  agent: string;
  session: string;
  reasons: string;
  reasons_until_ms: number | null;
  pinned: 0 | 1;
  last_event_id: string | null;
  first_line_ms: number | null;
  lines: number;
  last_known: string | null;
  last_seen_ms: number | null;
  gone_how: string | null;
  gone_ms: number | null;
  created_ms: number;
}
