import { describe, expect, it } from 'vitest';
import { decimalText } from '../common/decimal.js';
import { loadProductModelText } from '../model/load.js';
import { DESK_MODEL_YAML, loadDeskModel } from '../test-support/desk-model.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { qualityChecklist } from './checklist.js';

/** The test desk with a fulfilment block: its five work centres, a checklist, 2 days of QC. */
const FULFILMENT = `
fulfilment:
  workCentres:
    - { code: saw, name: Panel saw, hoursPerDay: 7.5 }
    - { code: finishing, name: Finishing, hoursPerDay: 8 }
    - { code: assembly, name: Assembly, hoursPerDay: 16 }
    - { code: shipping, name: Packing, hoursPerDay: "4.25" }
  qualityChecks:
    - { code: LEVEL, label: "Top is level at lowest and highest position" }
    - { code: OIL, label: "Oil finish even, no drips", when: "top != 'laminate'" }
    - { code: CASTORS, label: "Castors lock", when: castors }
    - { code: TRAY, label: "Cable tray fixed with four screws", when: "'cable_tray' in accessories" }
  qualityControlDays: 2
  shippingBufferDays: 0
`;

const deskWithFulfilment = () => loadModelOrThrow(DESK_MODEL_YAML + FULFILMENT);

function problems(text: string): string[] {
  const result = loadProductModelText(text);
  if (result.ok) return [];
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('the fulfilment block of a product model', () => {
  it('loads work centres with their minutes a day, the checklist and the days after production', () => {
    const { fulfilment } = deskWithFulfilment();
    expect(fulfilment.workCentres).toEqual([
      { code: 'saw', name: 'Panel saw', minutesPerDay: 450 },
      { code: 'finishing', name: 'Finishing', minutesPerDay: 480 },
      { code: 'assembly', name: 'Assembly', minutesPerDay: 960 },
      { code: 'shipping', name: 'Packing', minutesPerDay: 255 },
    ]);
    expect(fulfilment.workCentreByCode.get('assembly')?.name).toBe('Assembly');
    expect(fulfilment.qualityChecks.map((check) => [check.code, check.when !== undefined])).toEqual([
      ['LEVEL', false],
      ['OIL', true],
      ['CASTORS', true],
      ['TRAY', true],
    ]);
    expect(fulfilment.qualityControlDays).toBe(2);
    expect(fulfilment.shippingBufferDays).toBe(0);
  });

  it('without the block, the work centres come from the routing: named by code, 8 hours a day', () => {
    const { fulfilment } = loadDeskModel();
    expect(fulfilment.workCentres).toEqual([
      { code: 'saw', name: 'saw', minutesPerDay: 480 },
      { code: 'finishing', name: 'finishing', minutesPerDay: 480 },
      { code: 'assembly', name: 'assembly', minutesPerDay: 480 },
      { code: 'shipping', name: 'shipping', minutesPerDay: 480 },
    ]);
    expect(fulfilment.qualityChecks).toEqual([]);
    expect(fulfilment.qualityControlDays).toBe(1);
    expect(fulfilment.shippingBufferDays).toBe(1);
  });

  it('every routing work centre must be declared, and each declared once with sensible hours', () => {
    const broken = (DESK_MODEL_YAML + FULFILMENT)
      .replace(
        '{ code: saw, name: Panel saw, hoursPerDay: 7.5 }',
        '{ code: saw, name: Panel saw, hoursPerDay: 25 }',
      )
      .replace(
        '{ code: shipping, name: Packing, hoursPerDay: "4.25" }',
        '{ code: finishing, name: Packing, hoursPerDay: 0 }',
      )
      .replace(`when: castors }`, `when: "castors = 'yes'" }`)
      .replace('qualityControlDays: 2', 'qualityControlDays: -1');
    expect(problems(broken)).toEqual(
      expect.arrayContaining(['fulfilment.qualityControlDays: must be 0 or more']),
    );
    const meaning = problems(broken.replace('qualityControlDays: -1', 'qualityControlDays: 1'));
    expect(meaning).toEqual(
      expect.arrayContaining([
        'fulfilment.workCentres[0] (saw).hoursPerDay: 25 must be above 0 and at most 24',
        'fulfilment.workCentres[3] (finishing).hoursPerDay: 0 must be above 0 and at most 24',
        "fulfilment.workCentres[3]: duplicate work centre code 'finishing' (first at index 1)",
        "routing[4] (pack).workCentre: unknown work centre 'shipping' (fulfilment.workCentres: saw, finishing, assembly)",
      ]),
    );
    expect(meaning.some((line) => line.startsWith('fulfilment.qualityChecks[2] (CASTORS).when:'))).toBe(true);
    expect(
      problems(
        `${DESK_MODEL_YAML}\nfulfilment: { workCentres: [{ code: saw, name: Saw, hoursPerDay: 8, shifts: 2 }] }\n`,
      ),
    ).toContain("fulfilment.workCentres[0] (saw): unknown key(s) 'shifts'");
  });

  it('a minimum order quantity is a decimal of 0 or more within the part quantity scale', () => {
    const desk = loadModelOrThrow(
      DESK_MODEL_YAML.replace(
        '{ partNumber: SCREW-M6, description: Screw M6 x 16, unit: pcs, cost: "0.08" }',
        '{ partNumber: SCREW-M6, description: Screw M6 x 16, unit: pcs, cost: "0.08", minimumOrderQuantity: 500 }',
      ).replace(
        '{ partNumber: BEAM, description: Cross beam profile, unit: m, cost: "7.80", quantityScale: 2 }',
        '{ partNumber: BEAM, description: Cross beam profile, unit: m, cost: "7.80", quantityScale: 2, minimumOrderQuantity: "6.5" }',
      ),
    );
    expect(decimalText(desk.parts.get('SCREW-M6')!.minimumOrderQuantity)).toBe('500');
    expect(decimalText(desk.parts.get('BEAM')!.minimumOrderQuantity)).toBe('6.5');
    expect(decimalText(desk.parts.get('TUBE')!.minimumOrderQuantity)).toBe('0');

    const broken = DESK_MODEL_YAML.replace(
      '{ partNumber: SCREW-M6, description: Screw M6 x 16, unit: pcs, cost: "0.08" }',
      '{ partNumber: SCREW-M6, description: Screw M6 x 16, unit: pcs, cost: "0.08", minimumOrderQuantity: "2.5" }',
    )
      .replace(
        '{ partNumber: TUBE, description: Telescopic tube, unit: pcs, cost: "11.00" }',
        '{ partNumber: TUBE, description: Telescopic tube, unit: pcs, cost: "11.00", minimumOrderQuantity: -4 }',
      )
      .replace(
        '{ partNumber: FOOT, description: Foot, unit: pcs, cost: "4.10" }',
        '{ partNumber: FOOT, description: Foot, unit: pcs, cost: "4.10", minimumOrderQuantity: a box }',
      );
    expect(problems(broken)).toEqual(
      expect.arrayContaining([
        "parts[10] (SCREW-M6).minimumOrderQuantity: 2.5 has more decimals than the part's quantityScale (0)",
        'parts[6] (TUBE).minimumOrderQuantity: must be 0 or more (0 means no minimum)',
        "parts[8] (FOOT).minimumOrderQuantity: 'a box' is not a decimal number",
      ]),
    );
  });
});

describe('the quality checklist of a configuration', () => {
  const desk = deskWithFulfilment();
  const laminate = {
    width_mm: '1600',
    depth_mm: '800',
    top: 'laminate',
    frame: 'two_leg',
    castors: false,
    accessories: [],
  };

  it('holds the unconditional checks and those whose condition holds, in model order', () => {
    expect(qualityChecklist(desk, laminate)).toEqual([
      { code: 'LEVEL', label: 'Top is level at lowest and highest position' },
    ]);
    expect(
      qualityChecklist(desk, {
        ...laminate,
        top: 'oak',
        castors: true,
        accessories: ['cable_tray', 'drawer'],
      }).map((item) => item.code),
    ).toEqual(['LEVEL', 'OIL', 'CASTORS', 'TRAY']);
  });

  it('a boolean or multiple choice left out counts as off or empty', () => {
    expect(
      qualityChecklist(desk, { width_mm: '1600', depth_mm: '800', top: 'laminate', frame: 'two_leg' }),
    ).toEqual([{ code: 'LEVEL', label: 'Top is level at lowest and highest position' }]);
  });

  it('a check whose condition cannot be decided stays on the list', () => {
    expect(qualityChecklist(desk, { castors: false }).map((item) => item.code)).toEqual(['LEVEL', 'OIL']);
  });

  it('a model without a checklist gives an empty one', () => {
    expect(qualityChecklist(loadDeskModel(), laminate)).toEqual([]);
  });
});
