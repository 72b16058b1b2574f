// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, historyPath, USER_LABEL_HEADER, type SessionHistory } from '@contract';
import { paths } from '../../src/web/app/paths';
import { SessionOverviewSection, SessionPage } from '../../src/web/app/routes/session';
import { SessionHistorySection } from '../../src/web/app/routes/session-history';
import { renderRoutes } from '../helpers/render';
import { openOnHost, uniqueId, webHost } from '../helpers/web-host';

// A deleted session's page, against the console server in the web tests' host: its memory of the
// session instead of a bare not-found.

const AGENT = 'notes-agent';
const LABEL = 'Support desk 4';
const host = webHost();

beforeAll(() => openOnHost(host));

/** A session made and deleted through the API by a browser labelled LABEL; resolves with who deleted it. */
async function deletedSession(): Promise<{ id: string; person: string }> {
  const id = uniqueId('gone');
  await host.createSession(AGENT, { id });
  const res = await fetch(host.url(apiPaths.session(AGENT, id)), {
    method: 'DELETE',
    headers: { [USER_LABEL_HEADER]: encodeURIComponent(LABEL) },
  });
  expect(res.status).toBe(204);
  let person = '';
  await waitFor(
    async () => {
      const history = (await (
        await fetch(`${host.origin}${historyPath('local', AGENT, id)}`)
      ).json()) as SessionHistory;
      expect(history.tombstone?.by?.action).toBe('session.delete');
      person = history.tombstone!.by!.person;
    },
    { timeout: 15_000, interval: 250 },
  );
  return { id, person };
}

function renderSession(path: string) {
  return renderRoutes(
    [
      {
        path: paths.session.path,
        element: <SessionPage />,
        children: [
          { index: true, element: <SessionOverviewSection /> },
          { path: paths.sessionHistory.path, element: <SessionHistorySection /> },
        ],
      },
    ],
    path,
  );
}

describe('a deleted session', () => {
  it('says when, through whom and until when its history is kept, with its last known details', async () => {
    const { id, person } = await deletedSession();
    renderSession(paths.session.getHref(AGENT, id));

    const title = await screen.findByRole('heading', { level: 1, name: `Session deleted: ${id}` });
    const card = title.closest('section')!;
    expect(
      within(card).getByText(
        new RegExp(
          `^Deleted at .+ through this console by ${person} \\(${LABEL}\\); recorded logs and history are kept until .+\\.$`,
        ),
      ),
    ).toBeTruthy();
    expect(within(card).getByText('Agent version').nextElementSibling?.textContent).toMatch(/^\d+$/);
    expect(screen.queryByRole('heading', { name: 'Session not found' })).toBeNull();
    expect(screen.getByRole('link', { name: 'History' }).getAttribute('href')).toBe(
      paths.sessionHistory.getHref(AGENT, id),
    );
    expect(screen.getByRole('link', { name: 'Recorded logs' }).getAttribute('href')).toBe(
      paths.sessionLogs.getHref(AGENT, id),
    );
  });

  it('keeps its History tab: the time line under the tombstone, ending with the delete', async () => {
    const { id } = await deletedSession();
    renderSession(paths.sessionHistory.getHref(AGENT, id));

    await screen.findByRole('heading', { level: 1, name: `Session deleted: ${id}` });
    const list = await screen.findByRole('list', { name: 'Time line, newest first' });
    expect(await within(list).findByRole('heading', { name: 'Deleted the session' })).toBeTruthy();
    // Nothing is left to record, so there is no pin to press.
    expect(screen.queryByRole('button', { name: 'Record' })).toBeNull();
  });

  it('a session the console never knew is still a plain not-found', async () => {
    const id = uniqueId('never');
    renderSession(paths.session.getHref(AGENT, id));
    expect(await screen.findByRole('heading', { level: 1, name: 'Session not found' })).toBeTruthy();
  });
});
