import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';
import {
  createFilesSession,
  deleteFilesSession,
  dropFiles,
  filesTab,
  sizeCell,
  type FilesSession,
} from './helpers/files';

/** Every journey gets a session of its own on notes-agent, deleted afterwards. */
const test = base.extend<{ session: FilesSession }>({
  session: async ({ request }, use) => {
    const session = await createFilesSession(request);
    await use(session);
    await deleteFilesSession(request, session);
  },
});

const MiB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('dropped files upload into the folder on screen and are listed with their sizes', async ({
  page,
  session,
}) => {
  await session.put('inbox/keep.txt', 'already here');
  await page.goto(session.url('inbox'));
  const tab = filesTab(page);
  await expect(tab.row('keep.txt')).toBeVisible();

  await dropFiles(page, tab.dropZone, [
    { name: 'hello.txt', text: 'hello' },
    { name: 'two-k.bin', size: 2048, seed: 7 },
    { name: 'one-and-a-half.bin', size: 1.5 * MiB, seed: 9 },
  ]);

  await expect(tab.uploads.getByRole('heading', { name: 'Uploads: 3 uploaded' })).toBeVisible();
  await expect(sizeCell(tab.row('hello.txt'))).toHaveText('5 B');
  await expect(sizeCell(tab.row('two-k.bin'))).toHaveText('2 KiB');
  await expect(sizeCell(tab.row('one-and-a-half.bin'))).toHaveText('1.5 MiB');
  await expect(tab.status).toHaveText('4 items');
  expect(await session.names('inbox')).toEqual(['hello.txt', 'keep.txt', 'one-and-a-half.bin', 'two-k.bin']);
  expect((await session.read('inbox/hello.txt'))?.toString()).toBe('hello');

  await expectNoSeriousA11yViolations(page);
});

test('a folder chosen with the folder picker keeps its structure', async ({ page, session }) => {
  // DataTransfer cannot carry a folder from a script, so the folder goes through the "Upload folder"
  // picker (a webkitdirectory input), which Playwright fills from a real folder on disk.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-folder-'));
  try {
    const root = path.join(dir, 'project');
    fs.mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(root, 'README.md'), '# project\n');
    fs.writeFileSync(path.join(root, 'src', 'main.js'), 'console.log(1);\n');
    fs.writeFileSync(path.join(root, 'src', 'deep', 'data.json'), '{"ok":true}');

    await page.goto(session.url());
    const tab = filesTab(page);
    await expect(tab.status).toHaveText('0 items');
    await expect(page.getByText('This folder is empty')).toBeVisible();
    await page.getByLabel('Choose a folder to upload').setInputFiles(root);

    await expect(tab.uploads.getByRole('heading', { name: 'Uploads: 3 uploaded' })).toBeVisible();
    await tab.row('project').getByRole('link', { name: 'project' }).click();
    await expect(page).toHaveURL(/\?path=project$/);
    await expect(tab.row('README.md')).toBeVisible();
    await tab.row('src').getByRole('link', { name: 'src' }).click();
    await expect(tab.row('main.js')).toBeVisible();
    await expect(tab.row('deep')).toBeVisible();
    expect(await session.names('project/src/deep')).toEqual(['data.json']);
    expect((await session.read('project/src/deep/data.json'))?.toString()).toBe('{"ok":true}');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file over 50 MiB is refused before any request, and the others go on', async ({ page, session }) => {
  const puts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT') puts.push(new URL(r.url()).searchParams.get('path') ?? '');
  });
  await page.goto(session.url());
  const tab = filesTab(page);
  await expect(tab.status).toHaveText('0 items');

  await dropFiles(page, tab.dropZone, [
    { name: 'too-big.bin', size: 51 * MiB },
    { name: 'small.txt', text: 'fine' },
  ]);

  const refused = tab.upload('too-big.bin');
  await expect(refused).toContainText('Not sent');
  await expect(refused).toContainText(
    '51 MiB (53,477,376 bytes) is over the upload limit of 50 MiB (52,428,800 bytes). It was not sent.',
  );
  await expect(tab.upload('small.txt')).toContainText('Uploaded');
  await expect(tab.row('small.txt')).toBeVisible();
  expect(puts).toEqual(['small.txt']);
  expect(await session.names()).toEqual(['small.txt']);
});

