import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';

// settings-agent is this file's for endpoint and card edits, toggle-agent for enable/disable; no other
// journey touches them. Each test puts back what it changed, so a rerun on the same data passes.

const API = '/api/projects/local';
const api = (path: string) => `${API}${path}?api-version=v1`;

async function agentJson(request: APIRequestContext, name: string) {
  const res = await request.get(api(`/agents/${name}`));
  expect(res.ok()).toBe(true);
  return (await res.json()) as { agent_endpoint?: unknown; agent_card?: unknown; state: string };
}

/** Puts an agent's endpoint and card back with a merge patch; arrays are replaced whole. */
async function restore(
  request: APIRequestContext,
  name: string,
  body: { agent_endpoint?: unknown; agent_card?: unknown },
) {
  const res = await request.patch(api(`/agents/${name}`), {
    headers: { 'content-type': 'application/merge-patch+json' },
    data: JSON.stringify(body),
  });
  expect(res.ok(), await res.text()).toBe(true);
}

const endpointForm = (page: Page) => page.getByRole('form', { name: 'Endpoint settings' });
const cardForm = (page: Page) => page.getByRole('form', { name: 'Agent card' });

test('the agents list shows every agent, and its filter lives in the URL', async ({ page }) => {
  await page.goto('/agents');
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Agents' });
  for (const name of ['notes-agent', 'job-agent', 'paging-agent', 'toggle-agent', 'settings-agent']) {
    await expect(table.getByRole('link', { name })).toBeVisible();
  }
  const jobRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'job-agent' }) });
  await expect(jobRow).toContainText('Invocations');
  await expect(jobRow).toContainText('Job runner.');

  const filter = page.getByRole('searchbox', { name: 'Filter agents' });
  await filter.fill('toggle');
  await expect(page).toHaveURL(/\/agents\?q=toggle$/);
  await expect(table.getByRole('link', { name: 'toggle-agent' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'notes-agent' })).toHaveCount(0);
  await expect(page.getByText('1 of 5 agents')).toBeVisible();

  await page.reload();
  await expect(filter).toHaveValue('toggle');
  await expect(table.getByRole('link', { name: 'toggle-agent' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'notes-agent' })).toHaveCount(0);

  // The description is searched too, by every word.
  await filter.fill('multi-step job');
  await expect(table.getByRole('link', { name: 'job-agent' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);

  await filter.fill('no agent has this');
  await expect(page.getByText('No agents match the filter')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(table.getByRole('link', { name: 'notes-agent' })).toBeVisible();

  await table.getByRole('link', { name: 'notes-agent' }).click();
  await expect(page).toHaveURL('/agents/notes-agent');
  await expect(page.getByRole('heading', { level: 1, name: 'notes-agent' })).toBeVisible();
});

test('a failed refresh keeps the list on screen and says why', async ({ page }) => {
  await page.goto('/agents');
  const table = page.getByRole('table', { name: 'Agents' });
  await expect(table.getByRole('link', { name: 'notes-agent' })).toBeVisible();

  // The connection drops: the next list call gets no answer at all.
  await page.route(/\/api\/projects\/local\/agents\?/, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Refresh' }).click();
  const alert = page
    .getByRole('alert')
    .filter({ hasText: 'Could not refresh the agents; showing the last list' });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(alert).toContainText('network_error');
  await expect(table.getByRole('link', { name: 'notes-agent' })).toBeVisible();

  await page.unroute(/\/api\/projects\/local\/agents\?/);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toBeHidden();
  await expect(table.getByRole('link', { name: 'notes-agent' })).toBeVisible();
});

test('the agent page shows its versions and its tabs', async ({ page }) => {
  await page.goto('/agents/notes-agent');
  const tabs = page.getByRole('navigation', { name: 'Agent pages' });
  await expect(tabs.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(tabs.getByRole('link', { name: 'Sessions' })).toHaveAttribute(
    'href',
    '/agents/notes-agent/sessions',
  );
  const versions = page.getByRole('table', { name: 'Versions' });
  const v2 = versions.getByRole('row').filter({ hasText: 'Notes agent, second release' });
  await expect(v2).toContainText('Latest');
  await expect(v2).toContainText('80% traffic');
  await expect(v2).toContainText('1 CPU · 2Gi');
  await expect(v2).toContainText('10 min');
  await expect(v2).toContainText('responses v1');
  await expect(versions.getByRole('row').filter({ hasText: 'first release' })).toContainText('15 min');
});

test('an unknown agent says so and leads back to the agents', async ({ page }) => {
  await page.goto('/agents/no-such-agent');
  await expect(page.getByRole('heading', { level: 1, name: 'Agent not found' })).toBeVisible();
  await expect(page.getByText('There is no agent named “no-such-agent”')).toBeVisible();
  await page.getByRole('link', { name: 'Back to agents' }).click();
  await expect(page).toHaveURL('/agents');
});

test('the traffic split must add up to 100 before it can be saved, and a save survives a reload', async ({
  page,
  request,
}) => {
  const original = await agentJson(request, 'settings-agent');
  try {
    await page.goto('/agents/settings-agent');
    const form = endpointForm(page);
    const rule1 = form.getByLabel('Rule 1 traffic percentage');
    const rule2 = form.getByLabel('Rule 2 traffic percentage');
    await expect(rule1).toHaveValue('20');
    await expect(rule2).toHaveValue('80');
    const save = form.getByRole('button', { name: 'Save endpoint settings' });

    await rule2.fill('70');
    await expect(form.getByText('Percentages must add up to 100, now 90.').first()).toBeVisible();
    await expect(save).toBeDisabled();
    await expect(rule2).toHaveAttribute('aria-invalid', 'true');

    await rule1.fill('30');
    await expect(form.getByText('Total 100%')).toBeVisible();
    await expect(save).toBeEnabled();
    // Switch a protocol on while here: saved in the same merge patch.
    await form.getByRole('checkbox', { name: /^MCP/ }).check();
    await save.click();
    await expect(form.getByText('Saved. Showing what the server stored.')).toBeVisible();

    await page.reload();
    await expect(endpointForm(page).getByLabel('Rule 1 traffic percentage')).toHaveValue('30');
    await expect(endpointForm(page).getByLabel('Rule 2 traffic percentage')).toHaveValue('70');
    await expect(endpointForm(page).getByRole('checkbox', { name: /^MCP/ })).toBeChecked();
    await expect(page.getByRole('table', { name: 'Versions' })).toContainText('70% traffic');

    // Switching it off sends the key as null, so it is really gone after a reload.
    await endpointForm(page).getByRole('checkbox', { name: /^MCP/ }).uncheck();
    await endpointForm(page).getByRole('button', { name: 'Save endpoint settings' }).click();
    await expect(endpointForm(page).getByText('Saved. Showing what the server stored.')).toBeVisible();
    await page.reload();
    await expect(endpointForm(page).getByRole('checkbox', { name: /^MCP/ })).not.toBeChecked();
  } finally {
    await restore(request, 'settings-agent', { agent_endpoint: original.agent_endpoint });
  }
});

test('a change the server refuses is shown next to the field it names, and nothing typed is lost', async ({
  page,
}) => {
  await page.goto('/agents/settings-agent');
  const form = endpointForm(page);
  await form.getByLabel('Rule 2 version').selectOption('1');
  await form.getByLabel('Rule 1 traffic percentage').fill('50');
  await form.getByLabel('Rule 2 traffic percentage').fill('50');
  await form.getByRole('button', { name: 'Save endpoint settings' }).click();

  // The host names agent_endpoint.version_selector.version_selection_rules[1].agent_version.
  const version2 = form.getByLabel('Rule 2 version');
  await expect(version2).toHaveAttribute('aria-invalid', 'true');
  await expect(version2).toBeFocused();
  await expect(version2).toHaveAccessibleDescription(/Version '1' has more than one rule/);
  const details = form.getByRole('alert');
  await expect(details).toContainText('invalid_request');
  await expect(details).toContainText('request id');
  await expect(form.getByLabel('Rule 1 traffic percentage')).toHaveValue('50');

  // Back to what the server holds. The split itself may differ: the traffic journey edits it in parallel.
  await form.getByRole('button', { name: 'Discard changes' }).click();
  await expect(form.getByLabel('Rule 2 version')).toHaveValue('2');
  await expect(form.getByLabel('Rule 2 version')).not.toHaveAttribute('aria-invalid');
  await expect(form.getByLabel('Rule 1 traffic percentage')).not.toHaveValue('50');
  await expect(form.getByRole('alert')).toHaveCount(0);
});

test('agent card skills can be added, edited and removed, and survive a reload', async ({
  page,
  request,
}) => {
  const original = await agentJson(request, 'settings-agent');
  try {
    await page.goto('/agents/settings-agent');
    let form = cardForm(page);
    await expect(form.getByLabel('Skill 1 ID')).toHaveValue('take-note');

    // Add one
    await form.getByRole('button', { name: 'Add skill' }).click();
    await expect(form.getByLabel('Skill 2 ID')).toBeFocused();
    await form.getByLabel('Skill 2 ID').fill('summarize');
    await form.getByLabel('Skill 2 Name').fill('Summarize notes');
    await form.getByLabel('Skill 2 Description').fill('Sums up every note in the home folder.');
    await form.getByLabel('Skill 2 Tags').fill('notes, summary');
    await form.getByLabel('Skill 2 Examples').fill('Summarize this week\nWhat did I note on Friday?');
    await expect(form.getByRole('list', { name: 'Tags of skill 2' }).getByRole('listitem')).toHaveText([
      'notes',
      'summary',
    ]);
    // Edit one
    await form.getByLabel('Skill 1 Name').fill('Take a quick note');
    await form.getByRole('button', { name: 'Save agent card' }).click();
    await expect(form.getByText('Saved. Showing what the server stored.')).toBeVisible();

    await page.reload();
    form = cardForm(page);
    await expect(form.getByLabel('Skill 1 Name')).toHaveValue('Take a quick note');
    await expect(form.getByLabel('Skill 2 ID')).toHaveValue('summarize');
    await expect(form.getByLabel('Skill 2 Tags')).toHaveValue('notes, summary');
    await expect(form.getByLabel('Skill 2 Examples')).toHaveValue(
      'Summarize this week\nWhat did I note on Friday?',
    );

    // Remove one
    await form.getByRole('button', { name: 'Remove skill 1' }).click();
    await expect(form.getByLabel('Skill 1 ID')).toHaveValue('summarize');
    await expect(form.getByLabel('Skill 2 ID')).toHaveCount(0);
    await form.getByRole('button', { name: 'Save agent card' }).click();
    await expect(form.getByText('Saved. Showing what the server stored.')).toBeVisible();

    await page.reload();
    form = cardForm(page);
    await expect(form.getByLabel('Skill 1 ID')).toHaveValue('summarize');
    await expect(form.getByLabel('Skill 2 ID')).toHaveCount(0);
    await expect(form.getByRole('group', { name: /Skills/ })).toContainText('Skills (1)');
  } finally {
    await restore(request, 'settings-agent', { agent_card: original.agent_card });
  }
});

test('disabling asks first and says new sessions will be refused; enabling brings it back', async ({
  page,
  request,
}) => {
  try {
    await page.goto('/agents/toggle-agent');
    const header = page.getByRole('heading', { level: 1, name: 'toggle-agent' }).locator('..');
    await expect(header.getByText('Enabled')).toBeVisible();

    // Cancelling changes nothing.
    await page.getByRole('button', { name: 'Disable agent' }).click();
    let dialog = page.getByRole('dialog', { name: 'Disable toggle-agent?' });
    await expect(dialog).toContainText('New sessions will be refused');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect((await agentJson(request, 'toggle-agent')).state).toBe('enabled');

    await page.getByRole('button', { name: 'Disable agent' }).click();
    dialog = page.getByRole('dialog', { name: 'Disable toggle-agent?' });
    await dialog.getByRole('button', { name: 'Disable agent' }).click();
    await expect(dialog).toBeHidden();
    await expect(header.getByText('Disabled')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enable agent' })).toBeVisible();

    await page.goto('/agents?q=toggle');
    await expect(page.getByRole('table', { name: 'Agents' }).getByText('Disabled')).toBeVisible();

    await page.goto('/agents/toggle-agent');
    await page.getByRole('button', { name: 'Enable agent' }).click();
    dialog = page.getByRole('dialog', { name: 'Enable toggle-agent?' });
    await dialog.getByRole('button', { name: 'Enable agent' }).click();
    await expect(dialog).toBeHidden();
    await expect(header.getByText('Enabled')).toBeVisible();
  } finally {
    await request.post(api('/agents/toggle-agent:enable'));
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the agents and agent pages have no serious accessibility violations (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/agents');
    await expect(page.getByRole('link', { name: 'notes-agent' })).toBeVisible();
    await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    await expectNoSeriousA11yViolations(page);

    await page.goto('/agents/notes-agent');
    await expect(page.getByRole('table', { name: 'Versions' })).toBeVisible();
    await expect(endpointForm(page).getByLabel('Rule 1 traffic percentage')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // With an error on screen too.
    await endpointForm(page).getByLabel('Rule 1 traffic percentage').fill('5');
    await expect(
      endpointForm(page).getByText('Percentages must add up to 100, now 85.').first(),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
}

test.describe('on a narrow window', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the agents and agent pages fit and work', async ({ page }) => {
    await page.goto('/agents');
    const list = page.getByRole('list', { name: 'Agents' });
    await expect(list.getByRole('link', { name: 'notes-agent' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

    await list.getByRole('link', { name: 'notes-agent' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'notes-agent' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Versions' })).toContainText('1 CPU · 2Gi');
    await expect(endpointForm(page).getByLabel('Rule 1 traffic percentage')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await expectNoSeriousA11yViolations(page);
  });
});
