import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../common/decimal.js';
import type { Selection } from '../model/model.types.js';
import { validCompleteSelection } from '../test-support/arbitrary-selection.js';
import { loadDeskModel } from '../test-support/desk-model.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { type ExplosionResult, explode, type OrderBomLine, type OrderExplosion } from './explode.js';

const desk = loadDeskModel();

/** 1600 x 800 oak top, two legs, no castors, no accessories. */
const oakDesk: Selection = {
  width_mm: '1600',
  depth_mm: '800',
  top: 'oak',
  frame: 'two_leg',
  castors: false,
  accessories: [],
};

function exploded(result: ExplosionResult): OrderExplosion {
  if (!result.ok) throw new Error(`not exploded: ${JSON.stringify(result.problems)}`);
  return result;
}

/** "level parent > part quantity" per line: the shape of the tree at a glance. */
function outline(lines: OrderBomLine[]): string[] {
  return lines.map(
    (line) => `${line.level} ${line.parentPartNumber ?? '-'} > ${line.partNumber} ${line.quantityText}`,
  );
}

describe('exploding the BOM of an order', () => {
  it('an oak desk takes its m2 of oak, and its frame is exploded beneath it, depth first', () => {
    const result = exploded(explode(desk, oakDesk, 1));
    expect(outline(result.bom)).toEqual([
      '1 - > TOP-OAK 1.28',
      '1 - > FRAME-2 1',
      '2 FRAME-2 > LEG 2',
      '3 LEG > TUBE 4',
      '3 LEG > MOTOR 2',
      '2 FRAME-2 > FOOT 2',
      '2 FRAME-2 > BEAM 1.35',
      '2 FRAME-2 > SCREW-M6 8',
      '1 - > SCREW-M6 8',
    ]);
    expect(result.bom[0]).toMatchObject({
      description: 'Oak board',
      unit: 'm2',
      kind: 'purchased',
      subAssembly: false,
      costMinor: 9500,
      extendedCostMinor: 12160,
    });
    expect(result.bom[0]!.quantity.equals(new Decimal('1.28'))).toBe(true);
    expect(result.bom.filter((line) => line.subAssembly).map((line) => line.partNumber)).toEqual([
      'FRAME-2',
      'LEG',
    ]);
    expect(result.bom.find((line) => line.partNumber === 'FRAME-2')).toMatchObject({
      kind: 'made',
      subAssembly: true,
    });
  });

  it("the material cost counts the purchased lines, not the sub-assemblies' own lines twice", () => {
    const result = exploded(explode(desk, oakDesk, 1));
    // oak 1.28 x 95.00 + tubes 4 x 11.00 + motors 2 x 38.00 + feet 2 x 4.10 + beam 1.35 x 7.80 + screws 16 x 0.08
    expect(result.materialCostMinor).toBe(12160 + 4400 + 7600 + 820 + 1053 + 128);
  });

  it('lines for the same part under the same parent are merged at the place of the first', () => {
    const result = exploded(explode(desk, { ...oakDesk, accessories: ['power_strip', 'cable_tray'] }, 2));
    expect(outline(result.bom.filter((line) => line.level === 1))).toEqual([
      '1 - > TOP-OAK 2.56',
      '1 - > FRAME-2 2',
      '1 - > SCREW-M6 24', // (8 for the top + 4 for the cable tray) x 2 desks
      '1 - > TRAY 2',
      '1 - > STRIP 2',
      '1 - > CABLE-TIE 12',
    ]);
    // The frame's own screws stay under the frame: another parent.
    expect(outline(result.bom.filter((line) => line.partNumber === 'SCREW-M6'))).toEqual([
      '2 FRAME-2 > SCREW-M6 16',
      '1 - > SCREW-M6 24',
    ]);
  });

  it('a four-leg frame doubles the legs, and each leg brings its tubes and motor', () => {
    const result = exploded(explode(desk, { ...oakDesk, frame: 'four_leg', width_mm: '2000' }, 3));
    expect(outline(result.bom).slice(1, 8)).toEqual([
      '1 - > FRAME-4 3',
      '2 FRAME-4 > LEG 12',
      '3 LEG > TUBE 24',
      '3 LEG > MOTOR 12',
      '2 FRAME-4 > FOOT 12',
      '2 FRAME-4 > BEAM 10.5', // 2 x (2.0 - 0.25) m x 3
      '2 FRAME-4 > SCREW-M6 48',
    ]);
  });

  it("a wheel sub-assembly's spokes follow the wheel size and multiply by the wheel count", () => {
    const bike = loadModelOrThrow(`
code: cargo
name: Cargo cycle
currency: EUR
features:
  - code: wheel_size
    label: Wheel size
    kind: single
    options:
      - { code: w20, label: 20 inch, attributes: { spokes: 28 } }
      - { code: w29, label: 29 inch, attributes: { spokes: 36 } }
  - { code: trike, label: Three wheels, kind: boolean }
parts:
  - { partNumber: WHEEL, description: Wheel, unit: pcs, kind: made, cost: 0 }
  - { partNumber: RIM, description: Rim, unit: pcs, cost: 20 }
  - { partNumber: SPOKE, description: Spoke, unit: pcs, cost: "0.40" }
  - { partNumber: FRAME, description: Frame, unit: pcs, cost: 150 }
bom:
  - { part: FRAME }
  - { part: WHEEL, quantity: "if trike then 3 else 2" }
assemblies:
  WHEEL:
    - { part: RIM }
    - { part: SPOKE, quantity: "wheel_size.spokes" }
`);
    expect(outline(exploded(explode(bike, { wheel_size: 'w29', trike: true }, 5)).bom)).toEqual([
      '1 - > FRAME 5',
      '1 - > WHEEL 15',
      '2 WHEEL > RIM 15',
      '2 WHEEL > SPOKE 540',
    ]);
    expect(outline(exploded(explode(bike, { wheel_size: 'w20', trike: false }, 5)).bom)).toContain(
      '2 WHEEL > SPOKE 280',
    );
  });

  it("quantities are rounded up to the part's scale, once, after merging", () => {
    const model = loadModelOrThrow(`
code: frame
name: Picture frame
currency: EUR
features:
  - { code: n, label: Clips, kind: integer, min: 1, max: 10 }
parts:
  - { partNumber: CLIP, description: Clip sheet of 6, unit: pcs, cost: "1.00" }
  - { partNumber: GLUE, description: Glue, unit: l, cost: "12.00" }
bom:
  - { part: CLIP, quantity: "n / 6" }
  - { part: CLIP, quantity: "n / 6" }
  - { part: GLUE, quantity: "0.0121 * n" }
`);
    // 1/6 + 1/6 of a sheet is a third of a sheet: one sheet is bought (not none, not two);
    // 0.0121 l is 0.013 on a 0.001 scale.
    const one = exploded(explode(model, { n: '1' }, 1));
    expect(outline(one.bom)).toEqual(['1 - > CLIP 1', '1 - > GLUE 0.013']);
    expect(one.bom[1]!.extendedCostMinor).toBe(16); // 0.013 x 12.00 = 0.156 -> 0.16
    // 2 frames of 4 clips: (4/6 + 4/6) x 2 = 2.67 sheets -> 3 (rounding each line first would give 4);
    // glue 0.0968 -> 0.097
    expect(outline(exploded(explode(model, { n: '4' }, 2)).bom)).toEqual([
      '1 - > CLIP 3',
      '1 - > GLUE 0.097',
    ]);
  });

  it('a repeating decimal that comes out whole is not rounded up by one', () => {
    const model = loadModelOrThrow(`
code: fence
name: Fence
currency: EUR
features:
  - { code: posts, label: Posts, kind: integer, min: 1, max: 9 }
parts:
  - { partNumber: CAP, description: Post cap, unit: pcs, cost: 1 }
bom:
  - { part: CAP, quantity: "posts / 3" }
`);
    // 5/3 per fence (1.666...67 in 40 digits) x 3 fences is 5 caps (5.000...01 before the guard), not 6.
    expect(outline(exploded(explode(model, { posts: '5' }, 3)).bom)).toEqual(['1 - > CAP 5']);
  });

  it('a line whose quantity comes to 0 or less is a problem for the model author, never a line', () => {
    const model = loadModelOrThrow(`
code: rack
name: Rack
currency: EUR
features:
  - { code: shelves, label: Shelves, kind: integer, min: 1, max: 6 }
parts:
  - { partNumber: SHELF-KIT, description: Shelf kit, unit: pcs, kind: made, cost: 0 }
  - { partNumber: DIVIDER, description: Divider, unit: pcs, cost: 3 }
  - { partNumber: BRACKET, description: Bracket, unit: pcs, cost: 1 }
  - { partNumber: POST, description: Post, unit: pcs, cost: 9 }
bom:
  - { part: POST, quantity: 4 }
  - { part: DIVIDER, quantity: "shelves - 2" }
  - { part: SHELF-KIT, quantity: shelves }
assemblies:
  SHELF-KIT:
    - { part: BRACKET, quantity: "4 - shelves" }
`);
    const two = explode(model, { shelves: '2' }, 1);
    expect(two.ok).toBe(false);
    if (two.ok) return;
    expect(two.problems.map((problem) => problem.field)).toEqual(['bom.DIVIDER']);
    expect(two.problems[0]!.message).toContain('comes to 0 per product');
    const five = explode(model, { shelves: '5' }, 1);
    expect(five.ok ? [] : five.problems.map((problem) => problem.field)).toEqual([
      'assemblies.SHELF-KIT.BRACKET',
    ]);
    expect(five.ok ? '' : five.problems[0]!.message).toContain('comes to -1 per SHELF-KIT');
    expect(outline(exploded(explode(model, { shelves: '3' }, 1)).bom)).toEqual([
      '1 - > POST 4',
      '1 - > DIVIDER 1',
      '1 - > SHELF-KIT 3',
      '2 SHELF-KIT > BRACKET 3',
    ]);
  });

  it('a quantity that divides by zero is a problem naming the line', () => {
    const model = loadModelOrThrow(`
code: gate
name: Gate
currency: EUR
features:
  - { code: bars, label: Bars, kind: integer, min: 1, max: 9 }
parts:
  - { partNumber: SPACER, description: Spacer, unit: pcs, cost: 1 }
bom:
  - { part: SPACER, quantity: "12 / (bars - 1)" }
`);
    const result = explode(model, { bars: '1' }, 1);
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'bom.SPACER', message: expect.stringContaining('division by zero') }],
    });
  });
});

