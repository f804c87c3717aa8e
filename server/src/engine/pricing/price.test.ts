import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../model/model.types.js';
import { inDomainSelection } from '../test-support/arbitrary-selection.js';
import { loadDeskModel } from '../test-support/desk-model.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { type Price, type PriceLine, type PriceResult, price } from './price.js';

const desk = loadDeskModel();

/** 1600 x 800 oak top, two legs, black, no castors, no accessories. */
const oakDesk: Selection = {
  width_mm: '1600',
  depth_mm: '800',
  top: 'oak',
  frame: 'two_leg',
  colour: 'black',
  castors: false,
  accessories: [],
};

function priced(result: PriceResult): Price {
  if (!result.ok) throw new Error(`not priced: ${JSON.stringify(result.problems)}`);
  return result.price;
}

function unitAmounts(lines: PriceLine[]): [string, number][] {
  return lines.map((line) => [line.code, line.unitAmountMinor]);
}

/** Two formula lines of 0.125 each, a base of 0.74 and a 2.5 % break from 2 units. */
function roundingModel(rounding: 'half-up' | 'half-even') {
  return loadModelOrThrow(`
code: sticker
name: Sticker
currency: EUR
features:
  - { code: n, label: Count, kind: integer, min: 1, max: 10 }
pricing:
  basePrice: "0.74"
  rounding: ${rounding}
  formulas:
    - { code: ink, label: Ink, amount: "0.125" }
    - { code: foil, label: Foil, amount: "0.125" }
  quantityBreaks:
    - { minQuantity: 2, discountPercent: "2.5" }
`);
}

