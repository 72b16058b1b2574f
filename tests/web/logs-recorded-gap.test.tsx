// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyPath, type RecordedLine, type RecordedLines } from '@contract';
import { LogRow, type RowHandlers } from '../../src/web/features/logs/components/log-row';
import { useGapFill } from '../../src/web/features/logs/hooks/use-gap-fill';
import { LogStore } from '../../src/web/features/logs/lib/log-store';
import { compileSearch } from '../../src/web/features/logs/lib/search';
import { openOnHost, sessionsToDelete, webHost } from '../helpers/web-host';

// A reconnect's gap in the live stream, filled from the console's recording: the pane's own store
// and hook against the console server in the web tests' host, which records every local session.

const AGENT = 'notes-agent';
const host = webHost();
const made = sessionsToDelete(host, AGENT);

beforeAll(() => openOnHost(host));

async function recorded(sessionId: string): Promise<RecordedLine[]> {
  const url = `${host.origin}${historyPath('local', AGENT, sessionId)}/lines?limit=1000`;
  const res = await fetch(url);
  if (res.status !== 200) return [];
  return ((await res.json()) as RecordedLines).data;
}

/** A session that wrote `words.length` answers, once the recording holds every one of them. */
async function sessionWithRecordedLines(words: string[]): Promise<{ id: string; lines: RecordedLine[] }> {
  const [first, ...rest] = words;
  const id = await host.invoke(AGENT, first!);
  made.push(id);
  for (const w of rest) await host.invoke(AGENT, w, id);
  let lines: RecordedLine[] = [];
  await waitFor(
    async () => {
      lines = await recorded(id);
      expect(lines.filter((l) => l.message.includes(' answered: '))).toHaveLength(words.length);
    },
    { timeout: 20_000, interval: 250 },
  );
  // Newest first from the server; oldest first here, as a stream sends them.
  return { id, lines: lines.reverse() };
}

const noHandlers: RowHandlers = {
  onSelect: () => {},
  onToggleJson: () => {},
  onToggleFull: () => {},
  onCopy: () => {},
};

/** The pane's gap marker row, with the hook that fills it, over a store fed by hand. */
function GapRow({ store, gapSeq, sessionId }: { store: LogStore; gapSeq: number; sessionId: string }) {
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  useGapFill(store, version, { connection: 'local', agent: AGENT, sessionId });
  const entry = store.buffer.at(gapSeq);
  if (!entry) return null;
  return (
    <LogRow
      entry={entry}
      index={0}
      start={0}
      time="off"
      now={0}
      wrap={false}
      search={compileSearch('', { matchCase: false, regex: false })}
      currentMatch={false}
      selected={false}
      jsonOpen={false}
      fullOpen={false}
      handlers={noHandlers}
      measure={undefined}
      fill={store.fills.get(gapSeq)}
    />
  );
}

/** A store as the pane's: a line, the stream lost and back (a gap marker), then a later line. */
function storeWithGap(before: RecordedLine, after: RecordedLine) {
  const store = new LogStore({ schedule: () => () => {} });
  const frame = (l: RecordedLine) => ({
    id: Number(l.id),
    kind: 'line' as const,
    stream: 'stdout' as const,
    streamName: undefined,
    time: l.time,
    message: l.message,
    raw: false,
    status: undefined,
    gap: undefined,
  });
  store.ingest([frame(before)]);
  store.flush();
  store.opened();
  store.lost('The connection dropped.');
  store.opened();
  const gapSeq = store.buffer.lastSeq;
  store.ingest([frame(after)]);
  store.flush();
  return { store, gapSeq };
}

describe('gap fill from the recording', () => {
  it('puts the lines the stream missed at the gap marker, from the recording, and says how many', async () => {
    const { id: sessionId, lines } = await sessionWithRecordedLines(['one', 'two', 'three']);
    const withIds = lines.filter((l) => l.id !== undefined);
    const first = withIds[0]!;
    const last = withIds[withIds.length - 1]!;
    const between = withIds.slice(1, -1);
    expect(between.length).toBeGreaterThanOrEqual(6);
    const { store, gapSeq } = storeWithGap(first, last);
    expect(store.buffer.at(gapSeq)?.kind).toBe('gap');

    render(<GapRow store={store} gapSeq={gapSeq} sessionId={sessionId} />);

    const filled = await screen.findByRole('group', { name: `${between.length} lines from the recording` });
    expect(screen.getByRole('note', { name: 'Gap in the log' }).textContent).toContain(
      `${between.length} lines filled from the recording`,
    );
    const shown = within(filled)
      .getAllByText(/./, { selector: 'span.flex-1' })
      .map((el) => el.textContent);
    expect(shown).toEqual(between.map((l) => l.message));
    // Held beside the buffer's own lines: the live buffer is as it was.
    expect(store.buffer.length).toBe(3);
  });
});
