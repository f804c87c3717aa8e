import { describe, expect, it } from 'vitest';
import { loadDemoModels } from '../../catalog/demo-models.js';
import { decimalText } from '../common/decimal.js';
import type { Selection, SelectionValue } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';
import { price } from '../pricing/price.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { autocomplete, seededRandom } from './autocomplete.js';
import { check } from './check.js';
import { cheapestCompletion, cheapestCompletionByPrice, resolveConflict } from './resolve.js';

/**
 * The cheapest completion on the demo desk and workstation, by their real prices (per m² of top, per
 * GB of memory): compared with prices worked out by hand, with every completion of a part of the
 * configuration enumerated and priced (check and price only), and with random valid completions.
 */

const models = new Map(loadDemoModels().map((model) => [model.code, model]));

function demo(code: string): ProductModel {
  const model = models.get(code);
  if (!model) throw new Error(`no demo model '${code}'`);
  return model;
}

/** A completion as a selection `price` and `check` read (an optional choice left open is left out). */
function chosen(completion: Record<string, SelectionValue | null>): Selection {
  const selection: Record<string, SelectionValue> = {};
  for (const [code, value] of Object.entries(completion)) if (value !== null) selection[code] = value;
  return selection;
}

function unitPrice(model: ProductModel, selection: Selection): number {
  const priced = price(model, selection, 1);
  if (!priced.ok) throw new Error(JSON.stringify(priced.problems));
  return priced.price.unitPriceMinor;
}

/** Every value of a feature, as a selection writes it. */
function domain(model: ProductModel, code: string): SelectionValue[] {
  const feature = model.featureByCode.get(code)!;
  switch (feature.kind) {
    case 'single':
      return [...feature.options.map((o) => o.code), ...(feature.required ? [] : [''])];
    case 'boolean':
      return [true, false];
    case 'multiple':
      throw new Error('enumerate tick boxes by fixing them');
    default: {
      const values: SelectionValue[] = [];
      for (let v = feature.min!; v.lessThanOrEqualTo(feature.max!); v = v.plus(feature.step!))
        values.push(decimalText(v));
      return values;
    }
  }
}

/**
 * Brute force, independent of the solver: the least unit price over every value of the open features,
 * the others as fixed, among the valid complete configurations (check) that can be priced.
 */
function cheapestByEnumeration(model: ProductModel, fixed: Selection, open: string[]): number {
  let least = Infinity;
  const current: Record<string, SelectionValue | null> = { ...fixed };
  const visit = (k: number): void => {
    if (k === open.length) {
      const verdict = check(model, current);
      if (!verdict.valid || !verdict.complete) return;
      const priced = price(model, current, 1);
      if (priced.ok) least = Math.min(least, priced.price.unitPriceMinor);
      return;
    }
    for (const value of domain(model, open[k]!)) {
      current[open[k]!] = value;
      visit(k + 1);
    }
    delete current[open[k]!];
  };
  visit(0);
  return least;
}

/** No random valid completion of the choices costs less than the cheapest. */
function expectNoneCheaper(model: ProductModel, selection: Selection, cheapest: number, draws: number): void {
  let priced = 0;
  for (let seed = 1; seed <= draws; seed++) {
    const completion = autocomplete(model, selection, { random: seededRandom(seed) });
    if (!completion.found) continue;
    const total = unitPrice(model, chosen(completion.selection));
    expect(total, JSON.stringify(completion.selection)).toBeGreaterThanOrEqual(cheapest);
    priced++;
  }
  expect(priced).toBeGreaterThan(draws / 2);
}

