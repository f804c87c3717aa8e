import { describe, expect, it } from 'vitest';
import { loadDemoModels } from '../../catalog/demo-models.js';
import { decimalText } from '../common/decimal.js';
import { loadProductModelText } from '../model/load.js';
import type { Selection } from '../model/model.types.js';
import { price } from '../pricing/price.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { type ConfigurationCost, type CostResult, costOf, margin } from './cost.js';

/** A wall shelf: a board cut to length, a bracket kit made in house, screws in both. */
const shelfText = `
code: shelf
name: Wall shelf
currency: EUR
features:
  - { code: length_mm, label: Length, kind: integer, min: 600, max: 1200, step: 300, default: 900, unit: mm }
  - { code: wood, label: Wood, kind: single, default: pine, options: [{ code: pine, label: Pine }, { code: oak, label: Oak }] }
pricing: { basePrice: "80.00" }
parts:
  - { partNumber: BOARD-PINE, description: Pine board, unit: m, cost: "10.00", standardCost: "12.345" }
  - { partNumber: BOARD-OAK, description: Oak board, unit: m, cost: "30.00", standardCost: "31.50" }
  - { partNumber: BRACKET, description: Bracket, unit: pcs, cost: "2.00", standardCost: 2.1 }
  - { partNumber: SCREW, description: Screw, unit: pcs, cost: "0.01", standardCost: "0.0125" }
  - { partNumber: KIT, description: Bracket kit, unit: pcs, kind: made, cost: "0.00" }
bom:
  - { part: BOARD-PINE, when: "wood = 'pine'", quantity: "length_mm / 1000" }
  - { part: BOARD-OAK, when: "wood = 'oak'", quantity: "length_mm / 1000" }
  - { part: KIT }
  - { part: SCREW, quantity: 2 }
assemblies:
  KIT:
    - { part: BRACKET, quantity: 2 }
    - { part: SCREW, quantity: 4 }
routing:
  - { code: CUT, description: Cut to length, workCentre: SAW, minutes: 3, setupMinutes: 10 }
  - { code: OIL, description: Oil both faces, workCentre: FIN, when: "wood = 'oak'", minutes: 6 }
  - { code: PACK, description: Pack, workCentre: SAW, minutes: 1.5 }
fulfilment:
  workCentres:
    - { code: SAW, name: Saw bench, hoursPerDay: 8, ratePerHour: "45.00" }
    - { code: FIN, name: Finishing, hoursPerDay: 8, ratePerHour: "52.20" }
`;
const shelf = loadModelOrThrow(shelfText);

function costed(result: CostResult): ConfigurationCost {
  if (!result.ok) throw new Error(`not costed: ${JSON.stringify(result.problems)}`);
  return result;
}

/** "part quantity x unit cost = amount", exact, per material line. */
function materialLines(cost: ConfigurationCost): string[] {
  return cost.material.map(
    (line) =>
      `${line.partNumber} ${decimalText(line.quantity)} x ${line.unitCost ? decimalText(line.unitCost) : '?'} = ${line.amount ? decimalText(line.amount) : '?'}`,
  );
}

function labourLines(cost: ConfigurationCost): string[] {
  return cost.labour.map(
    (line) =>
      `${line.workCentre} ${decimalText(line.minutes)} min x ${line.ratePerHour ? decimalText(line.ratePerHour) : '?'}/h = ${line.amount ? decimalText(line.amount) : '?'}`,
  );
}

