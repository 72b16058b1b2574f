// @vitest-environment jsdom
import { useQuery } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiPaths, type Agent, type AgentEndpoint } from '@contract';
import { paths } from '../../src/web/app/paths';
import { agentQueries } from '../../src/web/lib/agent-queries';
import { EndpointSettingsForm } from '../../src/web/features/agents/components/endpoint-settings-form';
import { saveSettings } from '../../src/web/lib/settings';
import { renderRoutes } from '../helpers/render';
import { webHost } from '../helpers/web-host';

/** This file's alone in the web host's catalog: two versions at 50/50. Each test puts it back. */
const AGENT = 'endpoint-agent';
const host = webHost();
let original: AgentEndpoint;

async function storedEndpoint(): Promise<AgentEndpoint> {
  const res = await fetch(host.url(apiPaths.agent(AGENT)));
  return ((await res.json()) as Agent).agent_endpoint!;
}
const split = (endpoint: AgentEndpoint) =>
  endpoint.version_selector?.version_selection_rules.map((r) => [r.agent_version, r.traffic_percentage]);

beforeAll(async () => {
  original = await storedEndpoint();
  expect(split(original)).toEqual([
    ['1', 50],
    ['2', 50],
  ]);
});
beforeEach(() => {
  saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '' });
});
afterEach(async () => {
  const res = await fetch(host.url(apiPaths.agent(AGENT)), {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ agent_endpoint: original }),
  });
  expect(res.status).toBe(200);
});

/** The form as the agent page composes it: over the agent and its versions as loaded. */
function EndpointSection() {
  const agent = useQuery(agentQueries.detail(AGENT));
  const versions = useQuery(agentQueries.versions(AGENT));
  return agent.data ? <EndpointSettingsForm agent={agent.data} versions={versions.data} /> : null;
}

async function renderForm() {
  const view = renderRoutes(
    [{ path: paths.agent.path, element: <EndpointSection /> }],
    paths.agent.getHref(AGENT),
  );
  const form = await screen.findByRole('form', { name: 'Endpoint settings' });
  return { ...view, form };
}

describe('the endpoint settings form', () => {
  it('refuses a split that does not add up to 100, saying so, and stores nothing', async () => {
    const { user, form } = await renderForm();
    const first = within(form).getByLabelText('Rule 1 traffic percentage');
    expect((first as HTMLInputElement).value).toBe('50');

    await user.clear(first);
    await user.type(first, '60');
    // Said as it is typed, next to the rules and beside the Save button that it keeps off.
    expect(within(form).getAllByText('Percentages must add up to 100, now 110.').length).toBeGreaterThan(0);
    const save = within(form).getByRole('button', { name: 'Save endpoint settings' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    expect(first.getAttribute('aria-invalid')).toBe('true');
    await user.click(save);
    expect(split(await storedEndpoint())).toEqual(split(original));
  });

  it('saves a split that adds up to 100 and then shows what the server stored', async () => {
    const { user, form } = await renderForm();
    const first = within(form).getByLabelText('Rule 1 traffic percentage');
    const second = within(form).getByLabelText('Rule 2 traffic percentage');
    await user.clear(first);
    await user.type(first, '30');
    await user.clear(second);
    await user.type(second, '70');
    expect(within(form).getByText('Total 100%')).toBeTruthy();
    expect(within(form).getByText('Unsaved changes')).toBeTruthy();

    await user.click(within(form).getByRole('button', { name: 'Save endpoint settings' }));
    expect(await within(form).findByText('Saved. Showing what the server stored.')).toBeTruthy();
    expect(split(await storedEndpoint())).toEqual([
      ['1', 30],
      ['2', 70],
    ]);
    expect((within(form).getByLabelText('Rule 1 traffic percentage') as HTMLInputElement).value).toBe('30');
    expect((within(form).getByLabelText('Rule 2 traffic percentage') as HTMLInputElement).value).toBe('70');
  });
});