test('a large upload can be cancelled, leaving asks first, and no file appears', async ({
  page,
  session,
}) => {
  await page.goto(session.url());
  const tab = filesTab(page);
  await expect(tab.status).toHaveText('0 items');
  // Slow the upload down so it is still running while the page is looked at.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 4 * MiB,
  });

  await dropFiles(page, tab.dropZone, [{ name: 'large.bin', size: 40 * MiB, seed: 3 }]);
  const progress = tab.uploads.getByRole('progressbar', { name: 'Uploading large.bin' });
  await expect
    .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect(progress).toHaveAttribute('aria-valuetext', /MiB of 40 MiB/);

  // Leaving for another page of the console asks first; staying keeps the upload going.
  await page
    .getByRole('navigation', { name: 'Session sections' })
    .getByRole('link', { name: 'Logs' })
    .click();
  const leave = tab.dialog.filter({ hasText: 'Leave while files are uploading?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(session.url());
  await expect(progress).toBeVisible();

  // Reloading or closing the tab gets the browser's own "leave site?" prompt; dismissed, the page stays.
  const prompt = page.waitForEvent('dialog');
  void page.evaluate(() => location.reload());
  const beforeUnload = await prompt;
  expect(beforeUnload.type()).toBe('beforeunload');
  await beforeUnload.dismiss();
  await expect(progress).toBeVisible();

  await tab.upload('large.bin').getByRole('button', { name: 'Cancel large.bin' }).click();
  await expect(tab.upload('large.bin')).toContainText('Cancelled');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(tab.status).toHaveText('0 items');
  await expect.poll(() => session.names(), { timeout: 10_000 }).toEqual([]);
  // Nothing runs any more, so leaving no longer asks.
  await page
    .getByRole('navigation', { name: 'Session sections' })
    .getByRole('link', { name: 'Overview' })
    .click();
  await expect(page).toHaveURL(`/agents/notes-agent/sessions/${session.id}`);
});

test('a name that exists asks: replace one, keep both for another', async ({ page, session }) => {
  await session.put('a.txt', 'old a');
  await session.put('b.txt', 'old b');
  await page.goto(session.url());
  const tab = filesTab(page);
  await expect(tab.status).toHaveText('2 items');

  await dropFiles(page, tab.dropZone, [{ name: 'a.txt', text: 'the new a' }]);
  const ask = tab.dialog.filter({ hasText: 'A file with this name already exists' });
  await expect(ask).toContainText('A file named a.txt is already in Home.');
  await ask.getByRole('button', { name: 'Replace' }).click();
  await expect(sizeCell(tab.row('a.txt'))).toHaveText('9 B');
  expect((await session.read('a.txt'))?.toString()).toBe('the new a');

  await dropFiles(page, tab.dropZone, [{ name: 'b.txt', text: 'second b' }]);
  await expect(ask).toContainText('A file named b.txt is already in Home.');
  await ask.getByRole('button', { name: 'Keep both' }).click();
  await expect(tab.row('b (1).txt')).toBeVisible();
  await expect(tab.upload('b (1).txt')).toContainText('as a copy of b.txt');
  expect((await session.read('b.txt'))?.toString()).toBe('old b');
  expect((await session.read('b (1).txt'))?.toString()).toBe('second b');
  expect(await session.names()).toEqual(['a.txt', 'b (1).txt', 'b.txt']);
});

