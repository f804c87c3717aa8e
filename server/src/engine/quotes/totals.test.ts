import { describe, expect, it } from 'vitest';
import { Decimal } from '../common/decimal.js';
import { quoteTotals, shareOut } from './totals.js';

function totals(input: Parameters<typeof quoteTotals>[0]) {
  const result = quoteTotals(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.totals;
}

describe('a quote’s totals', () => {
  it('two desks and a bike, no discounts: the lines add up to the total', () => {
    const t = totals({
      currency: 'EUR',
      lines: [
        { id: 'desk', unitPriceMinor: 124900, quantity: 2 },
        { id: 'bike', unitPriceMinor: 324950, quantity: 1 },
      ],
    });
    expect(t.lines.map((l) => l.netMinor)).toEqual([249800, 324950]);
    expect(t.subtotalMinor).toBe(574750);
    expect(t.totalMinor).toBe(574750);
    expect(t.discountPercent.toString()).toBe('0');
    expect(t.costMinor).toBeNull();
    expect(t.marginMinor).toBeNull();
  });

  it('a line discount of 12.5% is rounded half-up per line: 3 × 33.33 is 99.99, less 12.4988 = 12.50', () => {
    const t = totals({
      currency: 'EUR',
      lines: [{ id: 'a', unitPriceMinor: 3333, quantity: 3, discountPercent: '12.5' }],
    });
    const [line] = t.lines;
    expect(line!.grossMinor).toBe(9999);
    // 9999 × 0.125 = 1249.875 → 1250
    expect(line!.discountMinor).toBe(1250);
    expect(line!.netMinor).toBe(8749);
    expect(t.totalMinor).toBe(8749);
  });

  it('exact decimals: a discount of 0.1% + 0.2% is not a float sum, 10.005 rounds up to 10.01', () => {
    const t = totals({
      currency: 'EUR',
      lines: [{ id: 'a', unitPriceMinor: 1001, quantity: 1, discountPercent: '50' }],
    });
    // 1001 × 50% = 500.5 → 501 (half-up), net 500
    expect(t.lines[0]!.discountMinor).toBe(501);
    expect(t.lines[0]!.netMinor).toBe(500);
  });

  it('a decimal quantity: 2.5 m of cable at 3.33 a metre is 8.325 → 8.33', () => {
    const t = totals({ currency: 'EUR', lines: [{ id: 'cable', unitPriceMinor: 333, quantity: '2.5' }] });
    expect(t.lines[0]!.grossMinor).toBe(833);
  });

  it('a header discount is shared over the lines so that they add up to the total exactly', () => {
    const t = totals({
      currency: 'EUR',
      headerDiscountPercent: '10',
      lines: [
        { id: 'a', unitPriceMinor: 1001, quantity: 1 },
        { id: 'b', unitPriceMinor: 1001, quantity: 1 },
        { id: 'c', unitPriceMinor: 1001, quantity: 1 },
      ],
    });
    // subtotal 3003, 10% = 300.3 → 300; each line's exact share is 100, no remainder
    expect(t.headerDiscountMinor).toBe(300);
    expect(t.totalMinor).toBe(2703);
    expect(t.lines.map((l) => l.headerDiscountShareMinor)).toEqual([100, 100, 100]);
    const u = totals({
      currency: 'EUR',
      headerDiscountPercent: '5',
      lines: [
        { id: 'a', unitPriceMinor: 1000, quantity: 1 },
        { id: 'b', unitPriceMinor: 1000, quantity: 1 },
        { id: 'c', unitPriceMinor: 1000, quantity: 1 },
        { id: 'd', unitPriceMinor: 1, quantity: 1 },
      ],
    });
    // 3001 × 5% = 150.05 → 150; shares 49.98, 49.98, 49.98, 0.05: floors 49 × 3 + 0, 3 left to the largest remainders
    expect(u.headerDiscountMinor).toBe(150);
    expect(u.lines.map((l) => l.headerDiscountShareMinor)).toEqual([50, 50, 50, 0]);
    expect(u.lines.reduce((s, l) => s + l.netAfterHeaderMinor, 0)).toBe(u.totalMinor);
  });

  it('the quote’s discount counts line and header discounts together, against the gross', () => {
    const t = totals({
      currency: 'EUR',
      headerDiscountPercent: '10',
      lines: [{ id: 'a', unitPriceMinor: 10000, quantity: 1, discountPercent: '10' }],
    });
    // 100.00 − 10.00 = 90.00, − 9.00 = 81.00: 19% off
    expect(t.totalMinor).toBe(8100);
    expect(t.discountPercent.toString()).toBe('19');
    expect(t.lineDiscountsMinor).toBe(1000);
  });

  it('with costs: margins per line and for the quote, which add up', () => {
    const t = totals({
      currency: 'EUR',
      headerDiscountPercent: '10',
      lines: [
        { id: 'desk', unitPriceMinor: 100000, quantity: 2, unitCostMinor: '61234.5' },
        { id: 'lamp', unitPriceMinor: 5000, quantity: 3, unitCostMinor: 2000 },
      ],
    });
    // desk: net 200000, share 20000 → 180000, cost 122469 → margin 57531
    // lamp: net 15000, share 1500 → 13500, cost 6000 → margin 7500
    expect(t.lines.map((l) => [l.netAfterHeaderMinor, l.costMinor, l.marginMinor])).toEqual([
      [180000, 122469, 57531],
      [13500, 6000, 7500],
    ]);
    expect(t.totalMinor).toBe(193500);
    expect(t.costMinor).toBe(128469);
    expect(t.marginMinor).toBe(65031);
    expect(t.lines[1]!.marginPercent!.toString()).toBe(
      new Decimal(7500).times(100).dividedBy(13500).toString(),
    );
    expect(t.marginPercent!.toFixed(2)).toBe('33.61');
  });

  it('one line without a cost: the quote has no margin, the others still do', () => {
    const t = totals({
      currency: 'EUR',
      lines: [
        { id: 'a', unitPriceMinor: 1000, quantity: 1, unitCostMinor: 600 },
        { id: 'b', unitPriceMinor: 1000, quantity: 1 },
      ],
    });
    expect(t.lines[0]!.marginMinor).toBe(400);
    expect(t.lines[0]!.marginPercent!.toString()).toBe('40');
    expect(t.lines[1]!.marginMinor).toBeNull();
    expect(t.marginMinor).toBeNull();
  });

  it('bad input is refused, every problem named by its field', () => {
    const result = quoteTotals({
      currency: 'euro',
      headerDiscountPercent: '101',
      lines: [
        { id: 'a', unitPriceMinor: 12.5, quantity: 0, discountPercent: '-1' },
        { id: 'a', unitPriceMinor: 100, quantity: 'two', unitCostMinor: 'cheap' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'currency',
      'lines[0].unitPriceMinor',
      'lines[0].quantity',
      'lines[0].discountPercent',
      'lines[1].id',
      'lines[1].quantity',
      'lines[1].unitCostMinor',
      'headerDiscountPercent',
    ]);
    expect(result.problems[7]!.message).toBe(
      "headerDiscountPercent must be a percentage from 0 to 100, not '101'",
    );
  });

  it('an amount beyond safe integers is refused, not rounded', () => {
    const result = quoteTotals({
      currency: 'EUR',
      lines: [{ id: 'a', unitPriceMinor: Number.MAX_SAFE_INTEGER, quantity: 2 }],
    });
    expect(result).toMatchObject({ ok: false, problems: [{ field: 'lines[0].quantity' }] });
  });

  it('an empty quote totals 0', () => {
    const t = totals({ currency: 'JPY', lines: [], headerDiscountPercent: 5 });
    expect(t.totalMinor).toBe(0);
    expect(t.discountPercent.toString()).toBe('0');
  });
});

describe('sharing a discount over lines', () => {
  it('adds up exactly, largest remainders first, earlier line on a tie', () => {
    expect(shareOut(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(shareOut(1, [0, 0])).toEqual([1, 0]);
    expect(shareOut(7, [100, 0, 300])).toEqual([2, 0, 5]);
  });
});
