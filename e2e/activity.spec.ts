import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiPaths, AUDIT_CSV_COLUMNS } from '@contract';
import { expectNoSeriousA11yViolations } from './helpers/axe';

/** Shared with other journeys: this one only looks at the session it made and the name it gave. */
const NOTES = 'notes-agent';

const api = (path: string) => `/api/projects/local${path}?api-version=v1`;
const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function removeSession(request: APIRequestContext, id: string) {
  const res = await request.delete(api(apiPaths.session(NOTES, id)));
  expect([204, 404]).toContain(res.status());
}

/** The Activity table's rows about one session. */
const rowsOf = (page: Page, id: string) =>
  page
    .getByRole('table', { name: /^Activity/ })
    .getByRole('row')
    .filter({ hasText: id });

test('a name set in Settings marks the changes made, and the Activity page filters, reopens and exports them', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Grace ${uid('e2e')}`;
  const id = uid('e2e-audit');
  try {
    await page.goto('/settings');
    const nameField = page.getByLabel('Your name (shown in the activity log)');
    await nameField.fill('x'.repeat(65));
    await expect(page.getByText('At most 64 characters, 65 so far.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save name' })).toBeDisabled();
    await nameField.fill(name);
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText(`Saved. Your calls are now recorded as ${name}.`)).toBeVisible();

    // A session made and deleted as a person does it.
    await page.goto(`/agents/${NOTES}/sessions`);
    await page.getByRole('button', { name: 'Create session' }).first().click();
    const create = page.getByRole('dialog', { name: 'Create session' });
    await expect(create.getByLabel('Version')).toHaveValue('2');
    await create.getByLabel('Session id').fill(id);
    await create.getByRole('button', { name: 'Create session' }).click();
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions/${id}`);
    await expect(page.getByRole('button', { name: 'Active', exact: true }).first()).toBeVisible({
      timeout: 15_000,
    });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Delete session?' })
      .getByRole('button', { name: 'Delete session' })
      .click();
    await expect(page).toHaveURL(`/agents/${NOTES}/sessions`);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page).toHaveURL('/activity');
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    // Each entry is written as its answer completes, which the page may see first: refresh until both are in.
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await expect(rowsOf(page, id)).toHaveCount(2, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    const [deleted, created] = [rowsOf(page, id).nth(0), rowsOf(page, id).nth(1)];
    await expect(deleted).toContainText('Delete a session');
    await expect(deleted).toContainText('DELETE session.delete');
    await expect(created).toContainText('POST session.create');
    for (const row of [deleted, created]) {
      await expect(row).toContainText(name);
      await expect(row.getByRole('cell').nth(2)).toHaveText('local');
      await expect(row).toContainText('OK');
    }

    // Filtered to deletions: the URL says so, a reload shows the same view.
    const filters = page.getByRole('search', { name: 'Filter the activity' });
    await filters.getByLabel('Action').selectOption('session.delete');
    await filters.getByLabel('Person').fill(name);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/action=session\.delete/);
    await expect(rowsOf(page, id)).toHaveCount(1);
    await expect(page.getByText('1 entry, newest first, filtered')).toBeVisible();
    await page.reload();
    await expect(filters.getByLabel('Action')).toHaveValue('session.delete');
    await expect(filters.getByLabel('Person')).toHaveValue(name);
    await expect(rowsOf(page, id)).toHaveCount(1);
    await expect(rowsOf(page, id)).toContainText('DELETE session.delete');

    // The export holds the rows on screen, with the same filters.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = fs
      .readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(header).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(id);
    expect(lines[0]).toContain('session.delete');
    expect(lines[0]).toContain(name);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
      await expectNoSeriousA11yViolations(page);
    }
  } finally {
    await removeSession(request, id);
  }
});

test('a time the server cannot read shows its reason on the Activity page', async ({ page }) => {
  await page.goto('/activity?from=last-tuesday');
  const alert = page.getByRole('alert');
  // The first answer of a page may wait its turn on a busy machine; the alert itself is what counts.
  await expect(alert).toContainText("'from' must be a date (2026-03-10)", { timeout: 15_000 });
  await expect(alert).toContainText('HTTP 400 · invalid_request · request id');
  await expect(page.getByLabel('From (at or after)')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page);
});