describe('pricing a configuration', () => {
  it('a 1600 x 800 oak desk is priced per m2 of top, rounded half-up once per line', () => {
    const result = priced(price(desk, oakDesk, 1));
    // 1.6 m x 0.8 m = 1.28 m2 x 182.35 = 233.408 -> 233.41
    expect(unitAmounts(result.lines)).toEqual([
      ['base', 29900],
      ['option:top=oak', 4000],
      ['option:colour=black', 1500],
      ['formula:top_area', 23341],
    ]);
    expect(result.lines.map((line) => line.kind)).toEqual(['base', 'option', 'option', 'formula']);
    expect(result.lines[1]).toMatchObject({ feature: 'top', option: 'oak', label: 'Top: Solid oak' });
    expect(result).toMatchObject({
      currency: 'EUR',
      currencyDigits: 2,
      quantity: 1,
      rounding: 'half-up',
      pending: [],
    });
    expect(result.unitPriceMinor).toBe(58741);
    expect(result.totalMinor).toBe(58741);
  });

  it('three identical desks get the 3+ quantity break, on the unit subtotal, rounded once', () => {
    const result = priced(price(desk, oakDesk, 3));
    // 5 % of 587.41 = 29.3705 -> 29.37 off each desk
    expect(result.lines.at(-1)).toEqual({
      code: 'quantity-break:3',
      label: 'Quantity discount from 3 units (5 %)',
      kind: 'discount',
      unitAmountMinor: -2937,
      amountMinor: -8811,
    });
    expect(result.unitPriceMinor).toBe(55804);
    expect(result.totalMinor).toBe(167412);
  });

  it('two desks are below every break and get no discount line', () => {
    const result = priced(price(desk, oakDesk, 2));
    expect(result.lines.some((line) => line.kind === 'discount')).toBe(false);
    expect(result.totalMinor).toBe(2 * 58741);
  });

  it('the highest break reached applies, not the first one', () => {
    // 7.5 % of 587.41 = 44.05575 -> 44.06; 12.5 % = 73.42625 -> 73.43
    expect(priced(price(desk, oakDesk, 10)).lines.at(-1)).toMatchObject({
      code: 'quantity-break:10',
      unitAmountMinor: -4406,
    });
    expect(priced(price(desk, oakDesk, 49)).lines.at(-1)).toMatchObject({
      code: 'quantity-break:10',
      unitAmountMinor: -4406,
    });
    expect(priced(price(desk, oakDesk, 50)).lines.at(-1)).toMatchObject({
      code: 'quantity-break:50',
      label: 'Fleet order',
      unitAmountMinor: -7343,
    });
  });

  it('a fully equipped walnut desk shows every surcharge in configurator order, options in model order', () => {
    const selection: Selection = {
      width_mm: '1900',
      depth_mm: '800',
      top: 'walnut',
      frame: 'four_leg',
      colour: 'white',
      castors: true,
      // Ticked in another order than the model lists them.
      accessories: ['cable_tray', 'monitor_arm'],
    };
    const result = priced(price(desk, selection, 12));
    expect(unitAmounts(result.lines)).toEqual([
      ['base', 29900],
      ['option:top=walnut', 6550],
      ['option:frame=four_leg', 12000],
      // white costs nothing: no line
      ['option:accessories=monitor_arm', 8990],
      ['option:accessories=cable_tray', 2495],
      ['formula:top_area', 36480], // 1.52 m2 x 240
      ['formula:castor_set', 4980], // 4 x 12.45
      ['formula:long_brace', 6333], // 1900 / 30 = 63.333...
      ['quantity-break:10', -8080], // 7.5 % of 1077.28 = 80.796
    ]);
    expect(result.unitPriceMinor).toBe(99648);
    expect(result.totalMinor).toBe(99648 * 12);
  });

  it('each line is rounded on its own: two formulas of 0.125 cost 0.13 each, not 0.25 together', () => {
    const result = priced(price(roundingModel('half-up'), { n: '1' }, 1));
    expect(unitAmounts(result.lines)).toEqual([
      ['base', 74],
      ['formula:ink', 13],
      ['formula:foil', 13],
    ]);
    expect(result.unitPriceMinor).toBe(100);
  });

  it('a model that states half-even rounding is rounded half-even, formulas and discount alike', () => {
    const result = priced(price(roundingModel('half-even'), { n: '1' }, 2));
    // 0.125 -> 0.12; 2.5 % of 0.98 = 0.0245 -> 0.02
    expect(unitAmounts(result.lines)).toEqual([
      ['base', 74],
      ['formula:ink', 12],
      ['formula:foil', 12],
      ['quantity-break:2', -2],
    ]);
    expect(result.rounding).toBe('half-even');
    // The same order rounded half-up: 2.5 % of 1.00 = 0.025 -> 0.03
    const halfUp = priced(price(roundingModel('half-up'), { n: '1' }, 2));
    expect(halfUp.lines.at(-1)?.unitAmountMinor).toBe(-3);
  });

  it('a repeating decimal that is truly a half is rounded as a half', () => {
    const model = loadModelOrThrow(`
code: tape
name: Tape
currency: EUR
features:
  - { code: metres, label: Length, kind: integer, min: 1, max: 100, unit: m }
pricing:
  formulas:
    - { code: glue, label: Glue, amount: "metres / 3 * 0.045" }
`);
    // 31/3 x 0.045 is 0.465 exactly, though 40 digits make it 0.46499...99: half-up gives 0.47.
    expect(priced(price(model, { metres: '31' }, 1)).lines.at(-1)).toMatchObject({
      code: 'formula:glue',
      unitAmountMinor: 47,
    });
  });

  it('a formula that reads an undecided feature is pending, not priced as 0', () => {
    const result = priced(price(desk, { top: 'oak', castors: true }, 1));
    expect(result.pending).toEqual(['top_area', 'long_brace']);
    // castors is decided, so its surcharge is in; width and depth are not, so the top is pending.
    expect(result.lines.map((line) => line.code)).toEqual(['base', 'option:top=oak', 'formula:castor_set']);
    expect(result.unitPriceMinor).toBe(29900 + 4000 + 4980);
  });

  it('booleans, multiple choices and optional choices left alone count as decided with their empty value', () => {
    const result = priced(price(desk, { width_mm: '1200', depth_mm: '600', top: 'laminate' }, 1));
    expect(result.pending).toEqual([]);
    // 0.72 m2 x 90 = 64.80; no castors, no accessories, no colour
    expect(unitAmounts(result.lines)).toEqual([
      ['base', 29900],
      ['formula:top_area', 6480],
    ]);
  });

  it('a condition that the decided features already settle is not pending', () => {
    const model = loadModelOrThrow(`
code: shelf
name: Shelf
currency: EUR
features:
  - { code: lit, label: Lighting, kind: boolean }
  - { code: length_mm, label: Length, kind: integer, min: 500, max: 3000, step: 100 }
pricing:
  basePrice: 50
  formulas:
    - { code: led_strip, label: LED strip, when: "lit and length_mm > 1000", amount: "length_mm / 100" }
`);
    expect(priced(price(model, { lit: false }, 1)).pending).toEqual([]);
    expect(priced(price(model, { lit: true }, 1)).pending).toEqual(['led_strip']);
    expect(unitAmounts(priced(price(model, { lit: true, length_mm: '1500' }, 1)).lines)).toEqual([
      ['base', 5000],
      ['formula:led_strip', 1500],
    ]);
  });

  it('a formula that divides by zero is a problem, not a silent 0', () => {
    const model = loadModelOrThrow(`
code: panel
name: Panel
currency: EUR
features:
  - { code: panes, label: Panes, kind: integer, min: 1, max: 4 }
pricing:
  basePrice: 10
  formulas:
    - { code: per_divider, label: Divider, amount: "60 / (panes - 1)" }
`);
    const result = price(model, { panes: '1' }, 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { field: 'pricing.formulas.per_divider', message: expect.stringContaining('division by zero') },
    ]);
    expect(priced(price(model, { panes: '3' }, 1)).unitPriceMinor).toBe(1000 + 3000);
  });
});