describe('exploding the routing of an order', () => {
  it('an oak desk is cut, oiled, assembled and packed; time = setup + minutes per unit x quantity', () => {
    const result = exploded(explode(desk, oakDesk, 4));
    expect(
      result.operations.map((operation) => [operation.code, operation.workCentre, operation.minutesText]),
    ).toEqual([
      ['cut_top', 'saw', '29.4'], // 15 + (2 + 1.6) x 4
      ['oil_top', 'finishing', '58'], // 10 + 12 x 4
      ['assemble_frame', 'assembly', '60'],
      ['pack', 'shipping', '32'],
    ]);
    expect(result.operations[0]!.description).toBe('Cut the top to size');
    expect(result.totalMinutes.equals(new Decimal('179.4'))).toBe(true);
  });

  it('a laminate top is not oiled, and accessories are fitted when there are some', () => {
    const result = exploded(
      explode(desk, { ...oakDesk, top: 'laminate', accessories: ['drawer', 'monitor_arm'] }, 1),
    );
    expect(result.operations.map((operation) => `${operation.code} ${operation.minutesText}`)).toEqual([
      'cut_top 18.6',
      'assemble_frame 15',
      'fit_accessories 10',
      'pack 8',
    ]);
  });

  it('negative minutes are a problem naming the operation', () => {
    const model = loadModelOrThrow(`
code: sign
name: Sign
currency: EUR
features:
  - { code: letters, label: Letters, kind: integer, min: 1, max: 20 }
routing:
  - { code: engrave, description: Engrave, workCentre: laser, minutes: "letters - 5" }
  - { code: setup_only, description: Set up, workCentre: laser, minutes: 1, setupMinutes: "10 - letters" }
`);
    const result = explode(model, { letters: '3' }, 2);
    expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual(['routing.engrave']);
    const late = explode(model, { letters: '12' }, 2);
    expect(late.ok ? [] : late.problems.map((problem) => problem.field)).toEqual(['routing.setup_only']);
    expect(
      exploded(explode(model, { letters: '7' }, 2)).operations.map((operation) => operation.minutesText),
    ).toEqual(['4', '5']);
  });
});

