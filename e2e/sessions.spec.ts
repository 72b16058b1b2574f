import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiPaths, ISOLATION_KEY_HEADER, type AgentSession, type List } from '@contract';
import { expectNoSeriousA11yViolations } from './helpers/axe';

const ENDPOINT = '/api/projects/local';
/** Shared with other journeys: tests here only touch sessions they made. */
const NOTES = 'notes-agent';
/** Ours alone: the paging journey may assume every session of it is its own. */
const PAGING = 'paging-agent';

const api = (path: string, query: Record<string, string | number> = {}) => {
  const params = new URLSearchParams({ 'api-version': 'v1', ...query });
  for (const [k, v] of Object.entries(query)) params.set(k, String(v));
  return `${ENDPOINT}${path}?${params.toString()}`;
};

const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function createSession(
  request: APIRequestContext,
  agent: string,
  id: string,
  ownerKey?: string,
): Promise<AgentSession> {
  const res = await request.post(api(apiPaths.sessions(agent)), {
    data: { agent_session_id: id },
    headers: ownerKey ? { [ISOLATION_KEY_HEADER]: ownerKey } : {},
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as AgentSession;
}

async function deleteSession(request: APIRequestContext, agent: string, id: string, ownerKey?: string) {
  const res = await request.delete(api(apiPaths.session(agent, id)), {
    headers: ownerKey ? { [ISOLATION_KEY_HEADER]: ownerKey } : {},
  });
  expect(res.status()).toBe(204);
}

async function sessionExists(request: APIRequestContext, agent: string, id: string): Promise<boolean> {
  return (await request.get(api(apiPaths.session(agent, id)))).status() === 200;
}

/** The connection settings as the console keeps them, so a test can act as another owner. */
async function useIsolationKey(page: Page, key: string) {
  await page.addInitScript((isolationKey) => {
    localStorage.setItem(
      'asc.connection',
      JSON.stringify({ endpoint: '/api/projects/local', apiVersion: 'v1', isolationKey }),
    );
  }, key);
}

const sessionsTable = (page: Page) => page.getByRole('table', { name: /^Sessions of/ });
const rowOf = (page: Page, id: string) =>
  sessionsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: id, exact: true }) });
const idsOnPage = (page: Page) =>
  sessionsTable(page).getByRole('rowheader').getByRole('link').allTextContents();