describe('refusing to price bad input', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'quantity %s is refused',
    (quantity) => {
      const result = price(desk, oakDesk, quantity);
      expect(result).toEqual({
        ok: false,
        problems: [{ field: 'quantity', message: expect.stringContaining('whole number') }],
      });
    },
  );

  it('a value outside its feature domain is refused, naming the feature', () => {
    const result = price(
      desk,
      { ...oakDesk, top: 'teak', width_mm: '1650', colour: 7 as unknown as string, legs: 3 },
      1,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field).sort()).toEqual([
      'selection.colour',
      'selection.legs',
      'selection.top',
      'selection.width_mm',
    ]);
    expect(result.problems.find((problem) => problem.field === 'selection.top')?.message).toContain(
      "'teak' is not an option",
    );
  });

  it('a price asked in another currency is refused, saying which currency the model prices in', () => {
    const result = price(desk, oakDesk, 1, { currency: 'USD' });
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'context.currency', message: 'Standing desk is priced in EUR, not USD' }],
    });
    expect(price(desk, oakDesk, 1, { currency: 'EUR' }).ok).toBe(true);
  });

  it('every problem of the input is reported at once', () => {
    const result = price(desk, { top: 'teak' }, 0, { currency: 'GBP' });
    expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual([
      'quantity',
      'context.currency',
      'selection.top',
    ]);
  });

  it('a total beyond the safe integers is a problem, not a wrong number', () => {
    const model = loadModelOrThrow(`
code: yacht
name: Yacht
currency: EUR
features:
  - { code: sails, label: Sails, kind: boolean }
pricing:
  basePrice: "40000000000000.00"
`);
    expect(priced(price(model, {}, 2)).totalMinor).toBe(8_000_000_000_000_000);
    const result = price(model, {}, 3);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { field: 'quantity', message: expect.stringContaining("'Base price' for 3 units is too large") },
    ]);
  });
});

