import { RotateCcw } from 'lucide-react';
import { Button } from '../../../components/ui/button';
import { entrySummary, type HistoryEntry } from '../model/history';
import { HistoryReply } from './reply-view';

/** Requests made before the one on screen, newest first, each with its reply and a way to send it again. */
export function EarlierRequests({
  entries,
  running,
  onSendAgain,
}: {
  entries: readonly HistoryEntry[];
  /** A request is on its way: none can be sent again until it ends. */
  running: boolean;
  onSendAgain: (entry: HistoryEntry) => void;
}) {
  return (
    <section aria-label="Earlier requests" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Earlier requests in this session</h3>
      <ol className="flex flex-col gap-2">
        {entries.map((entry) => (
          <li key={entry.id} className="rounded-md border bg-surface p-3 text-sm">
            <HistoryReply entry={entry} heading={entrySummary(entry)} compact />
            <Button
              variant="secondary"
              size="sm"
              className="mt-2"
              disabled={running}
              onClick={() => onSendAgain(entry)}
            >
              <RotateCcw aria-hidden="true" />
              Send again
            </Button>
          </li>
        ))}
      </ol>
    </section>
  );
}
