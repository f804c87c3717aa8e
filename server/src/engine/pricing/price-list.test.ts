import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_MODELS_DIR, demoModelFiles, loadDemoModels } from '../../catalog/demo-models.js';
import { autocomplete } from '../configure/autocomplete.js';
import type { Selection } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';
import { inDomainSelection } from '../test-support/arbitrary-selection.js';
import { loadDeskModel } from '../test-support/desk-model.js';
import { type Price, type PriceResult, price } from './price.js';
import {
  currencyMinorUnits,
  loadPriceList,
  loadPriceLists,
  loadPriceListsText,
  type PricedProductModel,
  type PriceList,
  type PriceListProblem,
  pricedWith,
} from './price-list.js';

const desk = loadDeskModel();

/** 1600 x 800 oak top, two legs, black, no castors, no accessories (EUR 587.41 at the model's prices). */
const oakDesk: Selection = {
  width_mm: '1600',
  depth_mm: '800',
  top: 'oak',
  frame: 'two_leg',
  colour: 'black',
  castors: false,
  accessories: [],
};

function list(source: Record<string, unknown>): PriceList {
  const result = loadPriceList({
    code: 'test',
    name: 'Test list',
    currency: 'EUR',
    effectiveFrom: '2026-01-01',
    prices: 'net',
    ...source,
  });
  if (!result.ok) throw new Error(`list does not load: ${JSON.stringify(result.problems)}`);
  return result.priceList;
}

function withList(model: ProductModel, priceList: PriceList, onDate = '2026-03-01'): PricedProductModel {
  const result = pricedWith(model, priceList, onDate);
  if (!result.ok) throw new Error(`not priced with the list: ${JSON.stringify(result.problems)}`);
  return result.model;
}

function priced(result: PriceResult): Price {
  if (!result.ok) throw new Error(`not priced: ${JSON.stringify(result.problems)}`);
  return result.price;
}

function unitAmounts(p: Price): Record<string, number> {
  return Object.fromEntries(p.lines.map((line) => [line.code, line.unitAmountMinor]));
}

function fields(problems: PriceListProblem[]): string[] {
  return problems.map((problem) => problem.field);
}