describe('refusing to explode what cannot be built', () => {
  it('an incomplete configuration is refused, naming each undecided feature', () => {
    const result = explode(desk, { top: 'oak' }, 1);
    expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual([
      'selection.width_mm',
      'selection.depth_mm',
      'selection.frame',
    ]);
  });

  it('a configuration that breaks a rule is refused, naming the rule', () => {
    const result = explode(desk, { ...oakDesk, top: 'walnut', depth_mm: '600' }, 1);
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'rules.walnut-depth', message: 'A walnut top is made 700 mm deep or more' }],
    });
  });

  it('a value outside its domain and a bad quantity are refused together', () => {
    const result = explode(desk, { ...oakDesk, top: 'teak' }, 0);
    expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual([
      'quantity',
      'selection.top',
    ]);
  });

  it('a warning does not block the explosion', () => {
    const model = loadModelOrThrow(`
code: chair
name: Chair
currency: EUR
features:
  - { code: armrests, label: Armrests, kind: boolean }
rules:
  - { id: arm-width, kind: expression, expression: "not armrests", severity: warning, message: Armrests make the chair wider }
parts:
  - { partNumber: ARMREST, description: Armrest, unit: pcs, cost: 5 }
bom:
  - { part: ARMREST, when: armrests, quantity: 2 }
`);
    expect(outline(exploded(explode(model, { armrests: true }, 1)).bom)).toEqual(['1 - > ARMREST 2']);
  });
});

