import { describe, expect, it } from 'vitest';
import { quoteTax } from './tax.js';

describe('tax on a net quote', () => {
  it('is the rate of the total, rounded once half-up to a minor unit', () => {
    expect(quoteTax(100_000, '19')).toEqual({ ok: true, taxMinor: 19_000, totalWithTaxMinor: 119_000 });
    // 12.345 × 7.5% = 0.925875 -> 0.93; 0.05 at exactly half -> up.
    expect(quoteTax(1_2345, '7.5')).toMatchObject({ taxMinor: 926 });
    expect(quoteTax(10, '5')).toMatchObject({ taxMinor: 1 });
    expect(quoteTax(0, '19')).toMatchObject({ taxMinor: 0, totalWithTaxMinor: 0 });
    expect(quoteTax(99_999, '0')).toMatchObject({ taxMinor: 0, totalWithTaxMinor: 99_999 });
  });

  it('names the field of a bad rate or total', () => {
    expect(quoteTax(100, '-1')).toMatchObject({ ok: false, field: 'taxRatePercent' });
    expect(quoteTax(100, '101')).toMatchObject({ ok: false, field: 'taxRatePercent' });
    expect(quoteTax(100, 'ten')).toMatchObject({ ok: false, field: 'taxRatePercent' });
    expect(quoteTax(1.5, '10')).toMatchObject({ ok: false, field: 'totalMinor' });
    expect(quoteTax(-1, '10')).toMatchObject({ ok: false, field: 'totalMinor' });
  });
});
