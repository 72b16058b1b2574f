import { expect, test as base, type Page } from '@playwright/test';
import { apiPaths, CONNECTIONS_PATH, type ConnectionCreate } from '@contract';
import { ensureSpaBuilt } from '../src/spa-build';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import {
  STAND_IN_TOKEN,
  startFoundryConsole,
  startFoundryStandIn,
  type ConsoleServer,
  type FoundryStandIn,
} from './helpers/foundry-console';

// These journeys run a console of their own (see helpers/foundry-console.ts) next to a stand-in for a
// Foundry project, because the shared server may neither sign in to Azure nor reach an endpoint on this
// machine. Every test gets a fresh pair, so none sees another's connections.

interface Foundry {
  standIn: FoundryStandIn;
  console: ConsoleServer;
  /** An address on this test's console. */
  url: (path: string) => string;
  /** Adds a connection through the console's API, as setting up. */
  add: (body: ConnectionCreate) => Promise<void>;
}

const test = base.extend<{ token: string; foundry: Foundry }>({
  // What the console's credential hands out; a test that wants a refused sign-in sets another.
  token: [STAND_IN_TOKEN, { option: true }],
  foundry: async ({ token, request }, use) => {
    const standIn = await startFoundryStandIn();
    const console = await startFoundryConsole(standIn, token);
    try {
      await use({
        standIn,
        console,
        url: (path) => `${console.origin}${path}`,
        add: async (body) => {
          const res = await request.post(`${console.origin}${CONNECTIONS_PATH}`, { data: body });
          expect(res.status(), await res.text()).toBe(201);
        },
      });
    } finally {
      await console.close();
      await standIn.close();
    }
  },
});

test.describe.configure({ timeout: 90_000 });

test.beforeAll(async () => {
  // The shared web server has built the console already; this only makes sure, and may take a while.
  test.setTimeout(180_000);
  await ensureSpaBuilt();
});

const header = (page: Page) => page.getByRole('banner');
const switcher = (page: Page) => header(page).getByLabel('Connection', { exact: true });
const connectionsList = (page: Page) => page.getByRole('list', { name: 'Connections' });
const row = (page: Page, name: string) => connectionsList(page).getByRole('listitem', { name, exact: true });
const addForm = (page: Page) => page.getByRole('form', { name: 'Add a connection' });
const productionBand = (page: Page) => header(page).getByText(/^PRODUCTION · connected to/);

