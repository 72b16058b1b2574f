import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiPaths, API_VERSION } from '@contract';
import { ensureSpaBuilt } from '../src/spa-build';
import { startHost, type TestHost } from '../tests/helpers/host';
import { expectNoSeriousA11yViolations } from './helpers/axe';

// A console whose server was started with --token, on a server of its own: the shared one has none.

const TOKEN = 'e2e-access-token-3f9c';
const AGENT = 'notes-agent';
const SESSION = 'access-journey-1';

let host: TestHost;
test.beforeAll(async () => {
  host = await startHost({ token: TOKEN }, { uiDir: await ensureSpaBuilt() });
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const url = (path: string, query: Record<string, string> = {}) =>
    `${host.endpoint}${path}?${new URLSearchParams({ 'api-version': API_VERSION, ...query })}`;
  const created = await fetch(url(apiPaths.sessions(AGENT)), {
    method: 'POST',
    headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ agent_session_id: SESSION }),
  });
  expect(created.status).toBe(201);
  const put = await fetch(url(apiPaths.fileContent(AGENT, SESSION), { path: 'report.txt' }), {
    method: 'PUT',
    headers: { ...bearer, 'content-type': 'application/octet-stream' },
    body: 'the report',
  });
  expect(put.status).toBe(201);
});
test.afterAll(() => host.close());

test('a server started with --token: the console says to sign in, and Settings signs this browser in', async ({
  page,
}) => {
  await page.goto(`${host.origin}/agents`);
  const refusal = page.getByRole('alert').filter({ hasText: 'Sign in to the console’s server' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('enter that token in Settings, under Access');

  await page.goto(`${host.origin}/settings`);
  const access = page.getByRole('form', { name: 'Sign in to this server' });
  await expect(access.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await access.getByLabel('Token').fill('not-the-token');
  await access.getByRole('button', { name: 'Sign in' }).click();
  await expect(access.getByRole('alert')).toContainText(
    'That is not the token this server was started with.',
  );
  // What was typed stays, to be corrected.
  await expect(access.getByLabel('Token')).toHaveValue('not-the-token');
  await expectNoSeriousA11yViolations(page);

  await access.getByLabel('Token').fill(TOKEN);
  await access.getByRole('button', { name: 'Sign in' }).click();
  await expect(access).toContainText('Signed in.');
  await expect(access.getByLabel('Token')).toHaveValue('');
  // No script can read what the server keeps in this browser.
  expect(await page.evaluate(() => document.cookie)).not.toContain('console_access');

  // The pages work, and so does a plain download link, which carries no header of its own.
  await page.goto(`${host.origin}/agents/${AGENT}/sessions/${SESSION}/files`);
  const link = page.getByRole('link', { name: 'Download report.txt' });
  await expect(link).toBeVisible();
  const downloading = page.waitForEvent('download');
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('report.txt');
  expect(fs.readFileSync(await download.path(), 'utf8')).toBe('the report');

  // Signing out closes the API to this browser again.
  await page.goto(`${host.origin}/settings`);
  await access.getByRole('button', { name: 'Sign out' }).click();
  await expect(access).toContainText('Signed out in this browser.');
  await page.goto(`${host.origin}/agents`);
  await expect(refusal).toBeVisible();
});
