import { expect, test, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { apiPaths, type AgentSession } from '@contract';
import { freePort } from '../src/host/sandbox/runner';
import { apiUrl, startHost, tempDir, type TestHost } from '../tests/helpers/host';
import { expectNoSeriousA11yViolations } from './helpers/axe';

// These journeys run on hosts of their own (log-catalog.json, the built console in dist/): they
// count a host's subscribers and kill a host mid-stream, which the shared server cannot allow.
const CATALOG = path.resolve('e2e/fixtures/log-catalog.json');
const AGENT = 'log-agent';

/**
 * A private copy of the built console. Any `npm start` on this machine rebuilds dist/ when the sources
 * changed, emptying it first, and a host serves only the files it saw when it started: a copy taken
 * once dist/ is complete keeps these journeys from serving a half-built console.
 */
async function snapshotDist(): Promise<string> {
  const dist = path.resolve('dist');
  for (let tries = 0; tries < 120; tries++) {
    const index =
      fs.existsSync(path.join(dist, 'index.html')) && fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const assets = index ? [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!) : [];
    if (index && assets.length && assets.every((a) => fs.existsSync(path.join(dist, a)))) {
      const copy = tempDir('asc-logs-ui-');
      fs.cpSync(dist, copy, { recursive: true });
      if (fs.existsSync(path.join(copy, 'index.html'))) return copy;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dist/ has no complete build of the console');
}

let host: TestHost;
let uiDir: string;
test.beforeAll(async () => {
  uiDir = await snapshotDist();
  host = await startHost({ catalogFile: CATALOG }, { uiDir });
});
test.afterAll(async () => {
  await host?.close();
  if (uiDir) fs.rmSync(uiDir, { recursive: true, force: true });
});

const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function call(endpoint: string, apiPath: string, init: RequestInit = {}, query = {}) {
  return fetch(apiUrl(endpoint, apiPath, query), {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

/** A new session of log-agent, once its process is ready to take invocations. */
async function createSession(endpoint = host.endpoint): Promise<string> {
  const id = uid('ses');
  const res = await call(endpoint, apiPaths.sessions(AGENT), {
    method: 'POST',
    body: JSON.stringify({ agent_session_id: id }),
  });
  expect(res.status, await res.text()).toBe(201);
  await expect
    .poll(
      async () => ((await (await call(endpoint, apiPaths.session(AGENT, id))).json()) as AgentSession).status,
    )
    .toBe('active');
  return id;
}

type Line = { stream: 'stdout' | 'stderr'; text: string };

/** Makes the agent write these lines (or a flood, or a giant line), through an invocation. */
async function write(
  id: string,
  body: { lines?: Line[]; flood?: { count: number; prefix?: string } },
  endpoint = host.endpoint,
) {
  const res = await call(
    endpoint,
    apiPaths.invocations(AGENT),
    { method: 'POST', body: JSON.stringify(body) },
    { agent_session_id: id },
  );
  expect(res.status, await res.text()).toBe(200);
}

async function deleteSession(id: string, endpoint = host.endpoint) {
  await call(endpoint, apiPaths.session(AGENT, id), { method: 'DELETE' }).catch(() => undefined);
}

const logsUrl = (id: string, query = '', origin = host.origin) =>
  `${origin}/agents/${AGENT}/sessions/${id}/logs${query ? `?${query}` : ''}`;

const pane = (page: Page) => page.locator('[data-log-pane]').first();
const rows = (page: Page) => pane(page).locator('[data-seq]');
const rowWith = (page: Page, text: string) => rows(page).filter({ hasText: text });
const messages = (page: Page) => pane(page).locator('[data-seq] [data-part="message"]').allTextContents();
const lineButton = (row: Locator) => row.getByRole('button', { name: /^Line \d+$/ });

async function openLogs(page: Page, id: string, query = '', origin = host.origin) {
  await page.goto(logsUrl(id, query, origin));
  await expect(pane(page)).toHaveAttribute('data-connection', 'live');
}

const KNOWN: Line[] = [
  { stream: 'stdout', text: 'alpha one' },
  { stream: 'stderr', text: 'beta two' },
  { stream: 'stdout', text: 'gamma three' },
  { stream: 'stderr', text: 'delta four' },
  { stream: 'stdout', text: 'epsilon five' },
];

test('known lines appear in order, each on its stream, UTF-8 intact; markup and ANSI stay text and colour', async ({
  page,
}) => {
  const id = await createSession();
  try {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await openLogs(page, id, 'hide=status&time=off');
    await write(id, {
      lines: [
        ...KNOWN,
        { stream: 'stdout', text: '<script>alert(1)</script><img src=x onerror=alert(2)>' },
        { stream: 'stdout', text: 'plain \u001b[31mred alert\u001b[0m \u001b[1mbold\u001b[0m' },
        { stream: 'stdout', text: 'naïve café ✓ 日本語 🚀' },
      ],
    });
    await expect(rowWith(page, 'naïve café')).toBeVisible();

    const shown = await rows(page).evaluateAll((els) =>
      els.map((el) => [
        el.getAttribute('data-stream'),
        el.querySelector('[data-part="message"]')?.textContent,
      ]),
    );
    // The agent's own start line comes first; then exactly what it was told, in order.
    expect(shown[0]?.[1]).toMatch(/^log-agent started/);
    expect(shown.slice(1)).toEqual([
      ...KNOWN.map((l) => [l.stream, l.text]),
      ['stdout', '<script>alert(1)</script><img src=x onerror=alert(2)>'],
      ['stdout', 'plain red alert bold'],
      ['stdout', 'naïve café ✓ 日本語 🚀'],
    ]);

    const log = page.getByRole('log', { name: `Log lines of session ${id}` });
    await expect(log.locator('script, img')).toHaveCount(0);
    await expect(log.getByText('red alert', { exact: true })).toHaveCSS('color', 'rgb(244, 112, 103)');
    await expect(log.getByText('bold', { exact: true })).toHaveCSS('font-weight', '600');
    expect(dialogs).toBe(0);
    // stderr looks different from stdout, not by colour alone: it carries an "err" tag.
    await expect(rowWith(page, 'beta two')).toContainText('err');
  } finally {
    await deleteSession(id);
  }
});

test('filters and search work, and survive a reload through the URL', async ({ page }) => {
  const id = await createSession();
  try {
    await write(id, { lines: KNOWN });
    await openLogs(page, id);
    await expect(rowWith(page, 'epsilon five')).toBeVisible();

    const streams = page.getByRole('group', { name: 'Streams' });
    await streams.getByRole('button', { name: 'stderr' }).click();
    await expect(streams.getByRole('button', { name: 'stderr' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page).toHaveURL(/[?&]hide=stderr\b/);
    await expect(pane(page).locator('[data-stream="stderr"]')).toHaveCount(0);
    await streams.getByRole('button', { name: 'status' }).click();
    await expect(pane(page).locator('[data-stream="status"]')).toHaveCount(0);

    // Ctrl+F lands in the console's search, not the browser's find bar.
    await page.getByRole('log').click();
    await page.keyboard.press('Control+f');
    const search = page.getByRole('searchbox', { name: 'Search lines' });
    await expect(search).toBeFocused();
    await search.fill('ONE|three');
    await page.getByRole('button', { name: 'Regular expression' }).click();
    await expect(page.getByText('2 matches')).toBeVisible();
    await expect(pane(page).locator('mark')).toHaveText(['one', 'three']);
    await search.press('Enter');
    await expect(page.getByText('1 of 2')).toBeVisible();
    await page.getByRole('log').focus();
    await page.keyboard.press('n');
    await expect(page.getByText('2 of 2')).toBeVisible();
    await page.keyboard.press('Shift+N');
    await expect(page.getByText('1 of 2')).toBeVisible();

    await page.getByRole('button', { name: 'Show only matching lines' }).click();
    await expect.poll(() => messages(page)).toEqual(['alpha one', 'gamma three']);
    await page.getByLabel('Timestamps').selectOption('utc');
    await page.getByRole('button', { name: 'Wrap lines' }).click();
    await expect(page).toHaveURL(/[?&]only=1\b/);

    await page.reload();
    await expect(pane(page)).toHaveAttribute('data-connection', 'live');
    await expect(search).toHaveValue('ONE|three');
    await expect(page.getByRole('button', { name: 'Regular expression' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('button', { name: 'Show only matching lines' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('button', { name: 'Wrap lines' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Timestamps')).toHaveValue('utc');
    await expect(streams.getByRole('button', { name: 'stderr' })).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => messages(page)).toEqual(['alpha one', 'gamma three']);
    await expect(rowWith(page, 'alpha one')).toContainText(/\d\d:\d\d:\d\d\.\d{3}Z/);

    // An expression still being typed is reported, not thrown.
    await search.fill('(unclosed');
    await expect(page.getByRole('alert')).toContainText('Not a valid regular expression');
    await expect(pane(page)).toBeVisible();
  } finally {
    await deleteSession(id);
  }
});

test.describe('with the clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a link to a range of lines opens with those lines highlighted', async ({ page, context }) => {
    const id = await createSession();
    try {
      await write(id, { lines: KNOWN });
      await openLogs(page, id, 'hide=status');
      await lineButton(rowWith(page, 'beta two')).click();
      await lineButton(rowWith(page, 'delta four')).click({ modifiers: ['Shift'] });
      const selected = page.getByRole('group', { name: 'Selected lines' });
      await expect(selected).toContainText('3 lines selected');
      await selected.getByRole('button', { name: 'Copy link to lines' }).click();
      await expect(pane(page)).toContainText('Link to the selected lines copied.');
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toMatch(/[?&]lines=\d+-\d+/);
      expect(link).toContain('hide=status');

      const other = await context.newPage();
      await other.goto(link);
      for (const text of ['beta two', 'gamma three', 'delta four']) {
        await expect(lineButton(rowWith(other, text))).toHaveAttribute('aria-pressed', 'true');
        await expect(rowWith(other, text)).toHaveAttribute('data-selected', 'true');
      }
      for (const text of ['alpha one', 'epsilon five']) {
        await expect(lineButton(rowWith(other, text))).toHaveAttribute('aria-pressed', 'false');
      }
      await other
        .getByRole('group', { name: 'Selected lines' })
        .getByRole('button', { name: 'Copy lines' })
        .click();
      const copied = await other.evaluate(() => navigator.clipboard.readText());
      expect(copied.split('\n').map((l) => l.replace(/^\S+ \S+ /, ''))).toEqual([
        'beta two',
        'gamma three',
        'delta four',
      ]);
    } finally {
      await deleteSession(id);
    }
  });
});

test('the download holds exactly the lines shown, as .log and as .jsonl', async ({ page }) => {
  const id = await createSession();
  try {
    await write(id, { lines: KNOWN });
    await openLogs(page, id, `hide=stderr,status&q=${encodeURIComponent('^(gamma|epsilon)')}&re=1&only=1`);
    await expect.poll(() => messages(page)).toEqual(['gamma three', 'epsilon five']);
    const shown = await messages(page);

    const download = async (name: string) => {
      await page.getByRole('button', { name: 'Download' }).click();
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name }).click(),
      ]);
      return fs.readFileSync((await file.path())!, 'utf8');
    };
    const log = (await download('Shown as .log')).trimEnd().split('\n');
    expect(log.map((l) => l.replace(/^\S+ stdout /, ''))).toEqual(shown);
    const jsonl = (await download('Shown as .jsonl'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { message: string; stream: string; id: number });
    expect(jsonl.map((l) => l.message)).toEqual(shown);
    expect(jsonl.every((l) => l.stream === 'stdout' && Number.isInteger(l.id))).toBe(true);

    const all = (await download('All held as .jsonl')).trimEnd().split('\n');
    expect(all.length).toBeGreaterThan(shown.length);
  } finally {
    await deleteSession(id);
  }
});

test('the console follows the newest line until the reader scrolls up, and jumps back to it', async ({
  page,
}) => {
  const id = await createSession();
  try {
    // The full-window console: the whole pane is on screen, so "in the viewport" means scrolled to.
    await page.goto(`${host.origin}/agents/${AGENT}/sessions/${id}/logs/full?hide=status&time=off`);
    await expect(pane(page)).toHaveAttribute('data-connection', 'live');
    const log = page.getByRole('log', { name: `Log lines of session ${id}` });
    const jump = page.getByRole('button', { name: /^Jump to latest/ });
    await write(id, { flood: { count: 500, prefix: 'first' } });
    await expect(rowWith(page, 'first 499')).toBeInViewport();
    // A flood, watched frame by frame: following never paints the pane without a row on screen.
    await log.evaluate((el) => {
      const w = window as { __emptyFrames?: number; __watching?: boolean };
      w.__emptyFrames = 0;
      w.__watching = true;
      const tick = () => {
        const box = el.getBoundingClientRect();
        const onScreen = [...el.querySelectorAll('[data-seq]')].some((row) => {
          const r = row.getBoundingClientRect();
          return r.bottom > box.top && r.top < box.bottom;
        });
        if (!onScreen) w.__emptyFrames!++;
        if (w.__watching) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await write(id, { flood: { count: 20_000, prefix: 'second' } });
    await expect(rowWith(page, 'second 19999')).toBeInViewport();
    const emptyFrames = await page.evaluate(() => {
      const w = window as { __emptyFrames?: number; __watching?: boolean };
      w.__watching = false;
      return w.__emptyFrames;
    });
    expect(emptyFrames).toBe(0);
    await expect(jump).toHaveCount(0);

    // Scrolling up stops following: what arrives then is counted, not scrolled to.
    await log.hover();
    await page.mouse.wheel(0, -2000);
    await expect(jump).toBeVisible();
    await write(id, { flood: { count: 40, prefix: 'third' } });
    await expect(jump).toHaveText('Jump to latest (40 new)');
    await expect(rowWith(page, 'third 39')).not.toBeInViewport();

    await jump.click();
    await expect(rowWith(page, 'third 39')).toBeInViewport();
    await expect(jump).toHaveCount(0);
    await write(id, { flood: { count: 200, prefix: 'fourth' } });
    await expect(rowWith(page, 'fourth 199')).toBeInViewport();
  } finally {
    await deleteSession(id);
  }
});

test('pause keeps what arrives and shows it on resume; clear empties the console', async ({ page }) => {
  const id = await createSession();
  try {
    await openLogs(page, id, 'hide=status');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
    await write(id, { lines: [{ stream: 'stdout', text: 'written while paused' }] });
    await expect(pane(page)).toContainText(/Paused · \d+ new held/);
    await expect(rowWith(page, 'written while paused')).toHaveCount(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(rowWith(page, 'written while paused')).toBeVisible();

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(rows(page)).toHaveCount(0);
    await write(id, { lines: [{ stream: 'stdout', text: 'after the clear' }] });
    await expect.poll(() => messages(page)).toEqual(['after the clear']);
  } finally {
    await deleteSession(id);
  }
});

test('leaving the page or closing the tab ends the stream request', async ({ page, context }) => {
  const id = await createSession();
  const subscribers = () => host.app.host.logs.subscriberCount(AGENT, id);
  try {
    await openLogs(page, id);
    await expect.poll(subscribers).toBe(1);
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${id}$`));
    await expect.poll(subscribers).toBe(0);

    const tab = await context.newPage();
    await openLogs(tab, id);
    await expect.poll(subscribers).toBe(1);
    await tab.close();
    await expect.poll(subscribers).toBe(0);
  } finally {
    await deleteSession(id);
  }
});

test('a session deleted while watched: the console says the stream ended and keeps its lines', async ({
  page,
}) => {
  const id = await createSession();
  await write(id, { lines: KNOWN });
  await openLogs(page, id, '', host.origin);
  await expect(rowWith(page, 'epsilon five')).toBeVisible();
  await deleteSession(id);
  await expect(pane(page)).toHaveAttribute('data-connection', 'ended');
  await expect(pane(page)).toContainText('Ended');
  await expect(rowWith(page, 'its log stream has ended')).toBeVisible();
  await expect(rowWith(page, 'alpha one')).toBeVisible();
});

test('a flood and a giant line: the console keeps up, stays usable and truncates the giant', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const id = await createSession();
  try {
    await openLogs(page, id, 'hide=status');
    const flood = write(id, { flood: { count: 30_000, prefix: 'flood' } });
    // Typing while the lines pour in.
    const search = page.getByRole('searchbox', { name: 'Search lines' });
    await search.fill('flood 2999');
    await flood;
    await expect
      .poll(async () => Number(await pane(page).getAttribute('data-received')), { timeout: 30_000 })
      .toBeGreaterThan(1000);
    // Either every line arrived, or the host said how many it skipped for this slow reader.
    await expect(
      pane(page)
        .getByText(/flood 29999|skipped by the host/)
        .first(),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/\d+ (of \d+|matches?)/)).toBeVisible();
    await search.fill('');

    const giant = 'g'.repeat(1_200_000);
    await write(id, { lines: [{ stream: 'stdout', text: giant }] });
    const row = rowWith(page, 'show all 1,200,000 characters');
    await expect(row).toBeVisible({ timeout: 20_000 });
    expect((await row.locator('[data-part="message"]').textContent())!.length).toBeLessThan(11_000);
    await row.getByRole('button', { name: /show all/ }).click();
    await expect(rowWith(page, 'Show less')).toBeVisible();
  } finally {
    await deleteSession(id);
  }
});

test('frames from another server: raw text, unknown keys and event types, repeats dropped', async ({
  page,
}) => {
  const id = await createSession();
  try {
    // Foundry and proxies may send what the local host never does; this stands in for such a server.
    const body = [
      'id: a1\nevent: log\ndata: this is not json\n\n',
      'id: a2\nevent: metrics\ndata: {"cpu": 3}\n\n',
      'id: a3\nevent: log\ndata: {"message":"with extra keys","stream":"stdout","level":"info","x":{"y":1}}\n\n',
      'id: a4\nevent: log\ndata: {"message":"an unknown stream","stream":"system"}\n\n',
      ': a comment line\n\n',
      'id: a5\nevent: log\ndata: {"timestamp":"2026-03-10T09:33:17.121Z","stream":"stderr","message":"{\\"code\\":42,\\"why\\":\\"json inside\\"}"}\n\n',
    ].join('');
    await page.route('**/*:logstream*', (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body }),
    );
    await page.goto(logsUrl(id, 'time=off'));
    await expect(rowWith(page, 'json inside')).toBeVisible();
    // The stream ends after each body and is opened again: the same ids are not shown twice.
    await expect(pane(page)).toContainText(/Reconnecting|Live/);
    await page.waitForTimeout(1500);
    expect(await messages(page)).toEqual([
      'this is not json',
      'with extra keys',
      'an unknown stream',
      expect.stringContaining('json inside'),
    ]);
    await expect(rowWith(page, 'this is not json')).toContainText('raw');
    await expect(rowWith(page, 'an unknown stream')).toContainText('system');
    await rowWith(page, 'json inside')
      .getByRole('button', { name: /Expand JSON/ })
      .click();
    await expect(rowWith(page, 'json inside').locator('pre')).toContainText('"code": 42');
  } finally {
    await deleteSession(id);
  }
});

test('two sessions side by side, each with its own stream, reached from "Compare with…"', async ({
  page,
}) => {
  const first = await createSession();
  const second = await createSession();
  try {
    await write(first, { lines: [{ stream: 'stdout', text: 'from the first' }] });
    await write(second, { lines: [{ stream: 'stdout', text: 'from the second' }] });
    await openLogs(page, first, 'q=from');
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare with another session' });
    await dialog.getByLabel('Session id or link').fill(`${AGENT}/${second}`);
    await dialog.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL(/\/logs\/compare\?/);
    await expect(page).toHaveURL(/q=from/);

    const one = page.getByRole('log', { name: `Log lines of session ${first} (blue)` });
    const two = page.getByRole('log', { name: `Log lines of session ${second} (amber)` });
    await expect(one.getByText('from the first')).toBeVisible();
    await expect(two.getByText('from the second')).toBeVisible();
    await expect(one.getByText('from the second')).toHaveCount(0);
    await expect(page.locator('[data-log-pane][data-connection="live"]')).toHaveCount(2);

    // Each pane has its own state: the second one ends when its session goes, the first stays live.
    await deleteSession(second);
    await expect(page.locator('[data-log-pane][data-connection="ended"]')).toHaveCount(1);
    await expect(page.locator('[data-log-pane][data-connection="live"]')).toHaveCount(1);
  } finally {
    await deleteSession(first);
    await deleteSession(second);
  }
});

test('n and N in the comparison move the pane a person is in, or every pane before one is chosen', async ({
  page,
}) => {
  const first = await createSession();
  const second = await createSession();
  try {
    const needles: Line[] = [
      { stream: 'stdout', text: 'needle one' },
      { stream: 'stdout', text: 'hay' },
      { stream: 'stdout', text: 'needle two' },
    ];
    await write(first, { lines: needles });
    await write(second, { lines: needles });
    await page.goto(`${host.origin}/logs/compare?s=${AGENT}/${first}&s=${AGENT}/${second}&q=needle`);
    const paneOf = (id: string) =>
      page.locator('[data-log-pane]').filter({ has: page.getByRole('link', { name: id }) });
    const one = paneOf(first);
    const two = paneOf(second);
    await expect(page.locator('[data-log-pane][data-connection="live"]')).toHaveCount(2);
    await expect(one.getByText('2 matches')).toBeVisible();
    await expect(two.getByText('2 matches')).toBeVisible();

    // Nobody has picked a pane yet: like Enter in the shared search box, n moves each one.
    await page.keyboard.press('n');
    await expect(one.getByText('1 of 2')).toBeVisible();
    await expect(two.getByText('1 of 2')).toBeVisible();

    // A click on the second pane's header, which takes no focus, still picks that pane.
    await two.getByText(AGENT, { exact: true }).click();
    await page.keyboard.press('n');
    await expect(two.getByText('2 of 2')).toBeVisible();
    await expect(one.getByText('1 of 2')).toBeVisible();

    // Focus in the first pane's lines: only it answers, backwards too.
    await one.getByRole('log').focus();
    await page.keyboard.press('Shift+N');
    await expect(one.getByText('2 of 2')).toBeVisible();
    await expect(two.getByText('2 of 2')).toBeVisible();
  } finally {
    await deleteSession(first);
    await deleteSession(second);
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the log console has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    const id = await createSession();
    try {
      await write(id, { lines: KNOWN });
      await page.emulateMedia({ colorScheme });
      await openLogs(page, id, 'q=one');
      await expect(rowWith(page, 'epsilon five')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    } finally {
      await deleteSession(id);
    }
  });
}

test.describe('on a narrow window', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the console fits and its controls work', async ({ page }) => {
    const id = await createSession();
    try {
      await write(id, { lines: KNOWN });
      await openLogs(page, id);
      await expect(rowWith(page, 'epsilon five')).toBeVisible();
      const overflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflows, 'the page scrolls sideways').toBe(false);
      await page.getByRole('group', { name: 'Streams' }).getByRole('button', { name: 'stdout' }).click();
      await expect(pane(page).locator('[data-stream="stdout"]')).toHaveCount(0);
    } finally {
      await deleteSession(id);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// A host of its own process, on a fixed port and data folder, so it can be killed and started again.

interface UiHost {
  child: ChildProcess;
  exited: Promise<unknown>;
}

async function startUiHost(port: number, dataDir: string): Promise<UiHost> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', '--port', String(port), '--data', dataDir, '--agents', CATALOG],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  while (!out.includes('Project endpoint:')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The host did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, exited };
}

test('a host killed mid-stream and started again: reconnecting, then live, a gap marker, no line twice', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const dataDir = tempDir('asc-logs-restart-');
  const origin = `http://127.0.0.1:${port}`;
  const endpoint = `${origin}/api/projects/local`;
  let server = await startUiHost(port, dataDir);
  try {
    const id = await createSession(endpoint);
    await write(
      id,
      { lines: [1, 2, 3].map((n) => ({ stream: 'stdout' as const, text: `before ${n}` })) },
      endpoint,
    );
    await openLogs(page, id, 'time=off', origin);
    await expect(rowWith(page, 'before 3')).toBeVisible();

    server.child.kill('SIGKILL');
    await server.exited;
    await expect(pane(page)).toHaveAttribute('data-connection', 'reconnecting');
    await expect(pane(page).getByText(/^Reconnecting( in \d+ s|…)$/)).toBeVisible();
    await expect(pane(page).getByRole('button', { name: 'Retry now' })).toBeVisible();

    server = await startUiHost(port, dataDir);
    // The console may reconnect by itself first (its backoff timer can fire while the host starts);
    // "Retry now" only saves the wait, so a button already gone is fine.
    await pane(page)
      .getByRole('button', { name: 'Retry now' })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await expect(pane(page)).toHaveAttribute('data-connection', 'live', { timeout: 30_000 });
    await expect(pane(page).locator('[data-stream="gap"]')).toContainText(
      /Reconnected: no stream from \d\d:\d\d:\d\d to/,
    );

    await write(id, { lines: [{ stream: 'stdout', text: 'after 1' }] }, endpoint);
    await expect(rowWith(page, 'after 1')).toBeVisible();
    const all = await messages(page);
    for (const n of [1, 2, 3]) expect(all.filter((m) => m === `before ${n}`)).toHaveLength(1);
    const ids = (await pane(page).locator('[data-seq] button[aria-pressed]').allTextContents()).filter(
      Boolean,
    );
    expect(new Set(ids).size).toBe(ids.length);
    await deleteSession(id, endpoint);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * A TCP proxy in front of a host that can make its log streams stall: the connection stays open and
 * says nothing, as a dead NAT entry or a stuck proxy would. Other connections are cut, so the
 * browser's next requests open fresh ones.
 */
async function stallingProxy(targetPort: number) {
  const pairs: { client: net.Socket; upstream: net.Socket; stream: boolean }[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream, stream: false };
    pairs.push(pair);
    client.on('data', (d: Buffer) => {
      if (d.toString('latin1').includes(':logstream')) pair.stream = true;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) socket.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stall: () => {
      for (const p of pairs.splice(0)) {
        if (!p.stream) {
          p.client.destroy();
          p.upstream.destroy();
          continue;
        }
        p.upstream.unpipe(p.client);
        p.client.unpipe(p.upstream);
        p.upstream.pause();
      }
    },
    close: async () => {
      for (const p of pairs) p.client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test('a stream that stalls: quiet first, then reconnected with a gap marker, lines kept', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Heartbeats every second, so "quiet" shows fast and a silent stream is called stalled after 10 s.
  const quick = await startHost(
    { catalogFile: CATALOG, heartbeatSeconds: 1 },
    { uiDir: path.resolve('dist') },
  );
  const proxy = await stallingProxy(Number(new URL(quick.origin).port));
  try {
    const id = await createSession(quick.endpoint);
    await write(id, { lines: KNOWN }, quick.endpoint);
    await openLogs(page, id, 'time=off', `http://127.0.0.1:${proxy.port}`);
    await expect(rowWith(page, 'No logs since last 1 second').first()).toBeVisible({ timeout: 10_000 });
    await expect(pane(page).getByText('quiet', { exact: true })).toBeVisible();

    proxy.stall();
    await expect(
      pane(page)
        .getByText(/the stream looked stalled/)
        .first(),
    ).toBeVisible({ timeout: 30_000 });
    await expect(pane(page)).toHaveAttribute('data-connection', 'live', { timeout: 30_000 });
    await expect(pane(page).locator('[data-stream="gap"]')).toContainText('Reconnected: no stream from');
    await expect(rowWith(page, 'alpha one')).toBeVisible();
    await deleteSession(id, quick.endpoint);
  } finally {
    await proxy.close();
    await quick.close();
  }
});

test('a stream the host closes at its max age, as Foundry does: the console reconnects by itself and repeats no line', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const brief = await startHost({ catalogFile: CATALOG, streamMaxAgeSeconds: 3 }, { uiDir });
  try {
    const id = await createSession(brief.endpoint);
    await write(id, { lines: [{ stream: 'stdout', text: 'before the close' }] }, brief.endpoint);
    await openLogs(page, id, 'time=off', brief.origin);
    await expect(rowWith(page, 'Stream closed after 3 s').first()).toBeVisible({ timeout: 20_000 });
    await expect(pane(page).locator('[data-stream="gap"]').first()).toContainText(
      'Reconnected: no stream from',
      { timeout: 20_000 },
    );
    await expect(pane(page)).toHaveAttribute('data-connection', 'live', { timeout: 20_000 });

    // Written whenever it lands, even between two connections, it shows once.
    await write(id, { lines: [{ stream: 'stdout', text: 'after the close' }] }, brief.endpoint);
    await expect(rowWith(page, 'after the close')).toBeVisible({ timeout: 20_000 });
    const all = await messages(page);
    expect(all.filter((m) => m === 'before the close')).toHaveLength(1);
    expect(all.filter((m) => m === 'after the close')).toHaveLength(1);
    await deleteSession(id, brief.endpoint);
  } finally {
    await brief.close();
  }
});
