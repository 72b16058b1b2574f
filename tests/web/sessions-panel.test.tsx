// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { useParams } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiPaths, type AgentSession, type List } from '@contract';
import { paths } from '../../src/web/app/paths';
import { SessionsPanel } from '../../src/web/features/sessions/components/sessions-panel';
import { saveSettings } from '../../src/web/lib/settings';
import { renderRoutes } from '../helpers/render';
import { uniqueId, webHost } from '../helpers/web-host';

/** Sessions of this agent in the web host's catalog are made by this file only; its process is ready at once. */
const AGENT = 'panel-agent';
const host = webHost();
const made: string[] = [];

beforeEach(() => {
  saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '' });
});
afterEach(async () => {
  for (const id of made.splice(0)) await host.deleteSession(AGENT, id);
});

/** How many sessions the agent has, as the server says. */
async function sessionCount(): Promise<number> {
  const res = await fetch(host.url(apiPaths.sessions(AGENT), { limit: 100 }));
  return ((await res.json()) as List<AgentSession>).data.length;
}

/** Where a created session's link leads: only the id, which says the console went there. */
function SessionPageStub() {
  const { sessionId } = useParams();
  return <h1>Session page of {sessionId}</h1>;
}

/**
 * Opens the dialog from the panel's button, once its versions are there: until then its Create button
 * is off, and a click on it would do nothing.
 */
async function openCreateDialog(user: UserEvent): Promise<HTMLElement> {
  await user.click((await screen.findAllByRole('button', { name: 'Create session' }))[0]!);
  const dialog = await screen.findByRole('dialog', { name: 'Create session' });
  await within(within(dialog).getByLabelText('Version')).findByRole('option', { name: /^Version 1/ });
  return dialog;
}

function renderSessions() {
  return renderRoutes(
    [
      { path: paths.sessions.path, element: <SessionsPanel agent={AGENT} /> },
      { path: paths.session.path, element: <SessionPageStub /> },
    ],
    paths.sessions.getHref(AGENT),
  );
}

describe('the sessions list', () => {
  it('shows a session made elsewhere with its id, status and version', async () => {
    const session = await host.createSession(AGENT, { id: uniqueId('listed') });
    made.push(session.agent_session_id);
    renderSessions();

    const link = await screen.findByRole('link', { name: session.agent_session_id });
    const row = link.closest('tr')!;
    // The list polls while the session starts, so the row settles on Active without a reload.
    expect(await within(row).findByText('Active', {}, { timeout: 15_000 })).toBeTruthy();
    expect(within(row).getByRole('cell', { name: session.version_indicator.agent_version })).toBeTruthy();
    expect(
      within(row).getByRole('button', { name: `Stop session ${session.agent_session_id}` }),
    ).toBeTruthy();
    expect(link.getAttribute('href')).toBe(paths.session.getHref(AGENT, session.agent_session_id));
  });
});

describe('the create-session dialog', () => {
  it('refuses an id the server would refuse, saying why, and sends nothing', async () => {
    const before = await sessionCount();
    const { user } = renderSessions();
    const dialog = await openCreateDialog(user);
    const idField = within(dialog).getByLabelText(/Session id/);

    await user.type(idField, 'bad id!');
    expect(
      within(dialog).getByText('Only letters, digits, “-” and “_” are allowed; remove spaces, “!”.'),
    ).toBeTruthy();
    expect(idField.getAttribute('aria-invalid')).toBe('true');
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    // Still open, with the person back on the field to fix.
    expect(screen.getByRole('dialog', { name: 'Create session' })).toBeTruthy();
    expect(document.activeElement).toBe(idField);

    await user.clear(idField);
    await user.type(idField, 'short');
    expect(within(dialog).getByText('At least 8 characters, 5 so far.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    expect(await sessionCount()).toBe(before);
  });

  it('shows the server’s refusal of an id already in use', async () => {
    const taken = await host.createSession(AGENT, { id: uniqueId('taken') });
    made.push(taken.agent_session_id);
    const { user } = renderSessions();
    const dialog = await openCreateDialog(user);
    await user.type(within(dialog).getByLabelText(/Session id/), taken.agent_session_id);
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));

    expect(await within(dialog).findByText('The server refused this id; its reason is below.')).toBeTruthy();
    expect(within(dialog).getByText(new RegExp(taken.agent_session_id))).toBeTruthy();
  });

  it('creates a session with a valid id and version, opens it, and the list has it', async () => {
    const id = uniqueId('created');
    const { user, router } = renderSessions();
    const dialog = await openCreateDialog(user);
    // Version 1 is picked over the suggested one.
    const version = within(dialog).getByLabelText('Version');
    await user.selectOptions(version, within(version).getByRole('option', { name: /^Version 1/ }));
    await user.type(within(dialog).getByLabelText(/Session id/), id);
    expect(within(dialog).getByText(/A valid id\./)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    made.push(id);

    expect(await screen.findByRole('heading', { name: `Session page of ${id}` })).toBeTruthy();
    expect(router.state.location.pathname).toBe(paths.session.getHref(AGENT, id));
    const stored = await fetch(host.url(apiPaths.session(AGENT, id)));
    expect(stored.status).toBe(200);
    expect(
      ((await stored.json()) as { version_indicator: { agent_version: string } }).version_indicator,
    ).toMatchObject({ agent_version: '1' });

    await router.navigate(paths.sessions.getHref(AGENT));
    expect(await screen.findByRole('link', { name: id })).toBeTruthy();
  });
});
