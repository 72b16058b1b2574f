import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/axe';

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('the header leads to every page and back', async ({ page }) => {
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Agent Sessions Console' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page).toHaveTitle('Overview · Agent Sessions Console');

  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Connections' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await expect(mainNav(page).getByRole('link', { name: 'Agents' })).not.toHaveAttribute('aria-current');

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await mainNav(page).getByRole('link', { name: 'Agents' }).click();
  await expect(page).toHaveURL('/agents');
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Agents' })).toHaveAttribute('aria-current', 'page');

  await header.getByRole('link', { name: 'Agent Sessions Console' }).click();
  await expect(page).toHaveURL('/');
});

test('the theme switch applies dark and light and remembers the choice', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(html).not.toHaveClass(/\bdark\b/);

  await theme.getByRole('radio', { name: 'Dark' }).check();
  await expect(html).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(theme.getByRole('radio', { name: 'Dark' })).toBeChecked();

  await theme.getByRole('radio', { name: 'Light' }).check();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);

  // "System" follows the operating system, also when it changes while the page is open.
  await theme.getByRole('radio', { name: 'System' }).check();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).not.toHaveClass(/\bdark\b/);
});

test('a saved dark theme is applied before the app code runs', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
  // With the app's scripts blocked only the inline script in index.html can set the class: no light flash.
  await page.route(/\.(js|tsx?)(\?.*)?$/, (route) => route.abort());
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
});

test('an unknown address shows a not-found page with a way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no/such/page')).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});

test('a page whose code fails to load shows the error inside the layout', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  // As after a release while the console was open: the old page chunk is gone.
  await page.route(/\/assets\/settings-[^/]*\.js$/, (route) => route.abort());
  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'This page failed to load' })).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Reload page' })).toBeVisible();
  await expect(mainNav(page)).toBeVisible();

  await page.unroute(/\/assets\/settings-[^/]*\.js$/);
  await mainNav(page).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
});

test('the skip link moves keyboard focus past the header', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the home page has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    await expectNoSeriousA11yViolations(page);
  });
}

test.describe('on a narrow window', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the header fits and the navigation works', async ({ page }) => {
    await page.goto('/');
    await expect(mainNav(page).getByRole('link', { name: 'Agents' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
    const overflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflows, 'the page scrolls sideways').toBe(false);

    await mainNav(page).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
