// @vitest-environment jsdom
import os from 'node:os';
import { screen, waitFor, within } from '@testing-library/react';
import { useParams } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  AUDIT_CSV_COLUMNS,
  AUDIT_PATH,
  SIGN_IN_PATH,
  type AgentSession,
  type AuditList,
} from '@contract';
import { paths } from '../../src/web/app/paths';
import { ActivityView } from '../../src/web/features/activity/components/activity-view';
import { UserLabelForm } from '../../src/web/features/activity/components/user-label-form';
import { sessionUploadTransport } from '../../src/web/features/files/api/session-uploads';
import { apiRequest, consoleRequest } from '../../src/web/lib/api-client';
import { getUserLabel, saveUserLabel } from '../../src/web/lib/settings';
import { renderRoutes } from '../helpers/render';
import { openOnHost, sessionsToDelete, uniqueId, webHost } from '../helpers/web-host';

/**
 * The Activity page and the name in Settings, against the web tests' real host. The page is moved to the
 * host's origin, as when the host serves the console: the console's own API is on the page's origin, and
 * the name goes only there. Other files use the same host at the same time, so each test looks only at
 * what its own name did.
 */

/** Its versions name an image the local host cannot run: its sessions cost no process. */
const AGENT = 'inert-agent';
const host = webHost();
const made = sessionsToDelete(host, AGENT, afterEach);

beforeAll(() => openOnHost(host));
afterEach(() => saveUserLabel(''));

/** A name no other test uses, with letters a header cannot carry unencoded. */
const uniqueName = () => `Zoë ${uniqueId('desk')}`;

async function createSession(): Promise<string> {
  const id = uniqueId('audited');
  made.push(id);
  await apiRequest<AgentSession>(apiPaths.sessions(AGENT), {
    method: 'POST',
    body: { agent_session_id: id },
  });
  return id;
}

/** The trail's entries by `person` (a name), oldest first, once there are `count`: an entry is written as its answer completes. */
async function entriesOf(person: string, count: number): Promise<AuditList['data']> {
  let data: AuditList['data'] = [];
  await waitFor(async () => {
    const url = new URL(AUDIT_PATH, host.origin);
    url.searchParams.set('person', person);
    url.searchParams.set('order', 'asc');
    data = ((await (await fetch(url)).json()) as AuditList).data;
    expect(data.length).toBeGreaterThanOrEqual(count);
  });
  return data;
}

function SessionPageStub() {
  const { sessionId } = useParams();
  return <h1>Session page of {sessionId}</h1>;
}

function renderActivity(search: string) {
  return renderRoutes(
    [
      { path: paths.activity.path, element: <ActivityView /> },
      { path: paths.session.path, element: <SessionPageStub /> },
    ],
    `${paths.activity.getHref()}${search}`,
  );
}

