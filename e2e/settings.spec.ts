import { expect, test, type Page } from '@playwright/test';
import { CONNECTIONS_PATH } from '@contract';
import { expectNoSeriousA11yViolations } from './helpers/axe';

// Every test starts in a fresh browser context, so each begins on the local host. The shared server
// signs in with DefaultAzureCredential and accepts no endpoint on this machine; journeys that reach a
// Foundry stand-in run their own console (connections.spec.ts). Connections a test adds here have
// names of their own and are removed at the end.

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const switcher = (page: Page) => page.getByRole('banner').getByLabel('Connection', { exact: true });
const row = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name, exact: true });
const addForm = (page: Page) => page.getByRole('form', { name: 'Add a connection' });
const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('the local host is listed and in use, and its test says OK', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(switcher(page)).toHaveValue('local');
  const local = row(page, 'local');
  await expect(local).toContainText('In use');
  await expect(local).toContainText('/api/projects/local');
  // Built in: nothing to change or remove.
  await expect(local.getByRole('button', { name: /^(Edit|Remove)/ })).toHaveCount(0);

  await local.getByRole('button', { name: 'Test local' }).click();
  const result = local.getByRole('status');
  await expect(result).toContainText('Connection OK');
  await expect(result).toContainText('The local host runs in this server; it is always there.');
});

test('name and endpoint are checked as they are typed', async ({ page }) => {
  await page.goto('/settings');
  const form = addForm(page);
  const name = form.getByLabel('Name');
  const endpoint = form.getByLabel('Project endpoint');

  // Sending an empty form points at what is missing, starting with the name.
  await form.getByRole('button', { name: 'Add connection' }).click();
  await expect(form.getByText('Enter a name, e.g. prod or support-eu.')).toBeVisible();
  await expect(form.getByText(/Enter the project endpoint from the project's overview/)).toBeVisible();
  await expect(name).toBeFocused();

  await name.fill('Prod');
  await expect(form.getByText('Lowercase only: the name becomes part of a URL.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('local');
  await expect(form.getByText('local is the built-in local host; pick another name.')).toBeVisible();
  await name.fill('prod-eu');
  await expect(name).not.toHaveAttribute('aria-invalid');

  await endpoint.fill('http://contoso.services.ai.azure.com/api/projects/support');
  await expect(form.getByText(/A Foundry project endpoint uses https/)).toBeVisible();
  await endpoint.fill('https://ai.azure.com/build/overview?wsid=abc');
  await expect(form.getByText(/That is a Foundry portal page, not a project endpoint/)).toBeVisible();
  await endpoint.fill('https://contoso.services.ai.azure.com');
  await expect(form.getByText(/Add the project:/)).toBeVisible();
  await expect(endpoint).toHaveAttribute('aria-invalid', 'true');
  await endpoint.fill('https://contoso.services.ai.azure.com/api/projects/support/');
  await expect(endpoint).not.toHaveAttribute('aria-invalid');
});

test('an endpoint on this machine is refused by a console that does not allow it; nothing typed is lost', async ({
  page,
}) => {
  await page.goto('/settings');
  const form = addForm(page);
  await form.getByLabel('Name').fill('on-this-machine');
  await form.getByLabel('Project endpoint').fill('https://127.0.0.1:9/api/projects/local');
  await form.getByLabel('Production').check();
  await form.getByRole('button', { name: 'Add connection' }).click();

  await expect(
    form.getByText(
      'An endpoint on this machine is accepted only when the console was started with --allow-local-connections.',
    ),
  ).toBeVisible();
  await expect(form.getByLabel('Project endpoint')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Project endpoint')).toBeFocused();
  await expect(form.getByLabel('Name')).toHaveValue('on-this-machine');
  await expect(form.getByLabel('Production')).toBeChecked();
  await expect(row(page, 'on-this-machine')).toHaveCount(0);
});

test('a project that fails its check is added only when asked to, and its failure shows on every page', async ({
  page,
  request,
}) => {
  // This machine cannot sign in to Azure (or, signed in, cannot find this account): the check fails
  // either way, with words that say which.
  const name = uid('unchecked');
  const endpoint = `https://${name}.services.ai.azure.com/api/projects/nowhere`;
  try {
    await page.goto('/settings');
    const form = addForm(page);
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Project endpoint').fill(endpoint);
    await form.getByRole('button', { name: 'Add connection' }).click();

    const failed = form.getByRole('alert').filter({ hasText: 'Nothing was added' });
    await expect(failed).toBeVisible({ timeout: 30_000 });
    await expect(failed).toContainText(/Cannot sign in to Azure|cannot be reached|No answer in time/);
    await expect(form.getByLabel('Name')).toHaveValue(name);
    await expect(form.getByLabel('Project endpoint')).toHaveValue(endpoint);
    await expect(row(page, name)).toHaveCount(0);

    await failed.getByRole('button', { name: 'Add anyway' }).click();
    await expect(form.getByText(`Added ${name}.`)).toBeVisible({ timeout: 30_000 });
    await expect(row(page, name)).toContainText(endpoint);

    await switcher(page).selectOption(name);
    await expect(page).toHaveURL('/agents');
    await expect(switcher(page)).toHaveValue(name);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the agents' });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText(/Cannot sign in to Azure|The Foundry project cannot be reached/);
    await expect(page.getByRole('link', { name: 'notes-agent' })).toHaveCount(0);

    await switcher(page).selectOption('local');
    await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();
  } finally {
    await request.delete(`${CONNECTIONS_PATH}/${name}`);
  }
});

test('a connection name this console does not know says so, and the way back works', async ({ page }) => {
  // As after the connection was removed in another browser.
  await page.addInitScript(() => {
    localStorage.setItem(
      'asc.connection',
      JSON.stringify({ connection: 'gone', endpoint: '/gateway/gone', apiVersion: 'v1', isolationKey: '' }),
    );
  });
  await page.goto('/agents');
  await expect(switcher(page)).toHaveValue('gone');
  await expect(switcher(page)).toHaveAccessibleDescription(
    'No connection named gone is configured on this console any more. Pick another.',
  );
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load the agents' });
  await expect(alert).toContainText("There is no connection named 'gone'. Add it in Settings first.");

  await switcher(page).selectOption('local');
  await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();
  await expect(switcher(page)).toHaveValue('local');
});

test('api-version and isolation key are kept in this browser', async ({ page }) => {
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Request settings' });
  await expect(form.getByLabel('API version')).toHaveValue('v1');
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();

  await form.getByLabel('Isolation key').fill('clé');
  await expect(form.getByText('Printable ASCII characters only: it is sent as a header.')).toBeVisible();
  await expect(form.getByText('Fix the fields marked above to save.')).toBeVisible();
  await form.getByLabel('Isolation key').fill('tenant-42');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved.', { exact: false })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('form', { name: 'Request settings' }).getByLabel('Isolation key')).toHaveValue(
    'tenant-42',
  );
  await expect(switcher(page)).toHaveValue('local');

  // In-app navigation keeps the query cache; the Agents page still answers from the local host.
  await mainNav(page).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the settings page has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/settings');
    await addForm(page).getByLabel('Project endpoint').fill('not a url');
    await expect(addForm(page).getByText('The endpoint cannot contain spaces.')).toBeVisible();
    await row(page, 'local').getByRole('button', { name: 'Test local' }).click();
    await expect(row(page, 'local').getByRole('status')).toContainText('Connection OK');
    await expectNoSeriousA11yViolations(page);
  });
}