describe('the cheapest completion by price', () => {
  it('desk, nothing chosen: the smallest melamine top, 1000 x 600 mm, on the plainest frame, 462.00', () => {
    const model = demo('standing-desk');
    const result = cheapestCompletionByPrice(model, {});
    expect(result).not.toBeNull();
    // By hand: base 390.00 + melamine 0.6 m² x 120.00 = 72.00; every other option at no surcharge
    // (factory surface, 2 legs, one motor, standard height, paddle, no sensor, no accessory, flat-packed).
    expect(result!.unitPriceMinor).toBe(46_200);
    expect(result!.proven).toBe(true);
    expect(result!.selection).toMatchObject({
      width_mm: '1000',
      depth_mm: '600',
      top_material: 'melamine',
      anti_collision: false,
      accessories: [],
      preassembled: false,
    });
    expect(unitPrice(model, chosen(result!.selection))).toBe(46_200);
    expect(cheapestCompletion(model, {})).toEqual(result!.selection);
    expectNoneCheaper(model, {}, 46_200, 150);
  });

  it('desk, a wide and deep top: the least of every valid top, frame and finish, enumerated and priced', () => {
    const model = demo('standing-desk');
    const fixed: Selection = { width_mm: '1900', depth_mm: '950', accessories: ['monitor_arm_dual'] };
    const result = cheapestCompletionByPrice(model, fixed);
    expect(result?.proven).toBe(true);
    // By hand: base 390.00 + 4 legs 290.00 (wider than 1800 and deeper than 900) + dual motors 120.00
    // (the 4-leg frame needs them) + extra-deep 45.00 + melamine 1.9 x 0.95 = 1.805 m² x 120.00 = 216.60
    // + dual monitor arm 189.00; factory surface, standard height, paddle, no sensor, flat-packed.
    expect(result!.unitPriceMinor).toBe(125_060);
    const open = model.features.map((f) => f.code).filter((code) => !(code in fixed));
    expect(cheapestByEnumeration(model, fixed, open)).toBe(125_060);
    expect(unitPrice(model, chosen(result!.selection))).toBe(result!.unitPriceMinor);
    expectNoneCheaper(model, fixed, result!.unitPriceMinor, 100);
  });

  it('desk, oak chosen: the width and depth that cost least, over every size enumerated', () => {
    const model = demo('standing-desk');
    const fixed: Selection = {
      top_material: 'oak',
      top_finish: 'lacquer_matt',
      frame: 'leg4',
      motors: 'dual',
      height_range: 'standard',
      controller: 'memory',
      anti_collision: true,
      accessories: ['cable_tray'],
      preassembled: true,
    };
    const result = cheapestCompletionByPrice(model, fixed);
    expect(result?.proven).toBe(true);
    // By hand: the smallest top, 1000 x 600 mm: base 390.00 + lacquer 35.00 + 4 legs 290.00 + dual
    // motors 120.00 + memory handset 45.00 + cable tray 39.00 + oak 0.6 m² x 420.00 = 252.00 + sensor
    // 39.00 + assembled delivery on 4 legs 90.00.
    expect(result!.unitPriceMinor).toBe(130_000);
    expect(result!.selection).toMatchObject({ width_mm: '1000', depth_mm: '600' });
    expect(cheapestByEnumeration(model, fixed, ['width_mm', 'depth_mm'])).toBe(130_000);
  });

  it('workstation, nothing chosen: one 16 GB module on the cheapest board and processor that fit, 1232.60', () => {
    const model = demo('workstation-pc');
    const result = cheapestCompletionByPrice(model, {});
    expect(result?.proven).toBe(true);
    // By hand: base 249.00 + Core i7-14700K 379.00 + B760M board 159.00 + memory 1 x 16 GB x 3.10 =
    // 49.60 + 650 W supply 99.00 + 1 TB NVMe 109.00 + A3 case 79.00 + 280 mm AIO 109.00 (the i7's
    // 253 W needs more than a compact cooler); no graphics card, Ubuntu, 3-year warranty at no charge.
    expect(result!.unitPriceMinor).toBe(123_260);
    expect(result!.selection).toMatchObject({ memory_modules: '1', memory_size: 'd5_16', gpu: null });
    expect(unitPrice(model, chosen(result!.selection))).toBe(123_260);
    expectNoneCheaper(model, {}, 123_260, 150);
  });

  it('workstation, parts around the memory chosen: the least processor, board, memory and cooler, enumerated', () => {
    const model = demo('workstation-pc');
    const fixed: Selection = {
      gpu: 'rtx4070s',
      psu: 'atx850',
      storage: ['nvme_2tb'],
      case: 'define7',
      quiet_fans: false,
      os: 'win11pro',
      warranty: 'w3',
      burn_in: true,
    };
    const result = cheapestCompletionByPrice(model, fixed);
    expect(result?.proven).toBe(true);
    // By hand: the least processor, board and cooler together: Core i7-14700K 379.00 + B760M 159.00 +
    // 280 mm AIO 109.00 (its 253 W) = 647.00, below Ryzen 7 9700X 329.00 + B650I 299.00 + compact
    // cooler 59.00 = 687.00; one 16 GB module 49.60. With the fixed parts: base 249.00 + RTX 4070 Super
    // 649.00 + 850 W 139.00 + 2 TB NVMe 179.00 + Define 7 179.00 + Windows 199.00 + stress test 49.00.
    expect(result!.unitPriceMinor).toBe(233_960);
    expect(result!.selection).toMatchObject({
      cpu: 'i7_14700k',
      motherboard: 'b760m',
      memory_modules: '1',
      memory_size: 'd5_16',
      cooling: 'aio_280',
    });
    const open = ['cpu', 'motherboard', 'memory_modules', 'memory_size', 'cooling'];
    expect(cheapestByEnumeration(model, fixed, open)).toBe(233_960);
    expectNoneCheaper(model, fixed, result!.unitPriceMinor, 100);
  });

  it('workstation, registered memory chosen: the per-GB price of ECC memory decides the module count', () => {
    const model = demo('workstation-pc');
    const fixed: Selection = { memory_size: 'r5_32' };
    const result = cheapestCompletionByPrice(model, fixed);
    expect(result?.proven).toBe(true);
    expect(result!.selection.memory_size).toBe('r5_32');
    // By hand: registered memory needs a Threadripper board: Threadripper 7960X 1449.00 + TRX50
    // 949.00, its cooler 129.00, the Define 7 XL 239.00 (the only case for that board), and a graphics
    // card (no integrated graphics): RTX 4060 319.00; one module 32 GB x 5.60 = 179.20; 1 TB NVMe
    // 109.00; 350 + 115 + 5 + 7 + 75 = 552 W needs more than 650 x 0.8: 850 W 139.00; base 249.00;
    // Ubuntu and the 3-year warranty at no charge.
    expect(result!.unitPriceMinor).toBe(376_120);
    expectNoneCheaper(model, fixed, result!.unitPriceMinor, 150);
  });

  it('a formula over features no bucket holds together: branch and bound finds its least, or says it stopped early', () => {
    // No rule links a and b, so no bucket of the counting tree holds both: the formula is bounded and
    // split, not counted in the min-sum pass. Its least, 0, is at a = 3 and b = 5.
    const model = loadModelOrThrow(`
code: bowl
name: Bowl
currency: EUR
features:
  - { code: a, label: A, kind: integer, min: 0, max: 9 }
  - { code: b, label: B, kind: integer, min: 0, max: 9 }
pricing:
  basePrice: "10.00"
  formulas:
    - { code: bowl, label: Bowl, amount: "(a - 3) * (a - 3) + (b - 5) * (b - 5)" }
`);
    const result = cheapestCompletionByPrice(model, {});
    expect(result).toMatchObject({ selection: { a: '3', b: '5' }, unitPriceMinor: 1_000, proven: true });
    // One node only: the first configuration found (a = 0, b = 0 costs 10 + 9 + 25), not proven.
    const early = cheapestCompletionByPrice(model, {}, { nodeLimit: 1 });
    expect(early?.proven).toBe(false);
    expect(early!.unitPriceMinor).toBe(unitPrice(model, chosen(early!.selection)));
    expect(early!.unitPriceMinor).toBeGreaterThan(1_000);
    // With a choice kept: b = 9 costs (9 - 5)² more.
    expect(cheapestCompletionByPrice(model, { b: '9' })).toMatchObject({
      unitPriceMinor: 2_600,
      proven: true,
    });
  });

  it('returns null when the choices cannot be completed or cannot be read', () => {
    const model = demo('standing-desk');
    expect(cheapestCompletionByPrice(model, { width_mm: '99999' })).toBeNull();
    expect(cheapestCompletionByPrice(model, { top_material: 'walnut', width_mm: '2200' })).toBeNull();
  });
});

