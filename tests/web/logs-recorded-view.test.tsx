// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { useParams } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPath, type RecordedLines } from '@contract';
import { paths } from '../../src/web/app/paths';
import { LogConsole } from '../../src/web/features/logs/components/log-console';
import { renderRoutes } from '../helpers/render';
import { openOnHost, webHost } from '../helpers/web-host';

// The Logs tab's recorded lines, against the console server of the web tests' host, which records every
// local session: a session that is gone shows them at once; the Recorded view pages back through them
// and searches them on the server.

const AGENT = 'notes-agent';
/** More answers than one page of recorded lines (200) holds: 3 lines each. */
const ANSWERS = 70;
const host = webHost();
let sessionId = '';

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');

beforeAll(async () => {
  openOnHost(host);
  // jsdom lays nothing out (and never scrolls): with a viewport of 20 rows, the virtualizer draws the
  // oldest rows loaded and a few more, which is what these tests look at.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });

  sessionId = await host.invoke(AGENT, 'message 1');
  // One after another: each answer's number says its place.
  for (let i = 2; i <= ANSWERS; i++) await host.invoke(AGENT, `message ${i}`, sessionId);
  await waitFor(
    async () => {
      const res = await fetch(
        `${host.origin}${historyPath('local', AGENT, sessionId)}/lines?q=answered&limit=1000`,
      );
      expect(((await res.json()) as RecordedLines).data).toHaveLength(ANSWERS);
    },
    { timeout: 20_000, interval: 250 },
  );
  // Gone: the live stream has nothing to give, the recording keeps the lines.
  await host.deleteSession(AGENT, sessionId);
}, 120_000);
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

function LogsTab() {
  const { agentName = '', sessionId: id = '' } = useParams();
  return <LogConsole agent={agentName} sessionId={id} mode="tab" />;
}

function renderLogs(query = '') {
  return renderRoutes(
    [{ path: paths.sessionLogs.path, element: <LogsTab /> }],
    paths.sessionLogs.getHref(AGENT, sessionId) + query,
  );
}

/** Types a search and presses Enter; pasted, since typing key by key into a page this big is slow in jsdom. */
async function search(user: UserEvent, box: HTMLElement, text: string) {
  await user.click(box);
  await user.paste(text);
  await user.keyboard('{Enter}');
}

/** A row's message by its whole text: search highlights split it into several elements. */
const message = (re: RegExp) => (_: string, el: Element | null) =>
  el?.getAttribute('data-part') === 'message' && re.test(el.textContent ?? '');

/** As a reader scrolling up to the oldest line: the virtualizer then draws the top rows. */
function scrollToTop(log: HTMLElement) {
  log.scrollTop = 0;
  fireEvent.scroll(log);
}

const recordedLog = () => screen.findByRole('log', { name: `Recorded log lines of session ${sessionId}` });
const shownCount = (log: HTMLElement) => Number(log.getAttribute('data-recorded-lines'));

describe('recorded lines in the Logs tab', () => {
  it('shows a session that is gone from the recording, says so and up to when, and pages back', async () => {
    const { user } = renderLogs();
    expect(await screen.findByText(/This session is gone \(deleted or expired\)/)).toBeTruthy();
    expect(screen.getByText(/these are the lines this console recorded, up to/)).toBeTruthy();
    const log = await recordedLog();
    expect(shownCount(log)).toBe(200);
    // The newest 200 lines: the session's first ones are not among them.
    expect(within(log).queryByText(/listening on port/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Load earlier (recorded)' }));
    await waitFor(() => expect(shownCount(log)).toBeGreaterThan(ANSWERS * 3));
    scrollToTop(log);
    // The list draws the rows a scroll brings into view on its next frame, not at once.
    await waitFor(() => expect(within(log).getByText(/listening on port/)).toBeTruthy());
    expect(within(log).getByText(/answered: Noted \(1\)\./)).toBeTruthy();
    // The whole recording is shown: nothing older to ask for.
    expect(screen.queryByRole('button', { name: 'Load earlier (recorded)' })).toBeNull();
  });

  it('searches the recording on the server, newest matches first, and pages to older matches', async () => {
    const { user } = renderLogs();
    await user.click(await screen.findByRole('button', { name: 'Search the recording' }));
    const box = await screen.findByRole('searchbox', { name: 'Search the recording' });
    await search(user, box, 'answered OR received OR wrote');
    await waitFor(async () => expect(shownCount(await recordedLog())).toBe(200));
    const log = await recordedLog();
    // Only lines the search found, the newest 200 of them.
    expect(within(log).queryByText(message(/listening on port/))).toBeNull();
    expect(within(log).queryByText(message(/answered: Noted \(1\)\./))).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Older matches' }));
    // Every match: the three lines of each answer, and whatever else (a status line) has the words.
    await waitFor(() => expect(shownCount(log)).toBeGreaterThanOrEqual(ANSWERS * 3));
    scrollToTop(log);
    await waitFor(() => expect(within(log).getByText(message(/answered: Noted \(1\)\./))).toBeTruthy());
    expect(within(log).queryByText(message(/listening on port/))).toBeNull();
    expect(screen.queryByRole('button', { name: 'Older matches' })).toBeNull();
  });

  it('says what the server said when it refuses the search syntax', async () => {
    const { user } = renderLogs('?source=recorded');
    const box = await screen.findByRole('searchbox', { name: 'Search the recording' });
    await search(user, box, '"unclosed');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The recording could not be searched with that query');
    // The server's own words, whatever they are: the answer's message is shown as it came.
    const res = await fetch(
      `${host.origin}${historyPath('local', AGENT, sessionId)}/lines?q=${encodeURIComponent('"unclosed')}`,
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(alert.textContent).toContain(error.message);
  });
});
