// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, HISTORY_PATH, historyPath, type HistoryUsage, type SessionHistory } from '@contract';
import { paths } from '../../src/web/app/paths';
import { SessionHistorySection } from '../../src/web/app/routes/session-history';
import { TIMELINE_PAGE } from '../../src/web/features/history/api/history-queries';
import { HistoryUsageCard } from '../../src/web/features/history/components/history-usage-card';
import { renderRoutes } from '../helpers/render';
import { openOnHost, sessionsToDelete, uniqueId, webHost } from '../helpers/web-host';

// A session's History view against the console server in the web tests' host, which records every
// local session and keeps the audit trail of each call made to it.

const AGENT = 'notes-agent';
const host = webHost();
const made = sessionsToDelete(host, AGENT);

beforeAll(() => openOnHost(host));

/** A session made and then stopped through the API, once its history holds both audit entries. */
async function createdAndStopped(): Promise<string> {
  const id = uniqueId('hist');
  await host.createSession(AGENT, { id });
  made.push(id);
  const stop = await fetch(host.url(apiPaths.sessionStop(AGENT, id)), { method: 'POST' });
  expect(stop.status).toBe(204);
  await waitFor(
    async () => {
      const res = await fetch(`${host.origin}${historyPath('local', AGENT, id)}?types=audit`);
      const history = (await res.json()) as SessionHistory;
      const actions = history.timeline.map((item) => (item.type === 'audit' ? item.entry.action : ''));
      expect(actions).toEqual(expect.arrayContaining(['session.create', 'session.stop']));
    },
    { timeout: 15_000, interval: 250 },
  );
  return id;
}

function renderHistory(id: string, search = '') {
  return renderRoutes(
    [{ path: paths.sessionHistory.path, element: <SessionHistorySection /> }],
    paths.sessionHistory.getHref(AGENT, id, search),
  );
}

const timeline = () => screen.findByRole('list', { name: 'Time line, newest first' });