describe('price properties', () => {
  const quantities = fc.integer({ min: 1, max: 10_000 });
  const tiers = desk.pricing.quantityBreaks;

  it('the lines always add up: unit price = sum of unit amounts, total = sum of amounts = unit price x quantity', () => {
    fc.assert(
      fc.property(inDomainSelection(desk), quantities, (selection, quantity) => {
        const result = priced(price(desk, selection, quantity));
        let unit = 0;
        let total = 0;
        for (const line of result.lines) {
          expect(Number.isSafeInteger(line.unitAmountMinor)).toBe(true);
          expect(line.amountMinor).toBe(line.unitAmountMinor * quantity);
          unit += line.unitAmountMinor;
          total += line.amountMinor;
        }
        expect(result.unitPriceMinor).toBe(unit);
        expect(result.totalMinor).toBe(total);
        expect(result.totalMinor).toBe(result.unitPriceMinor * quantity);
        expect(result.pending).toEqual([]);
      }),
    );
  });

  it('the discount is the highest tier reached, on the rounded unit subtotal, rounded once half-up', () => {
    // Below the first tier (3), and within each of the three (3, 10, 50+), as often as each other:
    // with quantities drawn from 1 to 10,000 alone, hardly any run would be below 3.
    const eachTier = fc.oneof(
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 3, max: 9 }),
      fc.integer({ min: 10, max: 49 }),
      fc.integer({ min: 50, max: 10_000 }),
    );
    fc.assert(
      fc.property(inDomainSelection(desk), eachTier, (selection, quantity) => {
        const result = priced(price(desk, selection, quantity));
        const tier = [...tiers].reverse().find((t) => t.minQuantity <= quantity);
        const discounts = result.lines.filter((line) => line.kind === 'discount');
        if (!tier) {
          expect(discounts).toEqual([]);
          return;
        }
        expect(discounts).toHaveLength(1);
        expect(result.lines.at(-1)).toBe(discounts[0]);
        const subtotal = result.lines.slice(0, -1).reduce((sum, line) => sum + line.unitAmountMinor, 0);
        const exact = subtotal * tier.discountPercent.toNumber(); // hundredths of a minor unit
        expect(discounts[0]).toMatchObject({ code: `quantity-break:${tier.minQuantity}` });
        // Rounded once: within half a minor unit of the exact discount.
        expect(Math.abs(-discounts[0]!.unitAmountMinor * 100 - exact)).toBeLessThanOrEqual(50);
      }),
    );
  });

  it('ordering more never raises the unit price of the same desk', () => {
    fc.assert(
      fc.property(inDomainSelection(desk), quantities, quantities, (selection, a, b) => {
        const [few, many] = a <= b ? [a, b] : [b, a];
        expect(priced(price(desk, selection, many)).unitPriceMinor).toBeLessThanOrEqual(
          priced(price(desk, selection, few)).unitPriceMinor,
        );
      }),
    );
  });

  it('leaving any of width, depth or top open makes the top price pending, and only then', () => {
    fc.assert(
      fc.property(
        inDomainSelection(desk),
        fc.subarray(desk.features.map((f) => f.code)),
        (selection, dropped) => {
          const partial = Object.fromEntries(
            Object.entries(selection).filter(([code]) => !dropped.includes(code)),
          );
          const result = priced(price(desk, partial, 1));
          const topOpen = ['width_mm', 'depth_mm', 'top'].some((code) => !(code in partial));
          expect(result.pending.includes('top_area')).toBe(topOpen);
          expect(result.lines.some((line) => line.code === 'formula:top_area')).toBe(!topOpen);
        },
      ),
    );
  });
});

describe('writing minor units back as major units', () => {
  it('is exact for every safe integer and currency exponent', async () => {
    const { formatMinorUnits } = await import('../common/money.js');
    expect(formatMinorUnits(124900, 2)).toBe('1249.00');
    expect(formatMinorUnits(5, 2)).toBe('0.05');
    expect(formatMinorUnits(-5, 2)).toBe('-0.05');
    expect(formatMinorUnits(-123456, 2)).toBe('-1234.56');
    expect(formatMinorUnits(0, 2)).toBe('0.00');
    expect(formatMinorUnits(1500, 0)).toBe('1500');
    expect(formatMinorUnits(7, 3)).toBe('0.007');
    expect(formatMinorUnits(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
    expect(() => formatMinorUnits(0.5, 2)).toThrow(RangeError);
  });
});