describe('explosion properties', () => {
  const quantities = fc.integer({ min: 1, max: 10_000 });
  const key = (line: OrderBomLine): string => `${line.parentPartNumber ?? '-'}>${line.partNumber}`;

  it('a valid complete desk never yields a zero or negative line, and pcs come whole', () => {
    fc.assert(
      fc.property(validCompleteSelection(desk), quantities, (selection, quantity) => {
        const result = exploded(explode(desk, selection, quantity));
        for (const line of result.bom) {
          expect(line.quantity.greaterThan(0)).toBe(true);
          if (line.unit === 'pcs') expect(line.quantity.isInteger()).toBe(true);
          expect(line.quantity.decimalPlaces()).toBeLessThanOrEqual(
            desk.parts.get(line.partNumber)!.quantityScale,
          );
          expect(line.quantityText).toBe(line.quantity.toFixed());
        }
        const keys = result.bom.map(key);
        expect(new Set(keys).size).toBe(keys.length);
        const leaves = result.bom.filter((line) => !line.subAssembly);
        expect(result.materialCostMinor).toBe(leaves.reduce((sum, line) => sum + line.extendedCostMinor, 0));
      }),
    );
  });

  it('quantities scale with the order: pcs exactly, others within the rounding-up of each unit', () => {
    fc.assert(
      fc.property(validCompleteSelection(desk), quantities, (selection, quantity) => {
        const single = exploded(explode(desk, selection, 1));
        const order = exploded(explode(desk, selection, quantity));
        expect(order.bom.map(key)).toEqual(single.bom.map(key));
        order.bom.forEach((line, index) => {
          const scaled = single.bom[index]!.quantity.times(quantity);
          if (line.unit === 'pcs') {
            expect(line.quantity.equals(scaled)).toBe(true);
          } else {
            // ceil(q x e) <= q x ceil(e) < q x e + q x 10^-scale
            const grain = new Decimal(10).pow(-desk.parts.get(line.partNumber)!.quantityScale);
            expect(line.quantity.lessThanOrEqualTo(scaled)).toBe(true);
            expect(line.quantity.greaterThan(scaled.minus(grain.times(quantity)))).toBe(true);
          }
        });
      }),
    );
  });

  it('operation minutes are linear in the order quantity: setup once, the rest per unit', () => {
    fc.assert(
      fc.property(validCompleteSelection(desk), quantities, (selection, quantity) => {
        const one = exploded(explode(desk, selection, 1)).operations;
        const two = exploded(explode(desk, selection, 2)).operations;
        const order = exploded(explode(desk, selection, quantity));
        expect(order.operations.map((operation) => operation.code)).toEqual(
          one.map((operation) => operation.code),
        );
        order.operations.forEach((operation, index) => {
          const perUnit = two[index]!.minutes.minus(one[index]!.minutes);
          expect(operation.minutes.equals(one[index]!.minutes.plus(perUnit.times(quantity - 1)))).toBe(true);
        });
        const total = order.operations.reduce(
          (sum, operation) => sum.plus(operation.minutes),
          new Decimal(0),
        );
        expect(order.totalMinutes.equals(total)).toBe(true);
      }),
    );
  });
});