describe('the History view', () => {
  it('shows the create and the stop as audit entries, newest first, with who and the request id', async () => {
    const id = await createdAndStopped();
    renderHistory(id);

    const list = await timeline();
    const stopped = await within(list).findByRole('heading', { name: 'Stopped the session' });
    const created = within(list).getByRole('heading', { name: 'Created the session' });
    // Newest first: the stop comes before the create in the document.
    expect(stopped.compareDocumentPosition(created) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const stopRow = stopped.closest('li')!;
    expect(within(stopRow).getByText('session.stop')).toBeTruthy();
    expect(within(stopRow).getByText(/HTTP 204/)).toBeTruthy();
    expect(within(stopRow).getByText(/request id/)).toBeTruthy();
    // The recorder's own part: the session was recorded, and it says so.
    expect(screen.getByRole('region', { name: 'Recording' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Record' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('filters by type through the URL, and a link with the filter reopens the same view', async () => {
    const id = await createdAndStopped();
    const first = renderHistory(id);
    const { user, router } = first;
    const list = await timeline();
    await within(list).findByRole('heading', { name: 'Stopped the session' });

    await user.click(screen.getByRole('checkbox', { name: 'Audit entries' }));
    await waitFor(() => expect(router.state.location.search).toBe('?types=event%2Cgap'));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Stopped the session' })).toBeNull());
    // Every row left is an event or a gap, or the view says nothing matches.
    const left = screen.queryByRole('list', { name: 'Time line, newest first' });
    if (left) expect(within(left).queryAllByText('Audit', { exact: true })).toEqual([]);
    else expect(screen.getByRole('heading', { name: 'Nothing matches these filters' })).toBeTruthy();
    first.unmount();

    // The same view from a link: audit entries alone, the boxes ticked as the URL says.
    renderHistory(id, '?types=audit');
    const audit = await timeline();
    expect(await within(audit).findByRole('heading', { name: 'Stopped the session' })).toBeTruthy();
    expect(within(audit).queryAllByText('Event', { exact: true })).toEqual([]);
    expect(screen.getByRole('checkbox', { name: 'Events' })).toHaveProperty('checked', false);
    expect(screen.getByRole('checkbox', { name: 'Audit entries' })).toHaveProperty('checked', true);
  });

  it('filters by time range: a range before the session shows nothing, and says so', async () => {
    const id = await createdAndStopped();
    const { router, user } = renderHistory(id, '?from=2001-01-01T00:00:00.000Z&to=2001-01-02T00:00:00.000Z');
    expect(await screen.findByRole('heading', { name: 'Nothing matches these filters' })).toBeTruthy();
    expect(router.state.location.search).toContain('from=2001-01-01');
    await user.click(screen.getByRole('button', { name: 'Any time' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(await screen.findByRole('heading', { name: 'Stopped the session' })).toBeTruthy();
  });
});

describe('paging', () => {
  it('loads older entries with Load older until the beginning', async () => {
    const id = await createdAndStopped();
    // More audit entries than one page holds: stopping a stopped session is fine, and each is a call.
    const stops = Array.from({ length: TIMELINE_PAGE }, () =>
      fetch(host.url(apiPaths.sessionStop(AGENT, id)), { method: 'POST' }).then((res) => res.status),
    );
    expect(new Set(await Promise.all(stops))).toEqual(new Set([204]));
    const { user } = renderHistory(id, '?types=audit');
    const list = await timeline();
    // Rows counted by selector: role queries over a hundred rows take seconds under jsdom.
    const rows = () => list.querySelectorAll(':scope > li').length;
    await waitFor(() => expect(rows()).toBe(TIMELINE_PAGE));
    expect(within(list).queryByText('Created the session')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Load older' }));
    // The create is the oldest entry: it comes with the last page, and the view says it has them all.
    expect(await within(list).findByText('Created the session')).toBeTruthy();
    expect(rows()).toBe(TIMELINE_PAGE + 2);
    expect(screen.getByText('The beginning of what the console kept.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  }, 60_000);
});

describe('the History view when the server refuses', () => {
  it('shows the server’s message and request id, with a way to try again', async () => {
    renderHistory(`x${'y'.repeat(300)}`);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The history could not be loaded' })).toBeTruthy();
    expect(within(alert).getByText(/HTTP 400 · invalid_request · request id \S+/)).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('offers Record for a session the console has not met, which makes it known', async () => {
    const id = uniqueId('unmet');
    const { user } = renderHistory(id);
    expect(await screen.findByRole('heading', { name: 'No history of this session yet' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Record' }));
    // Known now: the recording panel comes from the server, pinned.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Record' }).getAttribute('aria-pressed')).toBe('true'),
    );
    expect(screen.queryByRole('heading', { name: 'No history of this session yet' })).toBeNull();
    await fetch(`${host.origin}${historyPath('local', AGENT, id)}/pin`, { method: 'DELETE' });
  });
});

describe('the Record pin', () => {
  it('pins the recording through the server, which then says so and keeps an audit entry of it', async () => {
    const id = await createdAndStopped();
    const { user } = renderHistory(id);
    const record = await screen.findByRole('button', { name: 'Record' });
    expect(record.getAttribute('aria-pressed')).toBe('false');

    await user.click(record);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Record' }).getAttribute('aria-pressed')).toBe('true'),
    );
    const res = await fetch(`${host.origin}${historyPath('local', AGENT, id)}?limit=1`);
    expect(((await res.json()) as SessionHistory).recording.pinned).toBe(true);
    expect(await screen.findByRole('heading', { name: 'Pinned the recording' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Record' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Record' }).getAttribute('aria-pressed')).toBe('false'),
    );
  });
});

describe('the History card in Settings', () => {
  it('shows the usage the server reports against both limits, and where the limits are set', async () => {
    const usage = (await (await fetch(`${host.origin}${HISTORY_PATH}/usage`)).json()) as HistoryUsage;
    renderRoutes([{ path: '/settings', element: <HistoryUsageCard /> }], '/settings');

    const card = await screen.findByRole('region', { name: 'History' });
    const meter = await within(card).findByRole('meter', { name: 'History size against its limit' });
    expect(meter.getAttribute('aria-valuemax')).toBe(String(usage.limits.max_mb));
    expect(within(card).getByText('Kept for').nextElementSibling?.textContent).toContain(
      `${usage.limits.days} days`,
    );
    expect(within(card).getByText('--history-days')).toBeTruthy();
    expect(within(card).getByText('--history-max-mb')).toBeTruthy();
    expect(within(card).getByText(/Both limits are set when starting the server/)).toBeTruthy();
  });
});
