// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { paths } from '../../src/web/app/paths';
import { FileBrowser } from '../../src/web/features/files/components/file-browser';
import { saveSettings } from '../../src/web/lib/settings';
import { renderRoutes } from '../helpers/render';
import { webHost } from '../helpers/web-host';

/** Its sessions run no process, so a home holds only what a test puts there. */
const AGENT = 'files-agent';
const host = webHost();
const made: string[] = [];

// jsdom lays nothing out, so every box measures 0 and the virtualised listing would draw no row; a
// box of a browser window's size lets it draw them as it does there.
const boxSize = [
  vi.spyOn(Element.prototype, 'clientHeight', 'get'),
  vi.spyOn(Element.prototype, 'clientWidth', 'get'),
];
beforeAll(() => {
  for (const size of boxSize) size.mockReturnValue(800);
});
afterAll(() => {
  for (const size of boxSize) size.mockRestore();
});
beforeEach(() => {
  saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '' });
});
afterEach(async () => {
  for (const id of made.splice(0)) await host.deleteSession(AGENT, id);
});

async function sessionWithFiles(files: Record<string, string>): Promise<string> {
  const { agent_session_id: id } = await host.createSession(AGENT);
  made.push(id);
  for (const [path, body] of Object.entries(files)) await host.putFile(AGENT, id, path, body);
  return id;
}

function renderFiles(id: string) {
  return renderRoutes(
    [{ path: paths.sessionFiles.path, element: <FileBrowser agent={AGENT} sessionId={id} /> }],
    paths.sessionFiles.getHref(AGENT, id),
  );
}

describe('the file browser', () => {
  it('lists what was uploaded to the session, folders first', async () => {
    const id = await sessionWithFiles({ 'report.txt': 'quarterly', 'notes/todo.md': '- ship it' });
    renderFiles(id);

    const grid = await screen.findByRole('grid', { name: /Files in/ });
    expect(await within(grid).findByRole('row', { name: 'report.txt' })).toBeTruthy();
    const rows = within(grid)
      .getAllByRole('row')
      .map((r) => r.getAttribute('aria-label'));
    expect(rows.filter(Boolean)).toEqual(['notes', 'report.txt']);
    expect(within(grid).getByRole('button', { name: 'Delete report.txt' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/2 (items|entries)/);
  });

  it('opens a folder: its entries, the path in the URL and in the breadcrumbs', async () => {
    const id = await sessionWithFiles({ 'notes/todo.md': '- ship it', 'notes/done.md': '- test it' });
    const { user, router } = renderFiles(id);

    const grid = await screen.findByRole('grid', { name: /Files in/ });
    await user.click(await within(grid).findByRole('link', { name: 'notes' }));

    const inNotes = await screen.findByRole('grid', { name: /notes/ });
    expect(await within(inNotes).findByRole('row', { name: 'todo.md' })).toBeTruthy();
    expect(within(inNotes).getByRole('row', { name: 'done.md' })).toBeTruthy();
    expect(router.state.location.search).toBe('?path=notes');
    const crumbs = screen.getByRole('navigation', { name: 'Folder' });
    expect(within(crumbs).getByRole('link', { name: 'Home' })).toBeTruthy();
    expect(within(crumbs).getByText('notes').closest('[aria-current="location"]')).toBeTruthy();
  });
});