/** The rows of the table, without its header row. */
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('the Activity page', () => {
  it('shows what a person did under their name, newest first, and a filter in the URL narrows it', async () => {
    const name = uniqueName();
    saveUserLabel(name);
    const gone = await createSession();
    // The upload goes by XMLHttpRequest, the rest by fetch: both carry the name.
    await sessionUploadTransport(
      AGENT,
      gone,
    )({
      path: 'notes/hello.txt',
      body: new Blob(['hello']),
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    await apiRequest(apiPaths.sessionStop(AGENT, gone), { method: 'POST', asOwner: true });
    await apiRequest(apiPaths.session(AGENT, gone), { method: 'DELETE', asOwner: true });
    const kept = await createSession();
    // The console's own API carries it too, called by its path as the console calls it.
    await consoleRequest(SIGN_IN_PATH, { method: 'DELETE' });
    await entriesOf(name, 6);

    const { user, router } = renderActivity(`?person=${encodeURIComponent(name)}`);

    const keptLink = await screen.findByRole('link', { name: kept });
    expect(keptLink.getAttribute('href')).toBe(paths.session.getHref(AGENT, kept));
    const rows = bodyRows();
    expect(rows.map((row) => within(row).getByText(/^(POST|PUT|DELETE) /).textContent)).toEqual([
      'DELETE sign-out',
      'POST session.create',
      'DELETE session.delete',
      'POST session.stop',
      'PUT file.upload',
      'POST session.create',
    ]);
    for (const row of rows) {
      expect(within(row).getByText(name)).toBeTruthy();
      expect(within(row).getByText(os.userInfo().username)).toBeTruthy();
    }
    const upload = rows[4]!;
    expect(within(upload).getByText('notes/hello.txt')).toBeTruthy();
    expect(within(upload).getByText('5 bytes')).toBeTruthy();
    expect(within(upload).getByText('OK')).toBeTruthy();
    expect(within(upload).getByText('201')).toBeTruthy();
    expect(within(rows[2]!).getByText(gone)).toBeTruthy();
    expect(within(rows[2]!).getByRole('cell', { name: 'local' })).toBeTruthy();

    // Narrowed to one action: the URL carries both filters, and the table only the deletion.
    const form = screen.getByRole('search', { name: 'Filter the activity' });
    await user.selectOptions(within(form).getByLabelText('Action'), 'session.delete');
    await user.click(within(form).getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    const search = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(search)).toEqual({ person: name, action: 'session.delete' });
    expect(within(bodyRows()[0]!).getByText(gone)).toBeTruthy();
    expect(screen.getByText('1 entry, newest first, filtered')).toBeTruthy();

    // The export has the same filters, so it holds the same row.
    const csv = screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')!;
    expect(new URLSearchParams(csv.split('?')[1])).toEqual(search);
    const text = await (await fetch(new URL(csv, host.origin))).text();
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(header).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(gone);

    // The form was made anew for the new view; its Clear button goes back to the whole trail.
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(router.state.location.search).toBe('');
  });

  it('opens the view a link describes, and the fields show its filters', async () => {
    const name = uniqueName();
    saveUserLabel(name);
    const id = await createSession();
    await entriesOf(name, 1);

    const { user, router } = renderActivity(
      `?person=${encodeURIComponent(name)}&session=${id}&action=session.create`,
    );
    const link = await screen.findByRole('link', { name: id });
    expect(bodyRows()).toHaveLength(1);
    const form = screen.getByRole('search', { name: 'Filter the activity' });
    expect((within(form).getByLabelText('Person') as HTMLInputElement).value).toBe(name);
    expect((within(form).getByLabelText('Session') as HTMLInputElement).value).toBe(id);
    expect((within(form).getByLabelText('Action') as HTMLSelectElement).value).toBe('session.create');

    await user.click(link);
    expect(await screen.findByRole('heading', { name: `Session page of ${id}` })).toBeTruthy();
    expect(router.state.location.pathname).toBe(paths.session.getHref(AGENT, id));
  });

  it('says when nothing matches, and offers to clear the filters', async () => {
    const { user, router } = renderActivity(`?person=${encodeURIComponent(uniqueName())}`);
    expect(await screen.findByRole('heading', { name: 'No activity matches these filters' })).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    expect(router.state.location.search).toBe('');
  });

  it('shows the server’s reason and request id for a time it cannot read, and marks the field', async () => {
    renderActivity('?from=yesterday');
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        "'from' must be a date (2026-03-10) or a time with its zone (2026-03-10T09:30:00Z), not 'yesterday'.",
      ),
    ).toBeTruthy();
    expect(within(alert).getByText(/HTTP 400 · invalid_request · request id \S+/)).toBeTruthy();
    const from = screen.getByLabelText('From (at or after)');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect((from as HTMLInputElement).value).toBe('yesterday');
  });
});

describe('the name in Settings', () => {
  function renderForm() {
    return renderRoutes(
      [{ path: paths.settings.path, element: <UserLabelForm /> }],
      paths.settings.getHref(),
    );
  }

  it('refuses a name too long or with control characters, keeps what was typed, and saves a good one', async () => {
    saveUserLabel('Before');
    const { user } = renderForm();
    const field = screen.getByLabelText('Your name (shown in the activity log)');
    const save = screen.getByRole('button', { name: 'Save name' });

    await user.clear(field);
    await user.type(field, 'x'.repeat(65));
    expect(screen.getByText('At most 64 characters, 65 so far.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(save.hasAttribute('disabled')).toBe(true);
    expect((field as HTMLInputElement).value).toBe('x'.repeat(65));
    expect(getUserLabel()).toBe('Before');

    await user.clear(field);
    await user.click(field);
    await user.paste('Ada\u0007Lovelace');
    expect(
      screen.getByText('Only printable characters: remove tabs, line breaks and invisible characters.'),
    ).toBeTruthy();
    expect(getUserLabel()).toBe('Before');

    await user.clear(field);
    await user.type(field, '  Ada   Lovelace ');
    await user.click(save);
    expect(getUserLabel()).toBe('Ada Lovelace');
    expect((field as HTMLInputElement).value).toBe('Ada Lovelace');
    expect(screen.getByText('Saved. Your calls are now recorded as Ada Lovelace.')).toBeTruthy();
  });
});