describe('the nearest fix (resolveConflict)', () => {
  it('desk 2100 mm wide in melamine, then oak: the width comes down to 2000 mm, oak’s widest (issue 13); walnut: 1800 mm', () => {
    const model = demo('standing-desk');
    const chosenBefore: Selection = { width_mm: '2100', top_material: 'melamine' };
    const oak = resolveConflict(model, chosenBefore, 'top_material', 'oak');
    expect(oak).toEqual({
      ok: true,
      possible: true,
      changes: [{ feature: 'width_mm', from: '2100', to: '2000' }],
      selection: { width_mm: '2000', top_material: 'oak' },
    });
    const walnut = resolveConflict(model, chosenBefore, 'top_material', 'walnut');
    expect(walnut).toMatchObject({
      possible: true,
      changes: [{ feature: 'width_mm', from: '2100', to: '1800' }],
      selection: { width_mm: '1800', top_material: 'walnut' },
    });
    // The 2-leg frame carries tops up to 1800 mm.
    expect(resolveConflict(model, { width_mm: '2100', frame: 'leg4' }, 'frame', 'leg2')).toMatchObject({
      changes: [{ feature: 'width_mm', from: '2100', to: '1800' }],
    });
  });

  // A shelf: oak up to 900 mm wide, glass only 3 or 5 shelves high, oak oiled, waxed or lacquered.
  const shelf = loadModelOrThrow(`
code: shelf
name: Shelf
currency: EUR
features:
  - { code: width, label: Width, kind: integer, min: 400, max: 1200, step: 100, default: 800 }
  - { code: shelves, label: Shelves, kind: integer, min: 2, max: 6, default: 3 }
  - code: material
    label: Material
    kind: single
    default: pine
    options:
      - { code: pine, label: Pine }
      - { code: oak, label: Oak, price: "40" }
      - { code: glass, label: Glass, price: "60" }
  - code: finish
    label: Finish
    kind: single
    default: wax
    options:
      - { code: raw, label: Raw }
      - { code: lacquer, label: Lacquer, price: "35" }
      - { code: oil, label: Oil, price: "10" }
      - { code: wax, label: Wax, price: "10" }
rules:
  - { id: oak-width, kind: requires, if: "material = 'oak'", then: "width <= 900", message: Oak up to 900 mm. }
  - { id: glass-height, kind: requires, if: "material = 'glass'", then: "shelves != 4", message: Glass 3 or 5 high. }
  - { id: oak-finish, kind: requires, if: "material = 'oak'", then: "finish != 'raw'", message: Oak is finished. }
pricing:
  basePrice: "100.00"
  formulas:
    - { code: board, label: Board per metre, amount: "width / 1000 * shelves * 20" }
`);

  it('a number moves the fewest steps that fit, not back to its least or its default', () => {
    expect(resolveConflict(shelf, { width: '1200', material: 'pine' }, 'material', 'oak')).toMatchObject({
      changes: [{ feature: 'width', from: '1200', to: '900' }],
    });
  });

  it('a changed choice becomes the cheapest that fits; between equally priced ones, its default', () => {
    // Oil and wax cost 10.00 each, lacquer 35.00: wax, the default, though oil is listed first.
    expect(resolveConflict(shelf, { material: 'pine', finish: 'raw' }, 'material', 'oak')).toMatchObject({
      changes: [{ feature: 'finish', from: 'raw', to: 'wax' }],
    });
  });

  it('a number as near one way as the other: the cheaper, and at the same price the smaller', () => {
    // 4 shelves, then glass: 3 and 5 are one step away; 3 shelves cost less board.
    expect(resolveConflict(shelf, { shelves: '4', width: '800' }, 'material', 'glass')).toMatchObject({
      changes: [{ feature: 'shelves', from: '4', to: '3' }],
    });
    // Without a price to tell them apart: the smaller.
    const unpriced = loadModelOrThrow(`
code: rack
name: Rack
currency: EUR
features:
  - { code: shelves, label: Shelves, kind: integer, min: 2, max: 6 }
  - { code: glass, label: Glass, kind: boolean }
rules:
  - { id: glass-height, kind: requires, if: "glass", then: "shelves != 4", message: Glass 3 or 5 high. }
`);
    expect(resolveConflict(unpriced, { shelves: '4' }, 'glass', 'true')).toMatchObject({
      changes: [{ feature: 'shelves', from: '4', to: '3' }],
    });
  });

  it('a fix the price list cannot price still counts, after every one it can', () => {
    // The per-shelf price divides by (shelves - 3): 3 shelves cannot be priced.
    const rack = loadModelOrThrow(`
code: rack
name: Rack
currency: EUR
features:
  - { code: shelves, label: Shelves, kind: integer, min: 2, max: 6 }
  - { code: glass, label: Glass, kind: boolean }
  - { code: tall, label: Tall, kind: boolean }
rules:
  - { id: glass-height, kind: requires, if: "glass", then: "shelves != 4", message: Glass 3 or 5 high. }
  - { id: tall-height, kind: requires, if: "tall", then: "shelves = 3", message: Tall means 3. }
pricing:
  basePrice: "10.00"
  formulas:
    - { code: odd, label: Odd, amount: "12 / (shelves - 3)" }
`);
    // 3 is nearer in order (the smaller) but cannot be priced: 5.
    expect(resolveConflict(rack, { shelves: '4' }, 'glass', 'true')).toMatchObject({
      changes: [{ feature: 'shelves', from: '4', to: '5' }],
    });
    // Only 3 will do: it is the fix, priced or not.
    expect(resolveConflict(rack, { shelves: '4' }, 'tall', 'true')).toMatchObject({
      possible: true,
      changes: [{ feature: 'shelves', from: '4', to: '3' }],
    });
  });
});
