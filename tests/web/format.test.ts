import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const GERMAN = 'de-DE';
const NOW = Date.UTC(2026, 2, 10, 9, 33, 17);

// A browser set to German: whatever asks for "the browser's locale" (no locale, or undefined) gets
// de-DE. The module under test is imported only after, so formatters it builds at load see it too.
beforeAll(() => {
  const german = <A extends unknown[], T>(Base: new (locales?: string | string[], ...rest: A) => T) =>
    class extends (Base as new (...args: unknown[]) => object) {
      constructor(locales?: string | string[], ...rest: A) {
        super(locales ?? GERMAN, ...rest);
      }
    };
  const intl = Object.create(Intl, {
    DateTimeFormat: { value: german(Intl.DateTimeFormat) },
    NumberFormat: { value: german(Intl.NumberFormat) },
    RelativeTimeFormat: { value: german(Intl.RelativeTimeFormat) },
  }) as typeof Intl;
  vi.stubGlobal('Intl', intl);
  const dateToLocale = Date.prototype.toLocaleString;
  vi.spyOn(Date.prototype, 'toLocaleString').mockImplementation(function (this: Date, locales, options) {
    return dateToLocale.call(this, locales ?? GERMAN, options);
  });
  const numberToLocale = Number.prototype.toLocaleString;
  vi.spyOn(Number.prototype, 'toLocaleString').mockImplementation(function (this: number, locales, options) {
    return numberToLocale.call(this, locales ?? GERMAN, options);
  });
  vi.resetModules();
});

afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('one locale for numbers and dates, whatever the browser’s', () => {
  it('the stand-in browser really is German', () => {
    expect(new Intl.RelativeTimeFormat(undefined).format(-5, 'minute')).toBe('vor 5 Minuten');
  });

  it('writes relative times in English, as the sentence around them is', async () => {
    const { formatRelative } = await import('../../src/web/lib/format');
    expect(`Updated ${formatRelative(NOW - 5 * 60_000, NOW)}`).toBe('Updated 5 min. ago');
    expect(formatRelative(NOW + 3 * 86_400_000, NOW)).toBe('in 3 days');
  });

  it('writes dates and numbers the same way', async () => {
    const { formatDateTime, formatNumber, formatUtc, LOCALE } = await import('../../src/web/lib/format');
    expect(LOCALE).toBe('en-US');
    expect(formatNumber(1234567.5)).toBe('1,234,567.5');
    // The time zone stays the browser's; only the writing is fixed.
    expect(formatDateTime(NOW)).toMatch(/^3\/10\/2026, \d{1,2}:33:17 [AP]M$/);
    expect(formatUtc(NOW)).toBe('2026-03-10 09:33:17 UTC');
  });
});