describe('the cost of a configuration', () => {
  it('one pine shelf: material at standard cost and minutes at the rates, exact, rounded half-up only at the end', () => {
    const cost = costed(costOf(shelf, { length_mm: '900', wood: 'pine' }, 1));
    // The kit is a sub-assembly: its bracket and screws are the material, the kit itself is not.
    // The screws under the kit (4) and on the shelf (2) are one line.
    expect(materialLines(cost)).toEqual([
      'BOARD-PINE 0.9 x 12.345 = 11.1105',
      'BRACKET 2 x 2.1 = 4.2',
      'SCREW 6 x 0.0125 = 0.075',
    ]);
    // Cut: 10 setup + 3; pack: 1.5; both at the saw bench: 14.5 min x 45.00 / 60.
    expect(labourLines(cost)).toEqual(['SAW 14.5 min x 45/h = 10.875']);
    expect(decimalText(cost.materialCost)).toBe('15.3855');
    expect(decimalText(cost.labourCost)).toBe('10.875');
    expect(decimalText(cost.totalCost)).toBe('26.2605');
    // Each rounded once from its exact value: 15.39 + 10.88 is 26.27, the total is 26.26.
    expect(cost.materialCostMinor).toBe(1539);
    expect(cost.labourCostMinor).toBe(1088);
    expect(cost.totalCostMinor).toBe(2626);
    expect(cost.unitCostMinor).toBe(2626);
    expect(cost).toMatchObject({ currency: 'EUR', quantity: 1, complete: true, missing: [] });
  });

  it('four oak shelves: setup once per order, per-unit quantities, and the unit cost rounded from the exact quotient', () => {
    const cost = costed(costOf(shelf, { length_mm: '1200', wood: 'oak' }, 4));
    expect(materialLines(cost)).toEqual([
      'BOARD-OAK 4.8 x 31.5 = 151.2',
      'BRACKET 8 x 2.1 = 16.8',
      'SCREW 24 x 0.0125 = 0.3',
    ]);
    expect(cost.material.map((line) => decimalText(line.quantityPerUnit))).toEqual(['1.2', '2', '6']);
    // Saw: 10 + 4 x 3 + 4 x 1.5 = 28 min x 45 / 60 = 21; finishing: 4 x 6 = 24 min x 52.20 / 60 = 20.88.
    expect(labourLines(cost)).toEqual(['SAW 28 min x 45/h = 21', 'FIN 24 min x 52.2/h = 20.88']);
    expect(decimalText(cost.totalCost)).toBe('210.18');
    expect(cost.totalCostMinor).toBe(21018);
    // 210.18 / 4 = 52.545: half-up to 52.55.
    expect(decimalText(cost.unitCost)).toBe('52.545');
    expect(cost.unitCostMinor).toBe(5255);
    expect(cost.materialCostMinor).toBe(16830);
    expect(cost.labourCostMinor).toBe(4188);
  });

  it('parts and work centres without a cost are listed, their lines have no amount, and the cost is not complete', () => {
    const model = loadModelOrThrow(
      shelfText
        .replace('cost: "2.00", standardCost: 2.1', 'cost: "2.00"')
        .replace(', ratePerHour: "52.20"', ''),
    );
    const cost = costed(costOf(model, { length_mm: '600', wood: 'oak' }, 1));
    expect(cost.complete).toBe(false);
    expect(cost.missing).toEqual([
      { kind: 'part', code: 'BRACKET', name: 'Bracket', field: 'parts (BRACKET).standardCost' },
      {
        kind: 'workCentre',
        code: 'FIN',
        name: 'Finishing',
        field: 'fulfilment.workCentres (FIN).ratePerHour',
      },
    ]);
    expect(materialLines(cost)).toContain('BRACKET 2 x ? = ?');
    expect(labourLines(cost)).toContain('FIN 6 min x ?/h = ?');
    // What has a cost is still counted: 0.6 x 31.50 + 6 x 0.0125 and 14.5 min at the saw.
    expect(decimalText(cost.materialCost)).toBe('18.975');
    expect(decimalText(cost.labourCost)).toBe('10.875');
  });

  it('a model without work centres of its own lists every routing work centre as having no rate', () => {
    const model = loadModelOrThrow(shelfText.replace(/fulfilment:[\s\S]*$/, ''));
    const cost = costed(costOf(model, { length_mm: '900', wood: 'pine' }, 1));
    expect(cost.missing).toEqual([
      { kind: 'workCentre', code: 'SAW', name: 'SAW', field: 'fulfilment.workCentres (SAW).ratePerHour' },
    ]);
    expect(cost.labourCostMinor).toBe(0);
    expect(cost.totalCostMinor).toBe(1539);
  });

  it('refuses bad input, naming the field: a quantity, an unknown option, a feature not chosen', () => {
    const zero = costOf(shelf, { length_mm: '900', wood: 'pine' }, 0);
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.problems.map((p) => p.field)).toEqual(['quantity']);
    const teak = costOf(shelf, { length_mm: '900', wood: 'teak' }, 1);
    expect(teak.ok).toBe(false);
    if (!teak.ok) expect(teak.problems.map((p) => p.field)).toContain('selection.wood');
    const fraction = costOf(shelf, { length_mm: '900', wood: 'pine' }, 1.5);
    expect(fraction.ok).toBe(false);
    if (!fraction.ok) expect(fraction.problems.map((p) => p.field)).toEqual(['quantity']);
  });
});

