import { describe, expect, it } from 'vitest';
import { propagate } from '../configure/propagate.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { compileModel } from './compile.js';
import { countingTreeOf } from './counting-tree.js';
import { allowAll, searchReasoner } from './reasoner.js';

// A lift rule like the desk's, over 101 x 41 x 3 x 2^4 x 2 = 397,536 combinations: too many to
// tabulate, so the counting tree holds it decomposed into sums.
const MODEL = `
code: lift
name: Lift
currency: EUR
features:
  - { code: width_mm, label: Width, kind: integer, min: 1000, max: 2000, step: 10 }
  - { code: depth_mm, label: Depth, kind: integer, min: 600, max: 1000, step: 10 }
  - code: material
    label: Material
    kind: single
    options:
      - { code: light, label: Light, attributes: { kg_per_m2: 12 } }
      - { code: oak, label: Oak, attributes: { kg_per_m2: 25 } }
      - { code: stone, label: Stone, attributes: { kg_per_m2: 40 } }
  - code: accessories
    label: Accessories
    kind: multiple
    options:
      - { code: arm, label: Arm, attributes: { load_kg: 8 } }
      - { code: drawer, label: Drawer, attributes: { load_kg: 5 } }
      - { code: shelf, label: Shelf, attributes: { load_kg: 11 } }
      - { code: pc, label: PC holder, attributes: { load_kg: 20 } }
  - code: motors
    label: Motors
    kind: single
    options:
      - { code: single, label: Single, attributes: { lift_kg: 60 } }
      - { code: dual, label: Dual, attributes: { lift_kg: 100 } }
rules:
  - id: lift
    kind: expression
    expression: "width_mm * depth_mm / 1000000 * material.kg_per_m2 + accessories.load_kg + 20 <= motors.lift_kg"
    message: too heavy
`;

const kg = { light: 12, oak: 25, stone: 40 } as const;
const loads = [8, 5, 11, 20];

/** Brute force in integers: width x depth x kg + (load + 20) x 10^6 <= lift x 10^6. */
function enumerate(
  keep: (c: { width: number; depth: number; material: string; mask: number; lift: number }) => boolean,
) {
  let count = 0;
  for (let width = 1000; width <= 2000; width += 10)
    for (let depth = 600; depth <= 1000; depth += 10)
      for (const material of ['light', 'oak', 'stone'] as const)
        for (let mask = 0; mask < 16; mask++)
          for (const lift of [60, 100]) {
            const load = loads.reduce((sum, l, i) => (mask & (1 << i) ? sum + l : sum), 0);
            if (width * depth * kg[material] + (load + 20) * 1_000_000 > lift * 1_000_000) continue;
            if (keep({ width, depth, material, mask, lift })) count++;
          }
  return count;
}

describe('a rule too large to tabulate, decomposed into sums', () => {
  const model = loadModelOrThrow(MODEL);
  const compiled = compileModel(model);

  it('is held by a counting tree, and counts exactly', () => {
    expect(compiled.constraints[0]!.tuples).toBeNull();
    const tree = countingTreeOf(compiled);
    expect(tree).not.toBeNull();
    const result = propagate(model, {}, { explanations: false });
    expect(result.remaining).toBe(BigInt(enumerate(() => true)));
    const motors = result.features.find((f) => f.code === 'motors')!;
    expect(motors.options.find((o) => o.code === 'single')!.count).toBe(
      BigInt(enumerate((c) => c.lift === 60)),
    );
    const accessories = result.features.find((f) => f.code === 'accessories')!;
    expect(accessories.options.find((o) => o.code === 'pc')!.count).toBe(
      BigInt(enumerate((c) => (c.mask & 8) !== 0)),
    );
  });

  it('after choices: the count, the options left and the width interval, as search and brute force say', () => {
    const selection = { material: 'stone', motors: 'single', accessories: ['arm'] };
    const result = propagate(model, selection, { explanations: false });
    expect(result.remaining).toBe(
      BigInt(enumerate((c) => c.material === 'stone' && c.lift === 60 && c.mask === 1)),
    );
    // Widths with some valid depth: brute force gives the widest one.
    let widest = 0;
    for (let width = 1000; width <= 2000; width += 10)
      if (enumerate((c) => c.width === width && c.material === 'stone' && c.lift === 60 && c.mask === 1) > 0)
        widest = width;
    expect(result.features.find((f) => f.code === 'width_mm')!.allowed!.max).toBe(String(widest));
    // Search (no counting tree) agrees on which options are left.
    const searched = searchReasoner(compiled).support(allowAll(compiled));
    const tree = propagate(model, {}, { explanations: false });
    for (const feature of tree.features) {
      const variables = compiled.variablesOfFeature.get(feature.code)!;
      feature.options.forEach((option, i) => {
        const variable = feature.kind === 'multiple' ? variables[i]! : variables[0]!;
        const value =
          feature.kind === 'multiple' ? 1 : compiled.variables[variable]!.values.indexOf(option.code);
        expect(searched.possible(compiled.offsets[variable]! + value), `${feature.code}=${option.code}`).toBe(
          option.state !== 'excluded',
        );
      });
    }
  });
});