test('adds a production connection, switches to it, uses it, and switches back', async ({
  page,
  foundry,
}) => {
  await page.goto(foundry.url('/settings'));
  await expect(row(page, 'local')).toContainText('In use');
  await expect(switcher(page)).toHaveValue('local');

  const form = addForm(page);
  await form.getByLabel('Name').fill('Stand-in');
  await expect(form.getByText('Lowercase only: the name becomes part of a URL.')).toBeVisible();
  await form.getByLabel('Name').fill('stand-in');
  await form.getByLabel('Project endpoint').fill(foundry.standIn.endpoint.replace('https:', 'http:'));
  await expect(form.getByText(/A Foundry project endpoint uses https/)).toBeVisible();
  await expect(form.getByLabel('Project endpoint')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Project endpoint').fill(foundry.standIn.endpoint);
  await expect(form.getByLabel('Project endpoint')).not.toHaveAttribute('aria-invalid');
  await form.getByRole('radio', { name: 'violet' }).check();
  await form.getByLabel('Production').check();
  await form.getByRole('button', { name: 'Add connection' }).click();

  const added = form.getByRole('status').filter({ hasText: 'Connection OK' });
  await expect(added).toContainText('Added stand-in. The project answered with its agents.');
  await expect(row(page, 'stand-in')).toContainText('PRODUCTION');
  await expect(row(page, 'stand-in')).toContainText(foundry.standIn.endpoint);
  // Added, so the form is empty for the next one.
  await expect(form.getByLabel('Name')).toHaveValue('');

  // The test call again, from the list.
  await row(page, 'stand-in').getByRole('button', { name: 'Test stand-in' }).click();
  await expect(row(page, 'stand-in').getByRole('status')).toContainText('Connection OK');

  // Switching from the header lands on the Agents page of the other project, marked production.
  await switcher(page).selectOption('stand-in');
  await expect(page).toHaveURL(foundry.url('/agents'));
  await expect(switcher(page)).toHaveValue('stand-in');
  await expect(productionBand(page)).toBeVisible();
  await expect(productionBand(page)).toContainText('stand-in');
  await expect(page.getByRole('link', { name: 'alpha', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'notes-agent' })).toHaveCount(0);

  // Used as any project: a session made there is listed there.
  const id = `e2e-conn-${Date.now().toString(36)}`;
  await page.getByRole('link', { name: 'alpha', exact: true }).click();
  await page.getByRole('navigation', { name: 'Agent pages' }).getByRole('link', { name: 'Sessions' }).click();
  await page.getByRole('button', { name: 'Create session' }).first().click();
  const create = page.getByRole('dialog', { name: 'Create session' });
  await create.getByLabel('Session id').fill(id);
  await create.getByRole('button', { name: 'Create session' }).click();
  await expect(page).toHaveURL(foundry.url(`/agents/alpha/sessions/${id}`));
  await expect(page.getByRole('heading', { level: 1, name: id })).toBeVisible();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Sessions' }).click();
  const sessions = page.getByRole('table', { name: /^Sessions of/ });
  await expect(sessions.getByRole('link', { name: id, exact: true })).toBeVisible();
  // It went to the stand-in, through the gateway, and nowhere else.
  const upstream = await foundry.standIn.host.app.inject({
    url: `/api/projects/local${apiPaths.session('alpha', id)}?api-version=v1`,
    headers: { authorization: `Bearer ${STAND_IN_TOKEN}` },
  });
  expect(upstream.statusCode, upstream.body).toBe(200);

  // Deleting on a production connection says so before anything happens.
  await sessions
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: id, exact: true }) })
    .getByRole('button', { name: `Delete session ${id}` })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Delete session?' });
  await expect(confirm.getByRole('note')).toContainText('Production. You are on stand-in');
  await confirm.getByRole('button', { name: 'Delete session' }).click();
  await expect(confirm).toBeHidden();
  await expect(sessions.getByRole('link', { name: id, exact: true })).toHaveCount(0);

  // And back: the local host's agents, no production mark.
  await switcher(page).selectOption('local');
  await expect(page).toHaveURL(foundry.url('/agents'));
  await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'alpha', exact: true })).toHaveCount(0);
  await expect(productionBand(page)).toHaveCount(0);

  // The choice is this browser's and survives a reload.
  await switcher(page).selectOption('stand-in');
  await expect(productionBand(page)).toBeVisible();
  await page.reload();
  await expect(switcher(page)).toHaveValue('stand-in');
  await expect(page.getByRole('link', { name: 'alpha', exact: true })).toBeVisible();
});

test.describe('when the project refuses the token', () => {
  test.use({ token: 'not-the-stand-in-token' });

  test('adding says so and offers to add anyway; the Agents page explains the 401', async ({
    page,
    foundry,
  }) => {
    await page.goto(foundry.url('/settings'));
    const form = addForm(page);
    await form.getByLabel('Name').fill('refused');
    await form.getByLabel('Project endpoint').fill(foundry.standIn.endpoint);
    await form.getByLabel('Foundry-Features (optional)').fill('HostedAgents=V1Preview');
    await form.getByRole('button', { name: 'Add connection' }).click();

    const failed = form.getByRole('alert').filter({ hasText: 'Foundry refused the sign-in token' });
    await expect(failed).toContainText('The project refused the token (401)');
    await expect(failed).toContainText('az login');
    await expect(failed).toContainText('Nothing was added');
    await expect(failed).toContainText(/HTTP 401 · request id \S+/);
    // Nothing typed is lost, and nothing was added.
    await expect(form.getByLabel('Name')).toHaveValue('refused');
    await expect(form.getByLabel('Project endpoint')).toHaveValue(foundry.standIn.endpoint);
    await expect(form.getByLabel('Foundry-Features (optional)')).toHaveValue('HostedAgents=V1Preview');
    await expect(row(page, 'refused')).toHaveCount(0);

    await failed.getByRole('button', { name: 'Add anyway' }).click();
    await expect(form.getByRole('alert').filter({ hasText: 'Added refused.' })).toBeVisible();
    await expect(row(page, 'refused')).toContainText('Foundry-Features: HostedAgents=V1Preview');

    await row(page, 'refused').getByRole('button', { name: 'Use refused' }).click();
    await expect(page).toHaveURL(foundry.url('/agents'));
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the agents' });
    await expect(alert).toContainText('Foundry refused the sign-in token.');
    await expect(alert).toContainText('az login');
    await expect(alert).toContainText('--tenant');
    await expect(alert).toContainText(/HTTP 401 · unauthorized · request id \S+/);
    await expect(alert.getByRole('link', { name: 'Check the connection' })).toBeVisible();
  });
});