test('creates a session with a chosen id and finds it in the list', async ({ page, request }) => {
  const id = uid('e2e-create');
  try {
    await page.goto(`/agents/${NOTES}/sessions`);
    await expect(page.getByRole('heading', { level: 1, name: NOTES })).toBeVisible();
    await page.getByRole('button', { name: 'Create session' }).first().click();

    const dialog = page.getByRole('dialog', { name: 'Create session' });
    // The endpoint routes 80% of traffic to version 2, so that is what the dialog starts with, and says why.
    await expect(dialog.getByLabel('Version')).toHaveValue('2');
    await expect(dialog.getByText(/80% of new sessions to version 2/)).toBeVisible();

    const idField = dialog.getByLabel('Session id');
    await idField.fill('short');
    await expect(dialog.getByText('At least 8 characters, 5 so far.')).toBeVisible();
    await expect(idField).toHaveAttribute('aria-invalid', 'true');
    await idField.fill('has space.dot');
    await expect(dialog.getByText(/remove spaces, “\.”/)).toBeVisible();
    await idField.fill(id);
    await expect(dialog.getByText(/A valid id/)).toBeVisible();
    await dialog.getByLabel('Owner key').fill('k-e2e');
    await dialog.getByRole('button', { name: 'Create session' }).click();

    // Lands on the new session's page, which refreshes by itself until the process is up.
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: id })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Active', exact: true }).first()).toBeVisible({
      timeout: 15_000,
    });

    await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'Sessions' })
      .click();
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions`);
    await expect(rowOf(page, id)).toBeVisible();
    await expect(rowOf(page, id).getByRole('cell').nth(1)).toHaveText('2');

    // The same id again is a 409 that shows in the dialog, with what was typed still there.
    await page.getByRole('button', { name: 'Create session' }).first().click();
    await dialog.getByLabel('Session id').fill(id);
    await dialog.getByRole('button', { name: 'Create session' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`Session '${id}' already exists`);
    await expect(dialog.getByRole('alert')).toContainText('HTTP 409 · conflict · request id');
    await expect(dialog.getByLabel('Session id')).toHaveValue(id);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  } finally {
    if (await sessionExists(request, NOTES, id)) await deleteSession(request, NOTES, id, 'k-e2e');
  }
});

test('pages through 25 sessions both ways by cursor, and the URL survives a reload', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const made: string[] = [];
  try {
    for (let i = 0; i < 25; i++) {
      const id = uid(`e2e-page-${String(i).padStart(2, '0')}`);
      await createSession(request, PAGING, id);
      made.push(id);
      // Twenty-five idle sessions page the same as active ones and cost no processes.
      expect((await request.post(api(apiPaths.sessionStop(PAGING, id)))).status()).toBe(204);
    }
    const listed = (await (
      await request.get(api(apiPaths.sessions(PAGING), { limit: 100 }))
    ).json()) as List<AgentSession>;
    const newestFirst = listed.data.map((s) => s.agent_session_id);
    expect(newestFirst.length).toBeGreaterThanOrEqual(25);
    const pageOf = (n: number) => newestFirst.slice(n * 10, n * 10 + 10);

    await page.goto(`/agents/${PAGING}/sessions`);
    await page.getByLabel('Page size').selectOption('10');
    await expect(page).toHaveURL(/limit=10/);
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(0));
    const previous = page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('button', { name: 'Previous' });
    await expect(previous).toBeDisabled();

    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(new RegExp(`after=${pageOf(0)[9]}`));
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(1));

    await page.reload();
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(1));
    await expect(page.getByLabel('Page size')).toHaveValue('10');

    await page.getByRole('link', { name: 'Next' }).click();
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(2));
    if (newestFirst.length <= 30) {
      await expect(
        page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next' }),
      ).toBeDisabled();
    }

    // Back by `before` the first id: the page just ahead, twice, to the start.
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect(page).toHaveURL(new RegExp(`before=${pageOf(2)[0]}`));
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(1));
    await page.reload();
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(1));
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(0));
    await expect(previous).toBeDisabled();

    // Browser back walks the pages too, since each page is its own URL.
    await page.goBack();
    await expect.poll(() => idsOnPage(page)).toEqual(pageOf(1));

    // Oldest first starts over from the other end.
    await page.getByLabel('Order').selectOption('asc');
    await expect(page).toHaveURL(/order=asc/);
    await expect(page).not.toHaveURL(/after=|before=/);
    await expect.poll(() => idsOnPage(page)).toEqual([...newestFirst].reverse().slice(0, 10));

    // The status filter narrows the loaded page and lives in the URL as well.
    await page.getByLabel('Status on this page').selectOption('active');
    await expect(page).toHaveURL(/status=active/);
    await expect(page.getByText('No active sessions on this page')).toBeVisible();
    await page.reload();
    await expect(page.getByText('No active sessions on this page')).toBeVisible();
    await page.getByRole('button', { name: 'Show all statuses' }).click();
    await expect.poll(() => idsOnPage(page)).toHaveLength(10);
  } finally {
    for (const id of made) await deleteSession(request, PAGING, id);
  }
});

test('stops a session from the list and sees it become idle', async ({ page, request }) => {
  const id = uid('e2e-stop');
  await createSession(request, NOTES, id);
  try {
    await page.goto(`/agents/${NOTES}/sessions`);
    const row = rowOf(page, id);
    // Creating turns active without a reload: the list polls while a session is in motion.
    await expect(row.getByRole('button', { name: 'Active', exact: true })).toBeVisible({ timeout: 15_000 });
    await row.getByRole('button', { name: `Stop session ${id}` }).click();

    const dialog = page.getByRole('dialog', { name: 'Stop session?' });
    await expect(dialog).toContainText(id);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Stop session' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole('button', { name: 'Idle', exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: `Stop session ${id}` })).toBeDisabled();

    // The status explains itself to a keyboard user too.
    await row.getByRole('button', { name: 'Idle', exact: true }).focus();
    await expect(page.getByRole('tooltip')).toContainText('the next call resumes it');
    await expect(row.getByRole('button', { name: 'Idle', exact: true })).toHaveAccessibleDescription(
      /files are kept/,
    );
  } finally {
    await deleteSession(request, NOTES, id);
  }
});

test('deletes sessions after confirming, from the list and from the session page', async ({
  page,
  request,
}) => {
  const fromList = uid('e2e-del-list');
  const fromPage = uid('e2e-del-page');
  await createSession(request, NOTES, fromList);
  await createSession(request, NOTES, fromPage);
  try {
    await page.goto(`/agents/${NOTES}/sessions`);
    await rowOf(page, fromList)
      .getByRole('button', { name: `Delete session ${fromList}` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Delete session?' });
    await expect(dialog).toContainText(fromList);
    await expect(dialog).toContainText('files and logs');
    await dialog.getByRole('button', { name: 'Delete session' }).click();
    await expect(dialog).toBeHidden();
    await expect(rowOf(page, fromList)).toHaveCount(0);
    expect(await sessionExists(request, NOTES, fromList)).toBe(false);

    await rowOf(page, fromPage).getByRole('link', { name: fromPage }).click();
    await expect(page.getByRole('heading', { level: 1, name: fromPage })).toBeVisible();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(dialog).toContainText(fromPage);
    await dialog.getByRole('button', { name: 'Delete session' }).click();
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions`);
    await expect(rowOf(page, fromPage)).toHaveCount(0);
    expect(await sessionExists(request, NOTES, fromPage)).toBe(false);
  } finally {
    for (const id of [fromList, fromPage]) {
      if (await sessionExists(request, NOTES, id)) await deleteSession(request, NOTES, id);
    }
  }
});