describe('cost fields in the product model', () => {
  function problems(text: string): string[] {
    const result = loadProductModelText(text);
    return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
  }

  it('reads a standard cost and a rate exactly, finer than the currency', () => {
    const part = shelf.parts.get('SCREW')!;
    expect(decimalText(part.standardCost!)).toBe('0.0125');
    expect(decimalText(shelf.parts.get('BRACKET')!.standardCost!)).toBe('2.1');
    expect(shelf.parts.get('KIT')!.standardCost).toBeUndefined();
    expect(decimalText(shelf.fulfilment.workCentreByCode.get('FIN')!.ratePerHour!)).toBe('52.2');
  });

  it('names a negative, a non-decimal cost or rate, and a sub-assembly with a cost of its own', () => {
    const broken = shelfText
      .replace('standardCost: "12.345"', 'standardCost: "-1"')
      .replace('standardCost: "31.50"', 'standardCost: "31,50"')
      .replace('ratePerHour: "45.00"', 'ratePerHour: -45')
      .replace('kind: made, cost: "0.00"', 'kind: made, cost: "0.00", standardCost: "9.00"');
    expect(problems(broken)).toEqual([
      'parts[0] (BOARD-PINE).standardCost: -1 is negative; a cost is 0 or more',
      "parts[1] (BOARD-OAK).standardCost: '31,50' is not a decimal number",
      "parts[4] (KIT).standardCost: 'KIT' is a sub-assembly, costed by its own lines; a standard cost of its own would count it twice",
      'fulfilment.workCentres[0] (SAW).ratePerHour: -45 is negative; a cost is 0 or more',
    ]);
  });
});

