import { describe, expect, it } from 'vitest';
import {
  daysUntil,
  formatDate,
  formatPercent,
  optionsInWords,
  readPercentInput,
  readQuantityInput,
  statusLabel,
  statusTone,
  todayIso,
  validityText,
} from './quote-format';

describe('quotes in words', () => {
  it('names statuses for staff and, differently, for the customer', () => {
    expect(statusLabel('PENDING_APPROVAL')).toBe('Waiting for approval');
    expect(statusLabel('SENT', 'customer')).toBe('Open');
    expect(statusLabel('SUPERSEDED', 'customer')).toBe('Replaced by a newer version');
    expect(statusLabel('SOMETHING_NEW')).toBe('Something new');
    expect(statusTone('ACCEPTED')).toBe('won');
    expect(statusTone('EXPIRED')).toBe('lost');
  });

  it('writes percentages as typed and reads them back exactly', () => {
    // Through i18n/format.ts in the reader's locale: the test browser's is en-US ("12.5%"), German "12,5 %".
    expect(formatPercent('12.50')).toBe('12.5%');
    expect(formatPercent('10.00')).toBe('10%');
    expect(formatPercent(null)).toBe('–');
    expect(readPercentInput(' 12,5 ')).toEqual({ ok: true, value: '12.5' });
    expect(readPercentInput('15 %')).toEqual({ ok: true, value: '15' });
    expect(readPercentInput('')).toEqual({ ok: true, value: '0' });
    expect(readPercentInput('100.5')).toMatchObject({ ok: false });
    expect(readPercentInput('1.234')).toMatchObject({ ok: false });
    expect(readPercentInput('-5')).toMatchObject({ ok: false });
  });

  it('reads a quantity as a whole number of at least 1', () => {
    expect(readQuantityInput('3')).toEqual({ ok: true, value: 3 });
    expect(readQuantityInput('0')).toMatchObject({ ok: false });
    expect(readQuantityInput('2.5')).toMatchObject({ ok: false });
  });

  it('says validity dates as calendar dates with the days left', () => {
    // The reader's locale (the test browser's is en-US); another locale writes the day its own way.
    expect(formatDate('2026-12-31')).toBe('Dec 31, 2026');
    expect(formatDate('2026-12-31', 'en-GB')).toBe('31 Dec 2026');
    expect(formatDate('2026-12-31', 'de-DE')).toBe('31.12.2026');
    expect(daysUntil('2026-12-31', '2026-12-28')).toBe(3);
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
    expect(validityText('2026-12-31', '2026-12-28')).toBe('Dec 31, 2026 (in 3 days)');
    expect(validityText('2026-12-31', '2026-12-31')).toBe('Dec 31, 2026 (last day today)');
    expect(validityText('2026-12-30', '2026-12-31')).toBe('Dec 30, 2026 (1 day ago)');
    expect(validityText('2027-01-01', '2026-12-31')).toBe('Jan 1, 2027 (in 1 day)');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('groups the chosen options by feature', () => {
    expect(
      optionsInWords([
        { feature: 'Top', value: 'Oak' },
        { feature: 'Accessories', value: 'Cable tray' },
        { feature: 'Accessories', value: 'Drawer' },
      ]),
    ).toBe('Top: Oak; Accessories: Cable tray, Drawer');
  });
});
