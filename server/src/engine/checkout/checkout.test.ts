import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDemoModels } from '../../catalog/demo-models.js';
import { checkoutDataFiles } from '../../checkout/checkout-data.js';
import { explode } from '../bom/explode.js';
import { Decimal } from '../common/decimal.js';
import { withDefaults } from '../configure/selection.js';
import { loadProductModelText } from '../model/load.js';
import type { SelectionValue } from '../model/model.types.js';
import type { FeatureValue, ProductModel } from '../model/product-model.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { type CheckoutInput, checkoutTotals, depositOf, shippingRate, shippingWeight } from './checkout.js';
import { type CheckoutData, loadCheckoutDataTexts } from './checkout-data.js';

const demoFiles = checkoutDataFiles;

function demoData(): CheckoutData {
  const load = loadCheckoutDataTexts(demoFiles());
  if (!load.ok) throw new Error(load.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return load.data;
}

const data = demoData();

/** A feature's value as a selection writes it. */
function selectionValue(value: FeatureValue): SelectionValue | null {
  if (value instanceof Decimal) return value.toFixed();
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  return [...(value as ReadonlySet<string>)];
}

const input = (overrides: Partial<CheckoutInput> = {}): CheckoutInput => ({
  currency: 'EUR',
  digits: 2,
  pricesIncludeTax: false,
  goodsMinor: 100_000,
  weightKg: new Decimal('25'),
  country: 'DE',
  region: null,
  vatId: null,
  paymentTermsCode: null,
  ...overrides,
});

function totals(overrides: Partial<CheckoutInput> = {}) {
  const result = checkoutTotals(data, input(overrides));
  if (!result.ok) throw new Error(result.problem.message);
  return result;
}

describe('checkout data', () => {
  it('loads the demo files: four zones, a tax entry for every country shipped to, one default term', () => {
    expect(data.zones.map((zone) => zone.code)).toEqual(['de', 'eu', 'europe', 'north-america']);
    for (const country of data.zoneByCountry.keys()) expect(data.taxByCountry.has(country)).toBe(true);
    expect(data.paymentTerms.filter((terms) => terms.default).map((terms) => terms.code)).toEqual([
      'invoice-14',
    ]);
    expect(data.termsOfSale.version).toBe('2026-12');
  });

  it('names the file and place of every problem', () => {
    const files = demoFiles();
    files['shipping.yaml'] = files['shipping.yaml']!.replace(
      'upToKg: 60, amount: "49.00"',
      'upToKg: 20, amount: "49.001"',
    );
    files['tax.yaml'] = files['tax.yaml']!.replace('    NO: { name: Norwegian VAT, rate: "25" }\n', '');
    files['payment-terms.yaml'] = files['payment-terms.yaml']!.replace(
      'depositPercent: 30 }',
      'depositPercent: 30, default: true }',
    );
    const load = loadCheckoutDataTexts(files);
    expect(load.ok).toBe(false);
    if (load.ok) return;
    expect(load.problems).toEqual(
      expect.arrayContaining([
        {
          path: 'shipping.yaml: shipping.zones[0].rates.EUR.bands[1].amount',
          message: '49.001 has more decimals than EUR has (2)',
        },
        {
          path: 'shipping.yaml: shipping.zones[0].rates.EUR.bands[1].upToKg',
          message: 'bands must go up in weight, each above the one before',
        },
        { path: 'tax.yaml: tax.countries', message: "NO is shipped to (zone 'europe') but has no tax entry" },
        {
          path: 'payment-terms.yaml: paymentTerms',
          message: 'exactly one payment term must be the default, not 2',
        },
      ]),
    );
  });

  it('refuses a key given in two files', () => {
    const load = loadCheckoutDataTexts({
      ...demoFiles(),
      'more.yaml': 'seller: { name: X, country: FR, vatId: FR1 }',
    });
    expect(load.ok).toBe(false);
    if (!load.ok)
      expect(load.problems[0]).toEqual({
        path: 'more.yaml: seller',
        message: "'seller' is given in seller.yaml already",
      });
  });
});

describe('shipping weight', () => {
  const models = loadDemoModels();

  it('weighs every purchased part of the demo models (none left at 0)', () => {
    for (const model of models) {
      for (const part of model.parts.values()) {
        if (model.assemblies.has(part.partNumber)) expect(part.weightKg).toBeUndefined();
        else expect(part.weightKg?.greaterThan(0), `${model.code} ${part.partNumber}`).toBe(true);
      }
    }
  });

  it('is the parts’ weight times their BOM quantity plus packaging, exactly, for the whole line', () => {
    const model = loadModelOrThrow(`
code: crate
name: Crate
currency: EUR
features: [{ code: size, label: Size, kind: integer, min: 1, max: 3, default: 2 }]
parts:
  - { partNumber: BOARD, description: Board, unit: m2, cost: "1", weightKg: "7.3" }
  - { partNumber: SCREW, description: Screw, unit: pcs, cost: "0.01", weightKg: "0.003" }
  - { partNumber: FRAME, description: Frame, unit: pcs, kind: made, cost: "0" }
  - { partNumber: BAR, description: Bar, unit: m, cost: "1", weightKg: "0.1" }
bom:
  - { part: BOARD, quantity: "size * 0.35" }
  - { part: SCREW, quantity: 12 }
  - { part: FRAME }
assemblies:
  FRAME: [{ part: BAR, quantity: "1.5" }]
shipping: { packagingKg: "1.25" }
`);
    const exploded = explode(model, { size: 2 }, 3);
    if (!exploded.ok) throw new Error(JSON.stringify(exploded.problems));
    const weight = shippingWeight(model, exploded.bom, 3);
    // 3 x (0.7 m2 x 7.3 + 12 x 0.003 + 1.5 m x 0.1 + 1.25) = 3 x 6.546 = 19.638
    expect(weight.weightKg.toFixed()).toBe('19.638');
    expect(weight.unweighed).toEqual([]);
  });

  it('lists parts without a weight, counted as 0', () => {
    const model = loadModelOrThrow(`
code: box
name: Box
currency: EUR
features: [{ code: big, label: Big, kind: boolean, default: false }]
parts: [{ partNumber: LID, description: Lid, unit: pcs, cost: "1" }]
bom: [{ part: LID }]
`);
    const exploded = explode(model, { big: false }, 2);
    if (!exploded.ok) throw new Error('no explosion');
    expect(shippingWeight(model, exploded.bom, 2)).toEqual({ weightKg: new Decimal(0), unweighed: ['LID'] });
  });

  it('refuses a negative weight and a weight on a sub-assembly, by place', () => {
    const result = loadProductModelText(`
code: box
name: Box
currency: EUR
features: [{ code: big, label: Big, kind: boolean, default: false }]
parts:
  - { partNumber: LID, description: Lid, unit: pcs, cost: "1", weightKg: "-1" }
  - { partNumber: ASM, description: Asm, unit: pcs, kind: made, cost: "0", weightKg: "2" }
bom: [{ part: ASM }]
assemblies: { ASM: [{ part: LID }] }
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      'parts[0] (LID).weightKg',
      'parts[1] (ASM).weightKg',
    ]);
  });

  it('a real desk weighs what its BOM says', () => {
    const desk = models.find((model) => model.code === 'standing-desk') as ProductModel;
    const defaults = withDefaults(desk, new Map());
    const exploded = explode(
      desk,
      Object.fromEntries([...defaults].map(([code, value]) => [code, selectionValue(value)])),
      1,
    );
    if (!exploded.ok) throw new Error(JSON.stringify(exploded.problems));
    const weight = shippingWeight(desk, exploded.bom, 1);
    expect(weight.unweighed).toEqual([]);
    // A standing desk with its top, frame and carton: between 30 and 80 kg.
    expect(weight.weightKg.greaterThan(30) && weight.weightKg.lessThan(80)).toBe(true);
  });
});

describe('shipping charge', () => {
  const germany = data.zoneByCountry.get('DE')!.rates.get('EUR')!;

  it('takes the first band the weight fits, bands inclusive', () => {
    expect(shippingRate(germany, new Decimal('0.5'))).toBe(2900);
    expect(shippingRate(germany, new Decimal('30'))).toBe(2900);
    expect(shippingRate(germany, new Decimal('30.001'))).toBe(4900);
    expect(shippingRate(germany, new Decimal('120'))).toBe(8900);
  });

  it('adds each started 10 kg above the last band', () => {
    expect(shippingRate(germany, new Decimal('120.1'))).toBe(8900 + 900);
    expect(shippingRate(germany, new Decimal('130'))).toBe(8900 + 900);
    expect(shippingRate(germany, new Decimal('130.5'))).toBe(8900 + 2 * 900);
  });

  it('never falls as the weight rises', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        (grams, more) => {
          const light = new Decimal(grams).dividedBy(1000);
          const heavy = light.plus(new Decimal(more).dividedBy(1000));
          expect(shippingRate(germany, heavy)).toBeGreaterThanOrEqual(shippingRate(germany, light));
        },
      ),
    );
  });

  it('refuses a country we do not ship to, listing where we ship', () => {
    const result = checkoutTotals(data, input({ country: 'JP' }));
    expect(result).toEqual({
      ok: false,
      problem: {
        field: 'country',
        message:
          'We do not ship to JP; we ship to DE, AT, BE, CZ, DK, ES, FI, FR, IE, IT, LU, NL, PL, PT, SE, CH, GB, NO, US, CA',
      },
    });
  });
});

describe('tax', () => {
  it('Germany, net prices: 19 % of goods and shipping added', () => {
    const result = totals({ goodsMinor: 100_000 });
    expect(result.charges).toEqual([
      {
        code: 'shipping',
        kind: 'SHIPPING',
        label: 'Shipping to Germany (25 kg)',
        amountMinor: 2900,
        rate: null,
        included: false,
      },
      { code: 'tax', kind: 'TAX', label: 'VAT 19 %', amountMinor: 19551, rate: '19', included: false },
    ]);
    expect(result.totalMinor).toBe(100_000 + 2900 + 19551);
    expect(result.taxNote).toBeNull();
  });

  it('Germany, gross prices: the tax contained is shown, not added', () => {
    const result = totals({ pricesIncludeTax: true, goodsMinor: 119_000 });
    // 1219.00 gross at 19 %: net 1024.37, tax 194.63
    expect(result.charges[1]).toEqual({
      code: 'tax',
      kind: 'TAX',
      label: 'VAT 19 %',
      amountMinor: 19463,
      rate: '19',
      included: true,
    });
    expect(result.totalMinor).toBe(121_900);
    expect(result.netMinor).toBe(102_437);
    expect(result.taxNote).toBe('Prices include 19 % VAT');
  });

  it('France to a French business: reverse charge, 0 %, with the legal note', () => {
    const result = totals({ country: 'FR', vatId: 'FR40303265045' });
    expect(result.charges[1]).toMatchObject({ label: 'VAT 0 % (reverse charge)', amountMinor: 0, rate: '0' });
    expect(result.taxNote).toBe(
      'Reverse charge: VAT to be accounted for by the recipient, Art. 196 Directive 2006/112/EC',
    );
    expect(result.totalMinor).toBe(100_000 + 5900);
  });

  it('gross prices under reverse charge: the German VAT they contain is taken out, the buyer pays the net', () => {
    const result = totals({
      pricesIncludeTax: true,
      goodsMinor: 119_000,
      country: 'FR',
      vatId: 'FR40303265045',
    });
    // 1190.00 + 59.00 shipping = 1249.00 gross; net at 19 %: 1049.58
    expect(result.charges.map((c) => [c.code, c.amountMinor, c.rate, c.included])).toEqual([
      ['shipping', 5900, null, false],
      ['seller-vat-removed', -19_942, '19', false],
      ['tax', 0, '0', true],
    ]);
    expect(result.charges[1]!.label).toBe('VAT 19 % contained in the prices, not charged (reverse charge)');
    expect(result.totalMinor).toBe(104_958);
    expect(result.taxNote).toBe(
      'Reverse charge: VAT to be accounted for by the recipient, Art. 196 Directive 2006/112/EC',
    );
  });

  it('gross prices exported where we collect tax keep it contained (CHF to CH: Swiss VAT)', () => {
    const result = totals({ pricesIncludeTax: true, currency: 'CHF', country: 'CH' });
    expect(result.charges.map((c) => c.code)).toEqual(['shipping', 'tax']);
    expect(result.totalMinor).toBe(100_000 + 8600);
  });

  it('the total is always the goods and every charge not contained in them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.boolean(),
        fc.constantFrom('DE', 'FR', 'AT', 'CH', 'GB', 'US'),
        fc.constantFrom(null, 'FR40303265045', 'DE814736295'),
        (goodsMinor, pricesIncludeTax, country, vatId) => {
          const result = totals({
            goodsMinor,
            pricesIncludeTax,
            country,
            vatId,
            region: country === 'US' ? 'OR' : null,
          });
          const charged = result.charges
            .filter((c) => !c.included)
            .reduce((sum, c) => sum + c.amountMinor, 0);
          expect(result.totalMinor).toBe(goodsMinor + charged);
          expect(result.totalMinor).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('France to a consumer, and a German VAT id to France: the French rate', () => {
    expect(totals({ country: 'FR' }).charges[1]).toMatchObject({ rate: '20', amountMinor: 21_180 });
    expect(totals({ country: 'FR', vatId: 'DE814736295' }).charges[1]).toMatchObject({ rate: '20' });
  });

  it('a French VAT id delivered in Germany pays German VAT (no intra-EU supply)', () => {
    expect(totals({ country: 'DE', vatId: 'FR40303265045' }).charges[1]).toMatchObject({ rate: '19' });
  });

  it('Greek VAT ids (EL) are of Greece', () => {
    expect(totals({ country: 'AT', vatId: 'EL094259216' }).charges[1]).toMatchObject({ rate: '0' });
  });

  it('Switzerland: export, Swiss VAT collected', () => {
    const result = totals({ country: 'CH', currency: 'CHF' });
    expect(result.charges[1]).toMatchObject({ label: 'Swiss VAT 8.1 %', rate: '8.1', amountMinor: 8797 });
    expect(result.taxNote).toBe('Export: no German VAT.');
  });

  it('the US: a listed state’s sales tax; another state 0 with the note', () => {
    const california = totals({ country: 'US', region: 'CA', currency: 'USD' });
    expect(california.charges[1]).toMatchObject({
      label: 'Sales tax 7.25 %',
      rate: '7.25',
      amountMinor: 8765,
    });
    const oregon = totals({ country: 'US', region: 'OR', currency: 'USD' });
    expect(oregon.charges[1]).toMatchObject({ rate: '0', amountMinor: 0 });
    expect(oregon.taxNote).toBe(
      "Export: no German VAT. No sales tax collected for this state: any use tax is the buyer's to declare.",
    );
  });

  it('gross: net + tax = gross exactly, and the tax is the rate of the net to within a minor unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom('DE', 'FR', 'FI', 'LU', 'CH', 'GB', 'NO'),
        (goodsMinor, country) => {
          const result = totals({ pricesIncludeTax: true, goodsMinor, country });
          const tax = result.charges[1]!;
          const gross = goodsMinor + result.shippingMinor;
          expect(result.totalMinor).toBe(gross);
          expect(result.netMinor + tax.amountMinor).toBe(gross);
          const exact = new Decimal(result.netMinor).times(tax.rate!).dividedBy(100);
          expect(exact.minus(tax.amountMinor).abs().lessThanOrEqualTo(1)).toBe(true);
        },
      ),
    );
  });

  it('net: the total is goods + shipping + tax, the tax rounded once half-up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom('DE', 'FR', 'FI', 'CH'),
        (goodsMinor, country) => {
          const result = totals({ goodsMinor, country });
          const tax = result.charges[1]!;
          expect(result.totalMinor).toBe(goodsMinor + result.shippingMinor + tax.amountMinor);
          const exact = new Decimal(goodsMinor + result.shippingMinor).times(tax.rate!).dividedBy(100);
          expect(exact.minus(tax.amountMinor).abs().lessThanOrEqualTo('0.5')).toBe(true);
        },
      ),
    );
  });
});

describe('payment terms and deposit', () => {
  it('the default term has no deposit; deposit-30 asks 30 % of the total, rounded half-up', () => {
    expect(totals().depositMinor).toBeNull();
    const result = totals({ paymentTermsCode: 'deposit-30' });
    expect(result.paymentTerms.code).toBe('deposit-30');
    expect(result.depositMinor).toBe(Math.round(result.totalMinor * 0.3));
    expect(depositOf(5, { code: 'x', label: 'x', depositPercent: 30, default: false })).toBe(2);
  });

  it('refuses an unknown term, listing the codes', () => {
    expect(checkoutTotals(data, input({ paymentTermsCode: 'cash' }))).toEqual({
      ok: false,
      problem: {
        field: 'paymentTermsCode',
        message: "'cash' is not a payment term (invoice-14, deposit-30)",
      },
    });
  });
});