describe('the demo standing desk', () => {
  const desk = loadDemoModels().find((model) => model.code === 'standing-desk')!;
  const defaults: Selection = {
    width_mm: '1600',
    depth_mm: '800',
    top_material: 'oak',
    top_finish: 'oil_natural',
    frame: 'leg2',
    motors: 'dual',
    height_range: 'standard',
    controller: 'memory',
    anti_collision: true,
    accessories: ['cable_tray'],
    preassembled: false,
  };

  it('every part it uses and every work centre has a cost, at two sizes', () => {
    for (const size of [
      { width_mm: '1600', depth_mm: '800' },
      { width_mm: '1200', depth_mm: '700' },
    ]) {
      const cost = costed(costOf(desk, { ...defaults, ...size }, 1));
      expect(cost.missing).toEqual([]);
      expect(cost.complete).toBe(true);
    }
  });

  it('1600 x 800 and 1200 x 700 in oak: the top at its standard cost and the labour worked by hand', () => {
    const large = costed(costOf(desk, defaults, 1));
    const small = costed(costOf(desk, { ...defaults, width_mm: '1200', depth_mm: '700' }, 1));
    const top = (cost: ConfigurationCost) =>
      materialLines(cost).find((line) => line.startsWith('DSK-TOP-OAK-25'));
    // 1.28 m2 and 0.84 m2 with 8 % cutting allowance (1.3824 and 0.9072), rounded up to the board's
    // 0.001 m2 as explode buys it, at 145.00 + 6 % = 153.70.
    expect(top(large)).toBe('DSK-TOP-OAK-25 1.383 x 153.7 = 212.5671');
    expect(top(small)).toBe('DSK-TOP-OAK-25 0.908 x 153.7 = 139.5596');
    // Saw 10 + 6 + 4 x area at 58.00, sanding 14 and oil 12 per m2 at 54.00, frame 25 and assembly 25 min
    // at 48.00, the collision test 14 min at 50.00, packing 20 min at 36.00.
    expect(labourLines(large)).toEqual([
      'SAW-01 21.12 min x 58/h = 20.416',
      'FIN-01 33.28 min x 54/h = 29.952',
      'ASSY-01 50 min x 48/h = 40',
      'QC-01 14 min x 50/h = 11.66666666666666666666666666666666666667',
      'PACK-01 20 min x 36/h = 12',
    ]);
    expect(large.labourCostMinor).toBe(11403); // 114.0346...
    expect(small.labourCostMinor).toBe(10204); // 18.7146... + 19.656 + 40 + 11.666... + 12 = 102.0373...
    // The small desk has the short foot and less crossbar, cable and board.
    expect(materialLines(small).some((line) => line.startsWith('DSK-FOOT-650 2 '))).toBe(true);
    expect(small.totalCostMinor).toBeLessThan(large.totalCostMinor);
    // The exact subtotals add up; the rounded total is the exact total rounded once.
    expect(large.totalCost.equals(large.materialCost.plus(large.labourCost))).toBe(true);
    expect(large.totalCostMinor).toBe(large.totalCost.times(100).toDecimalPlaces(0).toNumber());
  });

  it('its list price leaves a margin over the cost', () => {
    const priced = price(desk, defaults, 1);
    if (!priced.ok) throw new Error(JSON.stringify(priced.problems));
    const cost = costed(costOf(desk, defaults, 1));
    const result = margin(priced.price.totalMinor, cost.totalCostMinor);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.marginMinor).toBe(priced.price.totalMinor - cost.totalCostMinor);
    expect(result.marginPercent!.greaterThan(20)).toBe(true);
    expect(result.marginPercent!.lessThan(80)).toBe(true);
  });
});

describe('margin', () => {
  it('is price less cost, and its share of the price to 2 places, half-up', () => {
    expect(margin(10000, 7660)).toMatchObject({ ok: true, marginMinor: 2340, marginPercentText: '23.40' });
    // 1 / 3 = 33.333...
    expect(margin(300, 200)).toMatchObject({ marginMinor: 100, marginPercentText: '33.33' });
    // 1 / 20000 = 0.005 % exactly: half-up gives 0.01, and -0.01 below cost (away from 0 at the half).
    expect(margin(20000, 19999)).toMatchObject({ marginMinor: 1, marginPercentText: '0.01' });
    expect(margin(20000, 20001)).toMatchObject({ marginMinor: -1, marginPercentText: '-0.01' });
    expect(margin(5000, 5000)).toMatchObject({ marginMinor: 0, marginPercentText: '0.00' });
    expect(margin(5000, 0)).toMatchObject({ marginMinor: 5000, marginPercentText: '100.00' });
  });

  it('sold below cost, the margin is negative; given away, it has no percentage', () => {
    expect(margin(8000, 10000)).toMatchObject({ marginMinor: -2000, marginPercentText: '-25.00' });
    expect(margin(0, 1500)).toEqual({
      ok: true,
      marginMinor: -1500,
      marginPercent: null,
      marginPercentText: null,
    });
  });

  it('names a price or cost that is not a whole number of minor units, or negative', () => {
    expect(margin(12.5, 10)).toEqual({
      ok: false,
      problems: [{ field: 'priceMinor', message: '12.5 is not a whole number of minor units' }],
    });
    const both = margin(-1, Number.NaN);
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.problems.map((p) => p.field)).toEqual(['priceMinor', 'costMinor']);
  });
});
