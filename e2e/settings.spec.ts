import { expect, test, type Page } from '@playwright/test';
import { createServer, type AddressInfo } from 'node:net';
import { expectNoSeriousA11yViolations } from './helpers/axe';

// Every test starts in a fresh browser context, so each begins on the local host and nothing it saves
// reaches another test.

const LOCAL = '/api/projects/local';
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const endpointField = (page: Page) => page.getByLabel('Project endpoint');
const connectedTo = (page: Page) => page.getByRole('definition').first();

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('testing the local host says OK and how many agents it sees', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(endpointField(page)).toHaveValue(LOCAL);
  await expect(page.getByLabel('API version')).toHaveValue('v1');

  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Connection OK' });
  await expect(result).toBeVisible();
  await expect(result).toContainText(/lists \d+ agents/);
});

test('a bad URL shows the validation message as it is typed, and cannot be saved or tested', async ({
  page,
}) => {
  await page.goto('/settings');
  await endpointField(page).fill('projects.example.com/api');
  await expect(
    page.getByText('Enter an absolute URL starting with https:// or http://, or a path starting with /.'),
  ).toBeVisible();
  await expect(endpointField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(page.getByText('Fix the fields marked above to save.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeDisabled();

  await endpointField(page).fill('ftp://projects.example.com/api');
  await expect(page.getByText('Use https:// or http://, not ftp://.')).toBeVisible();

  await endpointField(page).fill('https://acct.services.ai.azure.com/api/projects/demo');
  await expect(endpointField(page)).not.toHaveAttribute('aria-invalid');
  await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
});

test('an unreachable endpoint says unreachable, and nothing typed is lost', async ({ page }) => {
  const port = await closedPort();
  const endpoint = `http://127.0.0.1:${port}/api/projects/local`;
  await page.goto('/settings');
  await endpointField(page).fill(endpoint);
  await page.getByLabel('Isolation key').fill('tenant-42');
  await page.getByRole('button', { name: 'Test connection' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'The endpoint is unreachable' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('network_error');
  await expect(alert.getByRole('button', { name: 'Copy error details' })).toBeVisible();
  await expect(endpointField(page)).toHaveValue(endpoint);
  await expect(page.getByLabel('Isolation key')).toHaveValue('tenant-42');
  // Testing keeps nothing: the console still talks to the local host.
  await expect(connectedTo(page)).toContainText(LOCAL);
});

test('an address that is not a project endpoint is named as such', async ({ page }) => {
  await page.goto('/settings');
  await endpointField(page).fill('/api/projects/local/not-here');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'This is not a Foundry project endpoint' }),
  ).toBeVisible();
});

test('saving another endpoint drops the old data; reset goes back to the local host', async ({ page }) => {
  const port = await closedPort();
  const endpoint = `http://127.0.0.1:${port}/api/projects/elsewhere`;

  await page.goto('/agents');
  await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();

  // In-app navigation keeps the query cache, so this checks that saving clears it.
  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await endpointField(page).fill(endpoint);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved. Data from the previous connection was cleared.')).toBeVisible();
  await expect(connectedTo(page)).toContainText(endpoint);

  await mainNav(page).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load the agents' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole('link', { name: 'notes-agent' })).toHaveCount(0);

  // Kept across a reload: it lives in localStorage.
  await page.goto('/settings');
  await expect(endpointField(page)).toHaveValue(endpoint);

  await page.getByRole('button', { name: 'Reset to local host' }).click();
  await expect(page.getByText('Back on the local host.', { exact: false })).toBeVisible();
  await expect(endpointField(page)).toHaveValue(LOCAL);
  await expect(connectedTo(page)).toContainText(LOCAL);

  await mainNav(page).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the settings page has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/settings');
    await endpointField(page).fill('not a url');
    await expect(page.getByText('The endpoint cannot contain spaces.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
}
