import { useCallback } from 'react';
import { exportFileName, exportText, type ExportFormat } from '../lib/export';
import type { LogEntry } from '../lib/frame';
import type { LogStore } from '../lib/log-store';
import type { LogView } from '../lib/log-view';
import { formatNumber } from '../../../lib/format';

export type ExportScope = 'shown' | 'all';

/** Saves the lines shown, or everything held, as a file; `say` tells the reader how many. */
export function useLogDownload(
  { store, view, agent, sessionId }: { store: LogStore; view: LogView; agent: string; sessionId: string },
  say: (text: string) => void,
) {
  return useCallback(
    (scope: ExportScope, format: ExportFormat) => {
      const entries: LogEntry[] = [];
      if (scope === 'all') for (const e of store.buffer.range()) entries.push(e);
      else
        for (let i = 0; i < view.length; i++) {
          const e = store.buffer.at(view.rowAt(i)!);
          if (e) entries.push(e);
        }
      const blob = new Blob([exportText(entries, format)], {
        type: format === 'log' ? 'text/plain;charset=utf-8' : 'application/x-ndjson;charset=utf-8',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = exportFileName(agent, sessionId, format, scope);
      document.body.append(a);
      a.click();
      a.remove();
      // Revoked later: some browsers read the blob after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say(`Downloading ${formatNumber(entries.length)} ${scope === 'all' ? 'held' : 'shown'} lines.`);
    },
    [store, view, agent, sessionId, say],
  );
}
