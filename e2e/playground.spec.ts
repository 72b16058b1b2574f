import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiPaths, type AgentSession, type List } from '@contract';
import { expectNoSeriousA11yViolations } from './helpers/axe';

const ENDPOINT = '/api/projects/local';
const api = (path: string) => `${ENDPOINT}${path}?api-version=v1`;
const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function createSession(request: APIRequestContext, agent: string, id: string) {
  const res = await request.post(api(apiPaths.sessions(agent)), { data: { agent_session_id: id } });
  expect(res.status(), await res.text()).toBe(201);
}

async function deleteSession(request: APIRequestContext, agent: string, id: string) {
  expect((await request.delete(api(apiPaths.session(agent, id)))).status()).toBe(204);
}

const logRegion = (page: Page) => page.getByRole('log');
const replyRegion = (page: Page) => page.getByRole('region', { name: 'Reply' });

test('a message sent in the Playground streams a reply, a log line and a new file onto the same page', async ({
  page,
  request,
}) => {
  const id = uid('play-notes');
  await createSession(request, 'notes-agent', id);
  try {
    await page.goto(`/agents/notes-agent/sessions/${id}/playground`);
    await expect(page.getByRole('link', { name: 'Playground' })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('textbox', { name: 'Message' }).fill('Remember that the demo is on Friday');
    await page.getByRole('button', { name: 'Send' }).click();

    const reply = replyRegion(page);
    await expect(reply.getByText('HTTP 200')).toBeVisible();
    await expect(reply.getByText(/Noted \(1\)|notes\/note-0001\.md/)).toBeVisible();
    await expect(reply.getByText(/request id [0-9a-f-]{36}/)).toBeVisible();
    // The agent's own log line and the note it wrote appear without leaving the page.
    await expect(logRegion(page).getByText(/received a message of 35 characters/)).toBeVisible();
    await expect(page.getByRole('row', { name: 'notes', exact: true })).toBeVisible();

    // It is kept in this session's history and can be sent again.
    await page.getByRole('textbox', { name: 'Message' }).fill('A second note');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(reply.getByText(/Noted \(2\)|note-0002/)).toBeVisible();
    const earlier = page.getByRole('region', { name: 'Earlier requests' });
    await expect(earlier.getByRole('listitem')).toHaveCount(1);
    await earlier.getByRole('button', { name: 'Send again' }).click();
    await expect(reply.getByText(/Noted \(3\)|note-0003/)).toBeVisible();
    await page.reload();
    await expect(page.getByRole('region', { name: 'Earlier requests' }).getByRole('listitem')).toHaveCount(2);
    await expectNoSeriousA11yViolations(page);
  } finally {
    await deleteSession(request, 'notes-agent', id);
  }
});

test('a job streams its progress, and the input that fails shows its error here and its stack trace in the logs', async ({
  page,
  request,
}) => {
  const id = uid('play-job');
  await createSession(request, 'job-agent', id);
  try {
    await page.goto(`/agents/job-agent/sessions/${id}/playground`);
    await page.getByRole('textbox', { name: 'Message' }).fill('quarterly report');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = replyRegion(page);
    // Progress frames arrive while the request still runs.
    await expect(reply.getByRole('heading', { name: 'Sending…' })).toBeVisible();
    await expect(reply.getByText(/event: progress/).first()).toBeVisible();
    await expect(reply.getByText(/event: done/)).toBeVisible();
    await expect(page.getByRole('row', { name: 'jobs', exact: true })).toBeVisible();

    await page.getByRole('textbox', { name: 'Message' }).fill('please fail');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(reply.getByText(/asked to fail/).first()).toBeVisible();
    await expect(reply.getByText('The agent reported an error')).toBeVisible();
    await expect(
      logRegion(page)
        .getByText(/JobError|at validateInput/)
        .first(),
    ).toBeVisible();
  } finally {
    await deleteSession(request, 'job-agent', id);
  }
});

test('bad input is caught before sending, and a long request can be cancelled', async ({ page, request }) => {
  const id = uid('play-bad');
  await createSession(request, 'job-agent', id);
  try {
    await page.goto(`/agents/job-agent/sessions/${id}/playground`);
    await page.getByRole('radio', { name: 'Raw JSON' }).check();
    await page.getByLabel('JSON body').fill('{"input": ');
    await expect(page.getByRole('alert').filter({ hasText: 'Not valid JSON' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();

    await page.getByLabel('JSON body').fill('{"input": "a long report"}');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(replyRegion(page).getByText('Cancelled')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  } finally {
    await deleteSession(request, 'job-agent', id);
  }
});

test('"New session and try it" starts a session and opens its Playground', async ({ page, request }) => {
  await page.goto('/agents/notes-agent');
  await page.getByRole('button', { name: 'New session and try it' }).click();
  await expect(page).toHaveURL(/\/agents\/notes-agent\/sessions\/[^/]+\/playground$/);
  const id = decodeURIComponent(page.url().split('/sessions/')[1]!.split('/')[0]!);
  try {
    const list = (await (
      await request.get(api(apiPaths.sessions('notes-agent')))
    ).json()) as List<AgentSession>;
    expect(list.data.map((s) => s.agent_session_id)).toContain(id);
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  } finally {
    await deleteSession(request, 'notes-agent', id);
  }
});