test('explains a 403 when the owner key in Settings is not the session’s', async ({ page, request }) => {
  const id = uid('e2e-owned');
  await createSession(request, NOTES, id, 'k1');
  try {
    await useIsolationKey(page, 'k2');
    await page.goto(`/agents/${NOTES}/sessions/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: id })).toBeVisible();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete session?' });
    await dialog.getByRole('button', { name: 'Delete session' }).click();

    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('This session has an owner; set its isolation key in Settings.');
    await expect(alert).toContainText(`Session '${id}' has an owner`);
    await expect(alert).toContainText(/HTTP 403 · session_not_accessible · request id \S+/);
    await expect(alert.getByRole('button', { name: 'Copy error details' })).toBeVisible();
    await expect(alert.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings');
    // Nothing was deleted, and the dialog stayed so the message can be read and quoted.
    expect(await sessionExists(request, NOTES, id)).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: id })).toBeVisible();
  } finally {
    await deleteSession(request, NOTES, id, 'k1');
  }
});

test('opens a session from the header box by link, by agent/id, and refuses nonsense', async ({
  page,
  request,
}) => {
  const id = uid('e2e-open');
  await createSession(request, NOTES, id);
  try {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const box = page.getByRole('banner').getByRole('textbox', { name: 'Open session' });
    await page.keyboard.press('/');
    await expect(box).toBeFocused();

    await box.fill('not a session reference at all');
    await box.press('Enter');
    await expect(page.getByRole('banner').getByRole('alert')).toBeVisible();
    await expect(page).toHaveURL('/');

    // A link copied from someone else's console, on another host, still opens here, section and all.
    await box.fill(`https://console.example.test:8443/agents/${NOTES}/sessions/${id}/logs`);
    await box.press('Enter');
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions/${id}/logs`);
    await expect(page.getByRole('heading', { level: 1, name: id })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Session sections' }).getByRole('link', { name: 'Logs' }),
    ).toHaveAttribute('aria-current', 'page');

    await page.goto('/agents');
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
    await page.keyboard.press('/');
    await expect(box).toBeFocused();
    await page.keyboard.type(`${NOTES}/${id}`);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions/${id}`);
    await page
      .getByRole('navigation', { name: 'Session sections' })
      .getByRole('link', { name: 'Files' })
      .click();
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions/${id}/files`);
    // What the sections show is the files and logs features' business; here only that each has its URL.
    await expect(
      page.getByRole('navigation', { name: 'Session sections' }).getByRole('link', { name: 'Files' }),
    ).toHaveAttribute('aria-current', 'page');
  } finally {
    await deleteSession(request, NOTES, id);
  }
});

test('a session that does not exist has a clear page with a way back', async ({ page }) => {
  const id = uid('e2e-missing');
  await page.goto(`/agents/${NOTES}/sessions/${id}`);
  await expect(page.getByRole('heading', { name: 'Session not found' }).first()).toBeVisible();
  await expect(page.getByText(/HTTP 404 · not_found · request id/)).toBeVisible();
  await page.getByRole('link', { name: `Back to ${NOTES}’s sessions` }).click();
  await expect(page).toHaveURL(`/agents/${NOTES}/sessions`);
});

test('the sessions and session pages have no serious accessibility violations', async ({ page, request }) => {
  const id = uid('e2e-axe');
  await createSession(request, NOTES, id);
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/agents/${NOTES}/sessions`);
      await expect(rowOf(page, id)).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.goto(`/agents/${NOTES}/sessions/${id}`);
      await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  } finally {
    await deleteSession(request, NOTES, id);
  }
});
