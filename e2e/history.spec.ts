import { expect as baseExpect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiPaths, historyPath, type AgentSession, type SessionHistory } from '@contract';
import { expectNoSeriousA11yViolations } from './helpers/axe';

// The session's History tab and the tombstone of a deleted session, against `npm start`, whose console
// server records every local session and keeps the audit trail of every changing call.

// Each journey waits for sessions to start and for the recorder to catch up, on a machine the suite shares.
test.describe.configure({ timeout: 90_000 });
// The console server answers from its own SQLite, but the host under it may be busy with other journeys.
const expect = baseExpect.configure({ timeout: 15_000 });

const ENDPOINT = '/api/projects/local';
const api = (path: string, query: Record<string, string> = {}) =>
  `${ENDPOINT}${path}?${new URLSearchParams({ 'api-version': 'v1', ...query })}`;
const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function createSession(request: APIRequestContext, agent: string, id: string) {
  const res = await request.post(api(apiPaths.sessions(agent)), { data: { agent_session_id: id } });
  expect(res.status(), await res.text()).toBe(201);
}

async function deleteSession(request: APIRequestContext, agent: string, id: string) {
  expect([204, 404]).toContain((await request.delete(api(apiPaths.session(agent, id)))).status());
}

/** The console's history of a session, as its API answers it (undefined while it knows nothing). */
async function history(request: APIRequestContext, agent: string, id: string) {
  const res = await request.get(historyPath('local', agent, id));
  return res.ok() ? ((await res.json()) as SessionHistory) : undefined;
}

const timeline = (page: Page) => page.getByRole('list', { name: 'Time line, newest first' });
const entry = (page: Page, title: string) =>
  timeline(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: title }) });

test('the History tab shows create, upload, file delete and stop in order, with path and size', async ({
  page,
  request,
}) => {
  const agent = 'notes-agent';
  const id = uid('hist-files');
  await createSession(request, agent, id);
  try {
    const put = await request.put(api(apiPaths.fileContent(agent, id), { path: 'inbox/order-17.txt' }), {
      data: Buffer.from('twelve bytes'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.status()).toBe(201);
    const del = await request.delete(api(apiPaths.files(agent, id), { path: 'inbox/order-17.txt' }));
    expect(del.status()).toBe(204);
    expect((await request.post(api(apiPaths.sessionStop(agent, id)))).status()).toBe(204);

    await page.goto(`/agents/${agent}/sessions/${id}`);
    await page.getByRole('link', { name: 'History' }).click();
    await expect(page).toHaveURL(`/agents/${agent}/sessions/${id}/history`);
    await expect(page.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');

    // Audit entries only: their order is the order the calls were made in, newest first.
    // Clicked and then checked, not uncheck(): the box follows the URL, which changes a moment later.
    await page.getByRole('checkbox', { name: 'Events' }).click();
    await expect(page.getByRole('checkbox', { name: 'Events' })).not.toBeChecked();
    await page.getByRole('checkbox', { name: 'Gaps' }).click();
    await expect(page).toHaveURL(/\?types=audit$/);
    const titles = timeline(page).getByRole('heading', { level: 3 });
    await expect(titles).toHaveText([
      'Stopped the session',
      'Deleted a file',
      'Uploaded a file',
      'Created the session',
    ]);
    const upload = entry(page, 'Uploaded a file');
    await expect(upload).toContainText('inbox/order-17.txt');
    await expect(upload).toContainText('12 bytes');
    await expect(upload).toContainText('HTTP 201');
    await expect(entry(page, 'Deleted a file')).toContainText('inbox/order-17.txt');

    // The link keeps the filter: a reload shows the same view.
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Events' })).not.toBeChecked();
    await expect(titles).toHaveCount(4);

    // All types again: the session's events are there too.
    await page.getByRole('checkbox', { name: 'Events' }).click();
    await expect(timeline(page).getByText('Event', { exact: true }).first()).toBeVisible();

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectNoSeriousA11yViolations(page);
    }
  } finally {
    await deleteSession(request, agent, id);
  }
});

test('a crash stands out in the History tab as an exit with its code', async ({ page, request }) => {
  const agent = 'job-agent';
  const id = uid('hist-crash');
  await createSession(request, agent, id);
  try {
    // Once it is ready, the job agent ends its own process with code 3 when its input says "crash".
    await expect
      .poll(
        async () =>
          ((await (await request.get(api(apiPaths.session(agent, id)))).json()) as AgentSession).status,
        {
          timeout: 20_000,
        },
      )
      .toBe('active');
    await request.post(api(apiPaths.invocations(agent), { agent_session_id: id }), {
      data: { input: 'please crash' },
      failOnStatusCode: false,
    });
    await expect
      .poll(
        async () =>
          (await history(request, agent, id))?.timeline.some(
            (item) => item.type === 'event' && item.event === 'exited' && item.exit_code === 3,
          ),
        { timeout: 20_000 },
      )
      .toBe(true);

    await page.goto(`/agents/${agent}/sessions/${id}/history?types=event`);
    const crash = entry(page, 'Agent process crashed: exit code 3');
    await expect(crash).toBeVisible();
    await expect(crash.getByText('Crash', { exact: true })).toBeVisible();
    await expect(crash).toContainText('exited with code 3');
    // It is not dressed like a quiet stop: its row has the danger colour, which no idle row has.
    await expect(crash).toHaveClass(/border-destructive/);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectNoSeriousA11yViolations(page);
    }
  } finally {
    await deleteSession(request, agent, id);
  }
});

test('a deleted session’s page is its tombstone, with links to what the console kept', async ({
  page,
  request,
}) => {
  const agent = 'notes-agent';
  const id = uid('hist-gone');
  await createSession(request, agent, id);
  await page.goto(`/agents/${agent}/sessions/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: id })).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete session?' });
  await dialog.getByRole('button', { name: 'Delete session' }).click();
  await expect(page).toHaveURL(`/agents/${agent}/sessions`);
  await expect.poll(async () => (await history(request, agent, id))?.tombstone?.how).toBe('deleted');

  await page.goto(`/agents/${agent}/sessions/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Session deleted: ${id}` })).toBeVisible();
  await expect(
    page.getByText(
      /^Deleted at .+ through this console by .+; recorded logs and history are kept until .+\.$/,
    ),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Session not found' })).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page);
  }

  await page.getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(`/agents/${agent}/sessions/${id}/history`);
  await expect(entry(page, 'Deleted the session')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Recorded logs' })).toHaveAttribute(
    'href',
    `/agents/${agent}/sessions/${id}/logs`,
  );
});
