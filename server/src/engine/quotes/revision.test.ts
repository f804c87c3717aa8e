import { describe, expect, it } from 'vitest';
import { type QuoteRevision, revisionChanges } from './revision.js';

const R1: QuoteRevision = {
  currency: 'EUR',
  validUntil: '2026-03-31',
  terms: 'Payment within 30 days.',
  lines: [
    {
      id: 'bike',
      product: 'Cargo e-bike',
      quantity: 2,
      unitPriceMinor: 324900,
      options: [
        { feature: 'Motor', value: '500 W' },
        { feature: 'Accessories', value: 'Rack' },
        { feature: 'Accessories', value: 'Front light' },
      ],
    },
    { id: 'desk', product: 'Standing desk', quantity: 1, unitPriceMinor: 124900, options: [] },
  ],
};

function changes(before: QuoteRevision, after: QuoteRevision) {
  const result = revisionChanges(before, after);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.changes;
}

describe('what changed between two revisions', () => {
  it('the same quote again: nothing changed, even with "2.0" for 2', () => {
    expect(changes(R1, { ...R1, lines: [{ ...R1.lines[0]!, quantity: '2.0' }, R1.lines[1]!] })).toEqual([]);
  });

  it('a rep revises a sent quote: every change in words, lines first', () => {
    const R2: QuoteRevision = {
      currency: 'EUR',
      validUntil: '2026-04-30',
      terms: 'Payment within 14 days.',
      headerDiscountPercent: '5',
      lines: [
        {
          id: 'bike',
          product: 'Cargo e-bike',
          quantity: 3,
          unitPriceMinor: 334900,
          discountPercent: '7.5',
          options: [
            { feature: 'Motor', value: '750 W' },
            { feature: 'Accessories', value: 'Front light' },
            { feature: 'Accessories', value: 'Child seat' },
            { feature: 'Colour', value: 'Green' },
          ],
        },
        {
          id: 'lamp',
          product: 'Desk lamp',
          quantity: 2,
          unitPriceMinor: 5000,
          discountPercent: 10,
          options: [{ feature: 'Shade', value: 'Linen' }],
        },
      ],
    };
    expect(changes(R1, R2)).toEqual([
      { kind: 'lineRemoved', lineId: 'desk', text: 'Removed: Standing desk.' },
      { kind: 'quantity', lineId: 'bike', text: 'Cargo e-bike: quantity changed from 2 to 3.' },
      {
        kind: 'options',
        lineId: 'bike',
        text: 'Cargo e-bike: Motor changed from 500 W to 750 W; Accessories: Child seat added, Rack removed; Colour: Green added.',
      },
      {
        kind: 'unitPrice',
        lineId: 'bike',
        text: 'Cargo e-bike: unit price changed from 3249.00 EUR to 3349.00 EUR.',
      },
      { kind: 'lineDiscount', lineId: 'bike', text: 'Cargo e-bike: a discount of 7.5% added.' },
      {
        kind: 'lineAdded',
        lineId: 'lamp',
        text: 'Added: 2 × Desk lamp (Shade: Linen) at 50.00 EUR each, less 10%.',
      },
      { kind: 'headerDiscount', text: 'Discount on the whole quote: a discount of 5% added.' },
      { kind: 'validity', text: 'Valid until 2026-04-30, inclusive (was 2026-03-31).' },
      { kind: 'terms', text: 'The terms changed.' },
    ]);
  });

  it('discounts changed and removed, an option removed, the terms dropped', () => {
    const before: QuoteRevision = {
      ...R1,
      headerDiscountPercent: '5',
      lines: [{ ...R1.lines[0]!, discountPercent: '10' }],
    };
    const after: QuoteRevision = {
      ...R1,
      terms: undefined,
      headerDiscountPercent: '7.25',
      lines: [{ ...R1.lines[0]!, options: R1.lines[0]!.options.slice(0, 2) }],
    };
    expect(changes(before, after).map((c) => c.text)).toEqual([
      'Cargo e-bike: Accessories: Front light removed.',
      'Cargo e-bike: the discount of 10% removed.',
      'Discount on the whole quote: discount changed from 5% to 7.25%.',
      'The terms were removed.',
    ]);
  });

  it('a revision in another currency says so, and every unit price changes with it', () => {
    const usd: QuoteRevision = {
      ...R1,
      currency: 'USD',
      lines: R1.lines.map((l) => ({ ...l, unitPriceMinor: Math.round(l.unitPriceMinor * 1.1) })),
    };
    expect(changes(R1, usd).map((c) => c.text)).toEqual([
      'Cargo e-bike: unit price changed from 3249.00 EUR to 3573.90 USD.',
      'Standing desk: unit price changed from 1249.00 EUR to 1373.90 USD.',
      'Prices are now in USD (were in EUR).',
    ]);
  });

  it('bad revisions are refused, naming the field and which revision', () => {
    const result = revisionChanges(
      { ...R1, validUntil: '2026-02-30' },
      {
        ...R1,
        lines: [
          { ...R1.lines[0]!, quantity: -1 },
          { ...R1.lines[0]!, discountPercent: '120' },
        ],
      },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'before.validUntil',
      'after.lines[0].quantity',
      'after.lines[1].id',
      'after.lines[1].discountPercent',
    ]);
  });
});
