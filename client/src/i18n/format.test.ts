import { describe, expect, it } from 'vitest';
import { countryName, formatDay, formatList, formatMoney, formatNumber, formatPercent } from './format';
import { i18n, setLocale } from './index';
import { allMessages, BUNDLED, LOADERS, STAFF_AREAS } from './locales';

describe('formats in the reader’s locale', () => {
  it('writes money exactly, with the digits the server wrote', () => {
    expect(formatMoney({ amount: '1170.60', currency: 'EUR' }, 'en-GB')).toBe('€1,170.60');
    expect(formatMoney({ amount: '1170.60', currency: 'EUR' }, 'de-DE')).toBe('1.170,60\u00a0€');
    // More digits than a double keeps: the text itself is formatted.
    expect(formatMoney({ amount: '90071992547409.93', currency: 'USD' }, 'en-US')).toBe(
      '$90,071,992,547,409.93',
    );
    expect(formatMoney({ amount: '1500', currency: 'JPY' }, 'en-GB')).toBe('JP¥1,500');
  });

  it('writes numbers, percentages, days, lists and countries as the language does', () => {
    expect(formatNumber(1600, 'de-DE')).toBe('1.600');
    expect(formatNumber('28.50', 'en-GB')).toBe('28.50');
    expect(formatPercent(19, 'de-DE')).toBe('19\u00a0%');
    expect(formatDay('2026-12-15', 'en-GB')).toBe('15 Dec 2026');
    expect(formatDay('2026-12-15', 'de-DE')).toBe('15.12.2026');
    expect(formatList(['oak', 'walnut', 'ash'], 'en-GB')).toBe('oak, walnut and ash');
    expect(countryName('DE', 'de-DE')).toBe('Deutschland');
  });
});

describe('plurals follow Intl.PluralRules', () => {
  it('picks one or other in English and German', () => {
    i18n.global.mergeLocaleMessage('en', {
      test: { builds: '{n} build | {n} builds', zero: 'none | one | {n}' },
    });
    i18n.global.mergeLocaleMessage('de', { test: { builds: '{n} Ausführung | {n} Ausführungen' } });
    const { t } = i18n.global;
    expect(t('test.builds', 1)).toBe('1 build');
    expect(t('test.builds', 2)).toBe('2 builds');
    expect(t('test.builds', 0)).toBe('0 builds');
    expect(t('test.zero', 0)).toBe('none');
    expect(t('test.zero', 1)).toBe('one');
    expect(t('test.zero', 5)).toBe('5');
    setLocale('de');
    expect(t('test.builds', 1)).toBe('1 Ausführung');
    expect(t('test.builds', 3)).toBe('3 Ausführungen');
    expect(document.documentElement.lang).toBe('de');
    setLocale('en');
  });

  it('has a German text for every English key of the customer’s areas', async () => {
    const MESSAGES = await allMessages();
    const keys = (messages: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(messages).flatMap(([key, value]) =>
        typeof value === 'object' && value !== null
          ? keys(value as Record<string, unknown>, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    for (const area of CUSTOMER_AREAS) {
      if (!MESSAGES.en[area]) continue;
      expect(keys(MESSAGES.de[area] ?? {}).sort(), area).toEqual(keys(MESSAGES.en[area]).sort());
    }
  });
});

/** The areas a customer reads: German must be complete there (staff areas may fall back to English). */
const CUSTOMER_AREAS = ['common', 'catalogue', 'configurator', 'checkout', 'order'];

describe('what is bundled and what is loaded when wanted', () => {
  it('bundles English for the customer; German and the staff’s areas are fetched when wanted', () => {
    expect(Object.keys(BUNDLED.en)).toEqual(
      expect.arrayContaining(['common', 'catalogue', 'configurator', 'checkout', 'order']),
    );
    for (const area of STAFF_AREAS) {
      expect(BUNDLED.en[area], area).toBeUndefined();
      // The globs name the staff's areas literally: each one must still have its English file to load.
      expect(Object.keys(LOADERS), area).toContain(`./locales/en/${area}.ts`);
    }
    expect(BUNDLED.de).toEqual({});
    expect(Object.keys(LOADERS)).toContain('./locales/de/checkout.ts');
  });
});
