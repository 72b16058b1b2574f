import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { apiPaths, historyPath, type AgentSession, type RecordedLines } from '@contract';
import { expectNoSeriousA11yViolations } from './helpers/axe';

// Recorded logs after a crash: the console's server records every local session's lines, so the
// Logs tab can show what a session wrote before it crashed, search it on the server and page back
// through it, and still show it once the session itself is gone.

const ENDPOINT = '/api/projects/local';
/** Shared with other journeys: this one only touches the session it made. */
const JOB = 'job-agent';
/** Jobs that write about 6 lines each, together more than one page of recorded lines (200). */
const JOBS = 40;

const api = (path: string, query: Record<string, string> = {}) =>
  `${ENDPOINT}${path}?${new URLSearchParams({ 'api-version': 'v1', ...query }).toString()}`;
const recordedUrl = (id: string, query: Record<string, string>) =>
  `${historyPath('local', JOB, id)}/lines?${new URLSearchParams(query).toString()}`;

const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function activeSession(request: APIRequestContext, id: string) {
  const res = await request.post(api(apiPaths.sessions(JOB)), { data: { agent_session_id: id } });
  expect(res.status(), await res.text()).toBe(201);
  await expect
    .poll(
      async () => ((await (await request.get(api(apiPaths.session(JOB, id)))).json()) as AgentSession).status,
    )
    .toBe('active');
}

/** How many recorded lines match a search, as the console's server answers it. */
async function recordedMatches(request: APIRequestContext, id: string, q: string): Promise<number> {
  const res = await request.get(recordedUrl(id, { q, limit: '1000' }));
  if (!res.ok()) return -1;
  return ((await res.json()) as RecordedLines).data.length;
}

const shownCount = async (log: Locator) => Number(await log.getAttribute('data-recorded-lines'));

async function searchRecording(page: Page, text: string) {
  const box = page.getByRole('searchbox', { name: 'Search the recording' });
  await box.fill(text);
  await box.press('Enter');
}

test('recorded logs after a crash: the lines before it and the exit, searched on the server and paged back', async ({
  page,
  request,
}) => {
  test.slow();
  const id = uid('crash');
  await activeSession(request, id);
  try {
    // Jobs at once, then one that ends the agent's process mid-job with exit code 3.
    const jobs = await Promise.all(
      Array.from({ length: JOBS }, (_, i) =>
        request.post(api(apiPaths.invocations(JOB), { agent_session_id: id }), {
          data: { input: `batch ${i}` },
          timeout: 60_000,
        }),
      ),
    );
    for (const res of jobs) expect(res.status(), await res.text()).toBe(200);
    // The process dies before it answers: whatever the host says then is not what this journey is about.
    await request
      .post(api(apiPaths.invocations(JOB), { agent_session_id: id }), { data: { input: 'crash now' } })
      .catch(() => undefined);
    await expect
      .poll(() => recordedMatches(request, id, '"exited with code 3"'), { timeout: 20_000 })
      .toBe(1);

    await page.goto(`/agents/${JOB}/sessions/${id}/logs`);
    await page.getByRole('button', { name: 'Recorded', exact: true }).click();
    await expect(page).toHaveURL(/source=recorded/);
    const log = page.getByRole('log', { name: `Recorded log lines of session ${id}` });
    // The newest recorded lines, at the bottom as in the live view: the crash, then the exit.
    await expect(log.getByText(/crashing on purpose while summarising/)).toBeVisible();
    await expect(log.getByText('The agent process exited with code 3; the session is idle.')).toBeVisible();
    await expect.poll(() => shownCount(log)).toBe(200);
    await expect(page.getByRole('status').filter({ hasText: '200 recorded lines shown' })).toBeVisible();

    // Older lines: the session's very first ones are on top once they are loaded.
    await page.getByRole('button', { name: 'Load earlier (recorded)' }).click();
    await expect.poll(() => shownCount(log)).toBeGreaterThan(200);
    await expect(page.getByRole('button', { name: 'Load earlier (recorded)' })).toHaveCount(0);
    await log.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(log.getByText(/job-agent .*listening on port/)).toBeVisible();

    // A search on the server: only the lines it found.
    await searchRecording(page, 'crashing');
    await expect.poll(() => shownCount(log)).toBe(1);
    await expect(log.getByText(/crashing on purpose while summarising/)).toBeVisible();

    // A search with more matches than one page, and its older matches.
    await searchRecording(page, 'job*');
    await expect.poll(() => shownCount(log)).toBe(200);
    await page.getByRole('button', { name: 'Older matches' }).click();
    await expect.poll(() => shownCount(log)).toBeGreaterThan(200);
    await expect(page.getByRole('button', { name: 'Older matches' })).toHaveCount(0);

    // A search the full-text syntax refuses: the server's reason, in words.
    await searchRecording(page, '"unclosed');
    const refused = page.getByRole('alert').filter({ hasText: 'could not be searched with that query' });
    await expect(refused).toBeVisible();
    await expect(refused).toContainText('The search could not be read');
    await expectNoSeriousA11yViolations(page);

    // Gone: the Logs tab shows the recording at once, and says so.
    const gone = await request.delete(api(apiPaths.session(JOB, id)));
    expect(gone.status()).toBe(204);
    await page.goto(`/agents/${JOB}/sessions/${id}/logs/full`);
    await expect(page.getByText(/This session is gone \(deleted or expired\)/)).toBeVisible();
    await expect(
      page
        .getByRole('log', { name: `Recorded log lines of session ${id}` })
        .getByText('The agent process exited with code 3; the session is idle.'),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  } finally {
    await request.delete(api(apiPaths.session(JOB, id)));
  }
});