test('a downloaded file has the same bytes as the one uploaded', async ({ page, session }) => {
  await page.goto(session.url());
  const tab = filesTab(page);
  await expect(tab.status).toHaveText('0 items');
  const [uploaded] = await dropFiles(page, tab.dropZone, [
    { name: 'payload.bin', size: 3 * MiB + 17, seed: 42 },
  ]);
  await expect(tab.upload('payload.bin')).toContainText('Uploaded');

  const downloading = page.waitForEvent('download');
  await tab.row('payload.bin').getByRole('link', { name: 'Download payload.bin' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('payload.bin');
  const file = await download.path();
  expect(sha256(fs.readFileSync(file))).toBe(uploaded);
});

test('deleting a non-empty folder needs the "everything inside" choice; a 409 is explained', async ({
  page,
  session,
}) => {
  await session.put('docs/a.txt', 'a');
  await session.put('docs/b.txt', 'b');
  await session.put('docs/sub/c.txt', 'c');
  await session.put('later/gone.txt', 'x');
  await session.remove('later/gone.txt');
  await page.goto(session.url());
  const tab = filesTab(page);

  await tab.row('docs').getByRole('button', { name: 'Delete docs' }).click();
  const dialog = tab.dialog.filter({ hasText: 'Delete folder “docs”?' });
  await expect(dialog).toContainText('The folder docs holds 3 entries at its top level');
  const confirm = dialog.getByRole('button', { name: 'Delete folder and contents' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /Delete everything inside “docs”/ }).check();
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(tab.row('docs')).toBeHidden();
  expect(await session.names()).toEqual(['later']);

  // Empty when the dialog looked, not any more when it is confirmed: the server's 409 is explained.
  await tab.row('later').getByRole('button', { name: 'Delete later' }).click();
  const later = tab.dialog.filter({ hasText: 'Delete folder “later”?' });
  await expect(later).toContainText('The folder later is empty.');
  await session.put('later/new.txt', 'arrived meanwhile');
  await later.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(later.getByRole('alert')).toContainText(
    'Nothing was deleted: the folder is not empty (it now holds 1 entry).',
  );
  await later.getByRole('checkbox', { name: /Delete everything inside “later”/ }).check();
  await later.getByRole('button', { name: 'Delete folder and contents' }).click();
  await expect(later).toBeHidden();
  await expect(tab.status).toHaveText('0 items');
  expect(await session.names()).toEqual([]);
});

test('a folder opened by URL is there again after a reload', async ({ page, session }) => {
  await session.put('notes/sub/deep.txt', 'deep');
  await page.goto(session.url('notes/sub'));
  const tab = filesTab(page);
  const crumbs = page.getByRole('navigation', { name: 'Folder' });
  await expect(tab.row('deep.txt')).toBeVisible();
  await expect(crumbs.locator('[aria-current="location"]')).toHaveText('sub');

  await page.reload();
  await expect(tab.row('deep.txt')).toBeVisible();
  await expect(page).toHaveURL(/\/files\?path=notes\/sub$/);

  await crumbs.getByRole('link', { name: 'notes' }).click();
  await expect(page).toHaveURL(/\/files\?path=notes$/);
  await expect(tab.row('sub')).toBeVisible();
  await page.getByRole('button', { name: 'Up one folder' }).click();
  await expect(tab.row('notes')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Up one folder' })).toBeDisabled();

  // A folder that does not exist says so.
  await page.goto(session.url('no/such/folder'));
  await expect(page.getByText('There is no such folder')).toBeVisible();
});

test('a file named like markup is shown as text and runs nothing', async ({ page, session }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const name = '<img src=x onerror=alert(1)>.txt';
  await session.put(name, '<script>alert(2)</script><img src=x onerror=alert(3)>');
  await session.put(
    'logo.svg',
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(4)</script><rect width="9" height="9"/></svg>',
  );
  await page.goto(session.url());
  const tab = filesTab(page);

  await tab.row(name).getByRole('button', { name, exact: true }).click();
  const preview = page.getByRole('complementary', { name: `Preview of ${name}` });
  await expect(preview.getByLabel(`Contents of ${name}`)).toHaveText(
    '<script>alert(2)</script><img src=x onerror=alert(3)>',
  );
  await expect(page).toHaveURL(/&?file=%3Cimg/);
  await tab.row('logo.svg').getByRole('button', { name: 'logo.svg', exact: true }).click();
  await expect(
    page.getByRole('complementary', { name: 'Preview of logo.svg' }).getByRole('img', { name: 'logo.svg' }),
  ).toBeVisible();

  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});

test('previews show JSON formatted with a raw view, and offer a download for the rest', async ({
  page,
  session,
}) => {
  await session.put('config.json', '{"name":"demo","list":[1,2]}');
  await session.put('archive.zip', Buffer.alloc(64, 1));
  await page.goto(`${session.url()}?file=config.json`);
  const preview = page.getByRole('complementary', { name: 'Preview of config.json' });
  await expect(preview.getByLabel('Contents of config.json')).toHaveText(
    '{\n  "name": "demo",\n  "list": [\n    1,\n    2\n  ]\n}',
  );
  await preview.getByRole('button', { name: 'Raw' }).click();
  await expect(preview.getByLabel('Contents of config.json')).toHaveText('{"name":"demo","list":[1,2]}');

  await filesTab(page).row('archive.zip').getByRole('button', { name: 'archive.zip', exact: true }).click();
  const zip = page.getByRole('complementary', { name: 'Preview of archive.zip' });
  await expect(zip).toContainText('There is no preview for this kind of file.');
  await expect(zip.getByRole('link', { name: 'Download 64 B' })).toHaveAttribute('download', 'archive.zip');
  await zip.getByRole('button', { name: 'Close preview' }).click();
  await expect(zip).toBeHidden();
});

test('the keyboard moves through rows, opens, goes up and deletes', async ({ page, session }) => {
  await session.put('alpha/inside.txt', 'in');
  await session.put('beta.txt', 'b');
  await session.put('gamma.txt', 'g');
  await page.goto(session.url());
  const tab = filesTab(page);

  await tab.row('alpha').click({ position: { x: 400, y: 10 } });
  await expect(tab.row('alpha')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?path=alpha$/);
  await expect(tab.row('inside.txt')).toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(page).toHaveURL(session.url());
  await expect(tab.row('alpha')).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await expect(tab.row('beta.txt')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(tab.row('gamma.txt')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Preview of beta.txt' })).toBeVisible();
  await page.keyboard.press('Delete');
  const dialog = tab.dialog.filter({ hasText: 'Delete “beta.txt”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(tab.row('beta.txt')).toBeHidden();
  expect(await session.names()).toEqual(['alpha', 'gamma.txt']);
});

test('a folder of many entries pages through the API and draws only the rows in view', async ({
  page,
  session,
}) => {
  const names = Array.from({ length: 260 }, (_, i) => `entry-${String(i).padStart(3, '0')}.txt`);
  for (let i = 0; i < names.length; i += 20) {
    await Promise.all(names.slice(i, i + 20).map((n) => session.put(`bulk/${n}`, n)));
  }
  const pages: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && /\/api\/.*\/files\?/.test(r.url()))
      pages.push(new URL(r.url()).searchParams.get('after') ?? '');
  });
  await page.goto(session.url('bulk'));
  const tab = filesTab(page);
  await expect(tab.status).toHaveText('260 items');
  expect(pages.slice(0, 3)).toEqual(['', 'entry-099.txt', 'entry-199.txt']);
  await expect(tab.grid).toHaveAttribute('aria-rowcount', '261');
  expect(await tab.grid.getByRole('row').count()).toBeLessThan(60);

  await page.getByLabel('Filter by name').fill('entry-25');
  await expect(tab.status).toHaveText('260 items · 10 shown');
  await page.getByLabel('Filter by name').fill('');
  await tab.row('entry-000.txt').click({ position: { x: 400, y: 10 } });
  await page.keyboard.press('End');
  await expect(tab.row('entry-259.txt')).toBeFocused();
  await expect(tab.row('entry-000.txt')).toHaveCount(0);

  await page.getByRole('button', { name: 'Size' }).click();
  await page.getByRole('button', { name: 'Name' }).click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('button', { name: 'Name' }).click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await expect(tab.grid.getByRole('row').nth(1)).toHaveAccessibleName('entry-259.txt');
});

test('an owned session refuses uploads without its key; the failure stays with a retry that uses the key', async ({
  page,
  request,
}) => {
  const session = await createFilesSession(request, 'owner-key-e2e');
  try {
    await page.goto(session.url());
    const tab = filesTab(page);
    await expect(tab.status).toHaveText('0 items');
    await dropFiles(page, tab.dropZone, [
      { name: 'secret.txt', text: 'for the owner' },
      { name: 'also.txt', text: 'me too' },
    ]);
    const failed = tab.upload('secret.txt');
    await expect(failed).toContainText('Failed');
    await expect(failed.getByRole('alert')).toContainText(
      'Not allowed: this session has an owner, and the isolation key in Settings is missing or is not the owner’s.',
    );
    await expect(failed.getByRole('alert')).toContainText(
      /HTTP 403 · session_not_accessible · request id \S+/,
    );
    await expect(tab.upload('also.txt')).toContainText('Failed');
    await expect(tab.uploads.getByRole('heading')).toHaveText('Uploads: 2 failed');

    // The key saved in another tab (as the Settings page does) reaches this one; the retry carries it.
    const other = await page.context().newPage();
    await other.goto('/settings');
    await other.evaluate(() =>
      localStorage.setItem(
        'asc.connection',
        JSON.stringify({ endpoint: '/api/projects/local', apiVersion: 'v1', isolationKey: 'owner-key-e2e' }),
      ),
    );
    await other.close();
    await tab.uploads.getByRole('button', { name: 'Retry failed' }).click();
    await expect(tab.uploads.getByRole('heading')).toHaveText('Uploads: 2 uploaded');
    expect((await session.read('secret.txt'))?.toString()).toBe('for the owner');

    // Deleting also goes with the key.
    await tab.row('also.txt').getByRole('button', { name: 'Delete also.txt' }).click();
    await tab.dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(tab.row('also.txt')).toBeHidden();
    expect(await session.names()).toEqual(['secret.txt']);
  } finally {
    await deleteFilesSession(request, session);
  }
});

test('the Upload files button opens a file picker, and a dropped item that is not a file is explained', async ({
  page,
  session,
}) => {
  await page.goto(session.url('picked'));
  const tab = filesTab(page);
  await expect(page.getByText('There is no such folder')).toBeVisible();

  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload files' }).click();
  const chooser = await choosing;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([
    { name: 'picked-1.txt', mimeType: 'text/plain', buffer: Buffer.from('first') },
    { name: 'picked-2.txt', mimeType: 'text/plain', buffer: Buffer.from('second') },
  ]);
  await expect(tab.row('picked-2.txt')).toBeVisible();
  await expect(tab.status).toHaveText('2 items');

  const text = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'just some words');
    return dt;
  });
  await tab.dropZone.dispatchEvent('dragover', { dataTransfer: text });
  await tab.dropZone.dispatchEvent('drop', { dataTransfer: text });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Only files and folders can be dropped here' }),
  ).toBeVisible();
  expect(await session.names('picked')).toEqual(['picked-1.txt', 'picked-2.txt']);
});