test('a connection’s colour and production flag change, and it is removed after confirming', async ({
  page,
  foundry,
}) => {
  await foundry.add({ name: 'eu', endpoint: foundry.standIn.endpoint, colour: 'teal' });
  await page.goto(foundry.url('/settings'));

  // The local host is built in: it can be tested and used, never changed or removed.
  await expect(row(page, 'local').getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await expect(row(page, 'local').getByRole('button', { name: /^Remove/ })).toHaveCount(0);

  const eu = row(page, 'eu');
  await expect(eu).not.toContainText('PRODUCTION');
  await eu.getByRole('button', { name: 'Edit eu' }).click();
  const edit = eu.getByRole('form', { name: 'Edit eu' });
  await expect(edit.getByRole('radio', { name: 'teal' })).toBeChecked();
  await edit.getByRole('radio', { name: 'red' }).check();
  await edit.getByLabel('Production').check();
  await edit.getByLabel('Foundry-Features (optional)').fill('bad\u0007value');
  await expect(edit.getByText(/A Foundry-Features value such as/)).toBeVisible();
  await edit.getByLabel('Foundry-Features (optional)').fill('');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(eu).toContainText('PRODUCTION');

  // Its production flag marks the header once the console is on it.
  await eu.getByRole('button', { name: 'Use eu' }).click();
  await expect(productionBand(page)).toBeVisible();
  await page.goto(foundry.url('/settings'));

  await row(page, 'eu').getByRole('button', { name: 'Remove eu' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove eu?' });
  await expect(confirm).toContainText('Nothing in the project changes');
  await expect(confirm).toContainText('goes back to the local host');
  // Removing touches no project, so the production warning is not shown here.
  await expect(confirm.getByRole('note')).toHaveCount(0);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'eu')).toBeVisible();

  await row(page, 'eu').getByRole('button', { name: 'Remove eu' }).click();
  await confirm.getByRole('button', { name: 'Remove connection' }).click();
  // The console does not stay on a connection that is gone.
  await expect(page).toHaveURL(foundry.url('/agents'));
  await expect(switcher(page)).toHaveValue('local');
  await expect(productionBand(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();
  await page.goto(foundry.url('/settings'));
  await expect(row(page, 'eu')).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`settings with connections has no serious accessibility violations (${colorScheme})`, async ({
    page,
    foundry,
  }) => {
    await foundry.add({ name: 'prod', endpoint: foundry.standIn.endpoint, colour: 'red', production: true });
    await page.emulateMedia({ colorScheme });
    await page.goto(foundry.url('/settings'));
    await row(page, 'prod').getByRole('button', { name: 'Use prod' }).click();
    await expect(productionBand(page)).toBeVisible();
    await page.goto(foundry.url('/settings'));
    await expect(row(page, 'prod')).toContainText('In use');
    await row(page, 'prod').getByRole('button', { name: 'Test prod' }).click();
    await expect(row(page, 'prod').getByRole('status')).toContainText('Connection OK');
    await addForm(page).getByLabel('Name').fill('Bad Name');
    await expect(addForm(page).getByText('Lowercase only: the name becomes part of a URL.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
}