function expectAddsUp(p: Price): void {
  expect(p.lines.reduce((sum, line) => sum + line.unitAmountMinor, 0)).toBe(p.unitPriceMinor);
  expect(p.lines.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(p.totalMinor);
  expect(p.totalMinor).toBe(p.unitPriceMinor * p.quantity);
  for (const line of p.lines) expect(line.amountMinor).toBe(line.unitAmountMinor * p.quantity);
}

describe('currencies', () => {
  it('knows the minor unit of each ISO 4217 currency in its table, and no other', () => {
    expect(['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'KRW', 'BHD'].map(currencyMinorUnits)).toEqual([
      2, 2, 2, 2, 0, 0, 3,
    ]);
    expect(currencyMinorUnits('XYZ')).toBeUndefined();
    expect(currencyMinorUnits('toString')).toBeUndefined();
  });
});

describe('a percentage list', () => {
  it('marks each amount up and rounds it half-up to the cent, and the price says which list priced it', () => {
    const up = withList(
      desk,
      list({ code: 'eur-plus-10', name: 'EUR plus 10 %', models: { desk: { adjustPercent: '+10' } } }),
    );
    const p = priced(price(up, { ...oakDesk, accessories: ['cable_tray'] }, 1));
    expect(p.currency).toBe('EUR');
    expect(p.priceList).toEqual({ code: 'eur-plus-10', name: 'EUR plus 10 %', prices: 'net' });
    expect(unitAmounts(p)).toEqual({
      base: 32890, // 299.00 x 1.1
      'option:top=oak': 4400,
      'option:colour=black': 1650,
      'option:accessories=cable_tray': 2745, // 24.95 x 1.1 = 27.445: half-up
      'formula:top_area': 25675, // 1.28 m2 x 182.35 x 1.1 = 256.7488
    });
    expectAddsUp(p);
  });

  it('rounds by the rule the list states: half-even keeps 27.445 at 27.44', () => {
    const up = withList(desk, list({ rounding: 'half-even', models: { desk: { adjustPercent: '10' } } }));
    const p = priced(price(up, { ...oakDesk, accessories: ['cable_tray'] }, 1));
    expect(p.rounding).toBe('half-even');
    expect(unitAmounts(p)['option:accessories=cable_tray']).toBe(2744);
  });

  it('marks down, rounding half-up away from zero', () => {
    const down = withList(desk, list({ models: { desk: { adjustPercent: '-10' } } }));
    const p = priced(
      price(down, { ...oakDesk, accessories: ['cable_tray', 'power_strip', 'monitor_arm'] }, 1),
    );
    expect(unitAmounts(p)).toMatchObject({
      base: 26910,
      'option:accessories=cable_tray': 2246, // 22.455
      'option:accessories=power_strip': 1799, // 17.991
      'option:accessories=monitor_arm': 8091,
    });
  });

  it('scales a formula exactly and rounds its line once: 1900 mm / 30 x 1.1 = 69.666.. -> 69.67, not 63.33 x 1.1 = 69.66', () => {
    const up = withList(desk, list({ models: { desk: { adjustPercent: '10' } } }));
    const p = priced(price(up, { ...oakDesk, width_mm: '1900' }, 1));
    expect(unitAmounts(p)['formula:long_brace']).toBe(6967);
    expect(
      priced(price(desk, { ...oakDesk, width_mm: '1900' }, 1)).lines.find(
        (l) => l.code === 'formula:long_brace',
      )?.unitAmountMinor,
    ).toBe(6333);
  });

  it('takes the quantity break on the list price, and the lines still add up', () => {
    const up = withList(desk, list({ models: { desk: { adjustPercent: '7.5' } } }));
    const p = priced(price(up, oakDesk, 3));
    const discount = p.lines.find((line) => line.kind === 'discount');
    const subtotal = p.lines
      .filter((line) => line.kind !== 'discount')
      .reduce((s, l) => s + l.unitAmountMinor, 0);
    expect(discount?.unitAmountMinor).toBe(-Math.round(subtotal * 0.05));
    expectAddsUp(p);
  });

  it('prices in yen without decimals: each amount rounded half-up to a whole yen', () => {
    const yen = list({ currency: 'JPY', models: { desk: { adjustPercent: '+10', basedOn: 'EUR' } } });
    const p = priced(
      price(withList(desk, yen), { ...oakDesk, accessories: ['cable_tray', 'power_strip'] }, 2),
    );
    expect(p.currency).toBe('JPY');
    expect(p.currencyDigits).toBe(0);
    expect(unitAmounts(p)).toEqual({
      base: 329, // 328.9
      'option:top=oak': 44,
      'option:colour=black': 17, // 16.5: half-up
      'option:accessories=cable_tray': 27, // 27.445
      'option:accessories=power_strip': 22, // 21.989
      'formula:top_area': 257, // 256.7488
    });
    expect(p.unitPriceMinor).toBe(329 + 44 + 17 + 27 + 22 + 257);
    expectAddsUp(p);
  });

  it('adds up on any configuration, at any percentage, in cents and in yen', () => {
    fc.assert(
      fc.property(
        inDomainSelection(desk),
        fc.integer({ min: -9999, max: 30000 }),
        fc.constantFrom('EUR', 'JPY', 'BHD'),
        fc.integer({ min: 1, max: 60 }),
        (selection, hundredths, currency, quantity) => {
          const percent = (hundredths / 100).toFixed(2);
          const priceList = list({ currency, models: { desk: { adjustPercent: percent, basedOn: 'EUR' } } });
          const result = price(withList(desk, priceList), selection, quantity);
          if (!result.ok) return;
          expect(result.price.currency).toBe(currency);
          expectAddsUp(result.price);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is refused in another currency unless it states the model currency it is based on', () => {
    const usd = list({ currency: 'USD', models: { desk: { adjustPercent: '12' } } });
    const result = pricedWith(desk, usd, '2026-03-01');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(fields(result.problems)).toEqual(['priceList.models.desk.basedOn']);
    expect(result.problems[0]!.message).toMatch(
      /priced in EUR and this list in USD: prices are never converted/,
    );
    const wrongBasis = pricedWith(
      desk,
      list({ currency: 'USD', models: { desk: { adjustPercent: '12', basedOn: 'GBP' } } }),
      '2026-03-01',
    );
    expect(wrongBasis.ok ? [] : fields(wrongBasis.problems)).toEqual(['priceList.models.desk.basedOn']);
  });

  it('gives the model its list (and the same object again, so the engine caches per model keep working)', () => {
    const priceList = list({ models: { desk: { adjustPercent: '0' } } });
    const a = withList(desk, priceList);
    expect(withList(desk, priceList, '2026-12-31')).toBe(a);
    expect(priced(price(a, oakDesk, 1)).unitPriceMinor).toBe(priced(price(desk, oakDesk, 1)).unitPriceMinor);
    expect(priced(price(desk, oakDesk, 1)).priceList).toBeNull();
    expect(desk.pricing.basePriceMinor).toBe(29900);
  });
});

describe('an explicit list', () => {
  it('overrides the model in its own currency; what it leaves out keeps the model price', () => {
    const contract = list({
      code: 'acme',
      name: 'ACME contract',
      models: {
        desk: {
          basePrice: '279.00',
          options: { top: { oak: '35.00' } },
          formulas: { top_area: 'width_mm * depth_mm / 1000000 * 150', castor_set: '39.90' },
        },
      },
    });
    const p = priced(price(withList(desk, contract), { ...oakDesk, castors: true }, 2));
    expect(p.priceList).toEqual({ code: 'acme', name: 'ACME contract', prices: 'net' });
    expect(unitAmounts(p)).toEqual({
      base: 27900,
      'option:top=oak': 3500,
      'option:colour=black': 1500, // the model's
      'formula:top_area': 19200, // 1.28 m2 x 150
      'formula:castor_set': 3990,
    });
    expectAddsUp(p);
  });

  it('in another currency must restate every price the model has, each missing one named', () => {
    const gbp = list({
      currency: 'GBP',
      models: { desk: { basePrice: '259', options: { top: { oak: '35' } } } },
    });
    const result = pricedWith(desk, gbp, '2026-03-01');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(fields(result.problems)).toEqual([
      'priceList.models.desk.options.top.walnut',
      'priceList.models.desk.options.frame.four_leg',
      'priceList.models.desk.options.colour.black',
      'priceList.models.desk.options.accessories.drawer',
      'priceList.models.desk.options.accessories.monitor_arm',
      'priceList.models.desk.options.accessories.cable_tray',
      'priceList.models.desk.options.accessories.power_strip',
      'priceList.models.desk.formulas.top_area',
      'priceList.models.desk.formulas.castor_set',
      'priceList.models.desk.formulas.long_brace',
    ]);
    expect(result.problems[0]!.message).toBe(
      "'Top: Solid walnut' has no price in GBP (Standing desk is priced in EUR, and prices are never converted)",
    );
  });

  it('in another currency with every price restated, prices in it', () => {
    const yen = list({
      currency: 'JPY',
      models: {
        desk: {
          basePrice: '47800',
          options: {
            top: { oak: '6400', walnut: '10500' },
            frame: { four_leg: '19200' },
            colour: { black: '2400' },
            accessories: { drawer: '7200', monitor_arm: '14400', cable_tray: '4000', power_strip: '3200' },
          },
          formulas: {
            top_area: 'width_mm * depth_mm / 1000000 * top.per_m2 * 160',
            castor_set: '7970',
            long_brace: 'width_mm / 30 * 160',
          },
        },
      },
    });
    const p = priced(price(withList(desk, yen), oakDesk, 1));
    expect(unitAmounts(p)).toEqual({
      base: 47800,
      'option:top=oak': 6400,
      'option:colour=black': 2400,
      'formula:top_area': 37345, // 1.28 x 182.35 x 160 = 37345.28
    });
    expect(price(withList(desk, yen), oakDesk, 1, { currency: 'EUR' }).ok).toBe(false);
  });

  it('names codes the model does not have and amounts that are not numbers', () => {
    const bad = list({
      models: {
        desk: {
          options: { nope: { x: '1' }, top: { teak: '1' }, castors: { yes: '1' } },
          formulas: { nope: '1', top_area: 'width_mm *', long_brace: "top = 'oak'" },
        },
      },
    });
    const result = pricedWith(desk, bad, '2026-03-01');
    expect(result.ok ? [] : fields(result.problems)).toEqual([
      'priceList.models.desk.options.nope',
      'priceList.models.desk.options.top.teak',
      'priceList.models.desk.options.castors',
      'priceList.models.desk.formulas.nope',
      'priceList.models.desk.formulas.top_area',
      'priceList.models.desk.formulas.long_brace',
    ]);
  });
});

describe('effective dates and entries', () => {
  const dated = list({
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-06-30',
    models: { desk: { adjustPercent: '0' } },
  });

  it('is in effect from its first to its last day, both included', () => {
    expect(pricedWith(desk, dated, '2026-01-01').ok).toBe(true);
    expect(pricedWith(desk, dated, '2026-06-30').ok).toBe(true);
  });

  it('is refused before and after, naming the end that is not met', () => {
    const before = pricedWith(desk, dated, '2025-12-31');
    const after = pricedWith(desk, dated, '2026-07-01');
    expect(before.ok ? [] : before.problems).toEqual([
      {
        field: 'priceList.effectiveFrom',
        message: 'Test list (test) is in effect from 2026-01-01, not yet on 2025-12-31',
      },
    ]);
    expect(after.ok ? [] : after.problems).toEqual([
      { field: 'priceList.effectiveTo', message: 'Test list (test) ended on 2026-06-30, before 2026-07-01' },
    ]);
    const notADate = pricedWith(desk, dated, '2026-02-30');
    expect(notADate.ok ? [] : fields(notADate.problems)).toEqual(['onDate']);
  });

  it('is refused for a model it has no prices for', () => {
    const other = list({ models: { sofa: { adjustPercent: '0' } } });
    const result = pricedWith(desk, other, '2026-03-01');
    expect(result.ok ? [] : result.problems).toEqual([
      { field: 'priceList.models.desk', message: 'Test list (test) has no prices for Standing desk' },
    ]);
  });
});

describe('loading price lists', () => {
  it('names every bad field at once', () => {
    const result = loadPriceLists({
      priceLists: [
        {
          code: 'a',
          name: 'A',
          currency: 'XYZ',
          effectiveFrom: '2026-05-01',
          effectiveTo: '2026-04-30',
          prices: 'net',
          models: {
            both: { adjustPercent: '5', basePrice: '1' },
            neither: {},
            cents: { basePrice: '1.005' },
            gone: { adjustPercent: '-100' },
            explicitBasis: { basePrice: '1', basedOn: 'EUR' },
          },
        },
        {
          code: 'a',
          name: 'Yen',
          currency: 'JPY',
          effectiveFrom: '2026-01-01',
          prices: 'gross',
          models: { m: { basePrice: '10.5' } },
        },
      ],
    });
    expect(result.ok ? [] : fields(result.problems)).toEqual([
      'priceLists[0] (a).currency',
      'priceLists[0] (a).effectiveTo',
      'priceLists[0] (a).models.both',
      'priceLists[0] (a).models.neither',
      'priceLists[0] (a).models.cents.basePrice',
      'priceLists[0] (a).models.gone.adjustPercent',
      'priceLists[0] (a).models.explicitBasis.basedOn',
      'priceLists[1] (a).models.m.basePrice',
      'priceLists[1] (a).code',
    ]);
  });

  it('refuses a list that does not fit the format, naming the field', () => {
    const result = loadPriceLists({
      priceLists: [
        {
          code: 'a',
          name: 'A',
          currency: 'eur',
          effectiveFrom: '2026-02-30',
          prices: 'taxed',
          models: {},
          colour: 1,
        },
      ],
    });
    expect(result.ok ? [] : fields(result.problems).sort()).toEqual([
      'priceLists[0] (a)',
      'priceLists[0] (a).currency',
      'priceLists[0] (a).effectiveFrom',
      'priceLists[0] (a).prices',
    ]);
    const syntax = loadPriceListsText('priceLists: [\n');
    expect(syntax.ok ? [] : fields(syntax.problems)[0]).toMatch(/^line \d+, column \d+$/);
  });
});

describe('the demo price lists', () => {
  // The catalog reads files for the engine's tests too (the engine imports no Node built-ins).
  const file = demoModelFiles(`${DEMO_MODELS_DIR}price-lists/`).find((f) => f.code === 'price-lists');
  if (!file) throw new Error('no demo price lists file');
  const text = file.text;
  const loaded = loadPriceListsText(text);
  const models = loadDemoModels();

  it('load, in EUR, USD, GBP and CHF', () => {
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.priceLists.map((l) => l.currency)).toEqual(['EUR', 'USD', 'GBP', 'CHF', 'EUR']);
  });

  it('price each demo model in each currency, and the EUR list as the model itself', () => {
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    for (const model of models) {
      const completion = autocomplete(model, {});
      if (!completion.found) throw new Error(`${model.code} has no default configuration`);
      const own = priced(price(model, completion.selection, 5));
      for (const priceList of loaded.priceLists.slice(0, 4)) {
        const p = priced(price(withList(model, priceList), completion.selection, 5));
        expect(p.currency).toBe(priceList.currency);
        expect(p.priceList?.code).toBe(priceList.code);
        expect(p.pending).toEqual([]);
        expectAddsUp(p);
        if (priceList.code === 'eur-list') expect(p.unitPriceMinor).toBe(own.unitPriceMinor);
        else expect(p.unitPriceMinor).not.toBe(own.unitPriceMinor);
      }
    }
  });

  it('give the customer list contract prices for the desk in 2026, and nothing for the other models', () => {
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const contract = loaded.priceLists.find((l) => l.code === 'nordwerk-2026')!;
    const standingDesk = models.find((m) => m.code === 'standing-desk')!;
    const completion = autocomplete(standingDesk, { frame: 'leg4', top_material: 'oak' });
    if (!completion.found) throw new Error('no oak four-leg desk');
    const own = priced(price(standingDesk, completion.selection, 1));
    const p = priced(price(withList(standingDesk, contract, '2026-03-01'), completion.selection, 1));
    expect(unitAmounts(p)).toMatchObject({ base: 34900, 'option:frame=leg4': 25900 });
    expect(p.unitPriceMinor).toBeLessThan(own.unitPriceMinor);
    expectAddsUp(p);
    expect(pricedWith(standingDesk, contract, '2027-01-01').ok).toBe(false);
    const bike = models.find((m) => m.code === 'e-bike')!;
    const result = pricedWith(bike, contract, '2026-03-01');
    expect(result.ok ? [] : fields(result.problems)).toEqual(['priceList.models.e-bike']);
  });
});
