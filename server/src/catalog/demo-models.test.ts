import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CheckResult,
  check,
  checkModel,
  loadProductModelText,
  type ProductModel,
  type SelectionValue,
  writeFeatureValue,
} from '../engine/index.js';
import { demoModelFiles, loadDemoModels } from './demo-models.js';

const loaded = new Map<string, ProductModel>();
/** One demo model, loaded on first use so that a broken file fails its own tests, not the whole suite. */
const model = (code: string): ProductModel => {
  const cached = loaded.get(code);
  if (cached) return cached;
  const file = demoModelFiles().find((f) => f.code === code);
  if (!file) throw new Error(`no demo model file '${code}.yaml'`);
  const result = loadProductModelText(file.text);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  loaded.set(code, result.model);
  return result.model;
};

/** The selection a customer starts from: every feature at its default, written as a partner would send it. */
function defaults(product: ProductModel): Record<string, SelectionValue> {
  const selection: Record<string, SelectionValue> = {};
  for (const feature of product.features) {
    if (feature.default === undefined) continue;
    const value = writeFeatureValue(feature.default);
    if (value !== null) selection[feature.code] = value;
  }
  return selection;
}

/** The defaults with some choices changed. */
const configure = (code: string, changes: Record<string, SelectionValue>): CheckResult =>
  check(model(code), { ...defaults(model(code)), ...changes });

const errors = (result: CheckResult): string[] =>
  result.violations.filter((v) => v.severity === 'error').map((v) => v.ruleId);
const warnings = (result: CheckResult): string[] =>
  result.violations.filter((v) => v.severity === 'warning').map((v) => v.ruleId);

const CODES = ['e-bike', 'standing-desk', 'workstation-pc'];

describe('the demo product models', () => {
  it('ship as three files named after their model codes', () => {
    expect(demoModelFiles().map((file) => file.code)).toEqual(CODES);
    expect(loadDemoModels().map((product) => product.code)).toEqual(CODES);
  });

  it.each(demoModelFiles().map((file) => [file.code, file.text] as const))(
    '%s loads with no problems',
    (_, text) => {
      const result = loadProductModelText(text);
      expect(result.ok ? [] : result.problems).toEqual([]);
    },
  );

  describe.each(CODES)('%s', (code) => {
    it('has at least 20 parts, and every part is used by a BOM line or a sub-assembly line', () => {
      const product = model(code);
      expect(product.parts.size).toBeGreaterThanOrEqual(20);
      const used = new Set(product.bom.map((line) => line.part));
      for (const lines of product.assemblies.values()) for (const line of lines) used.add(line.part);
      expect([...product.parts.keys()].filter((partNumber) => !used.has(partNumber))).toEqual([]);
    });

    it('has a made sub-assembly used in its BOM, and routing operations', () => {
      const product = model(code);
      expect(product.assemblies.size).toBeGreaterThan(0);
      for (const partNumber of product.assemblies.keys()) {
        expect(product.parts.get(partNumber)?.kind).toBe('made');
        expect(product.bom.some((line) => line.part === partNumber)).toBe(true);
      }
      expect(product.routing.length).toBeGreaterThanOrEqual(4);
    });

    it('puts every feature in a configurator step and gives every feature a default', () => {
      const product = model(code);
      expect(product.groups.length).toBeGreaterThanOrEqual(3);
      expect(product.features.filter((f) => f.group === null).map((f) => f.code)).toEqual([]);
      expect(product.features.filter((f) => f.default === undefined).map((f) => f.code)).toEqual([]);
      expect(product.description).not.toBe('');
      expect(product.pitch).not.toBe('');
    });

    it('gives every rule a message a customer can read', () => {
      for (const rule of model(code).rules) {
        expect(rule.id, rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(rule.message.length, rule.id).toBeGreaterThan(25);
      }
    });

    it('starts from defaults that can be ordered as they are: valid, complete, no warnings', () => {
      const result = check(model(code), defaults(model(code)));
      expect(result.violations).toEqual([]);
      expect(result).toMatchObject({ valid: true, complete: true, undecided: [] });
    });
  });
});

describe('standing desk scenarios', () => {
  it('a 2100 mm solid oak top is refused by the oak width rule, while melamine at that width is fine', () => {
    const oak = configure('standing-desk', { width_mm: '2100', frame: 'leg4' });
    expect(oak.valid).toBe(false);
    expect(errors(oak)).toEqual(['oak-max-width']);
    expect(oak.violations[0]!.message).toMatch(/oak.*2000 mm/i);

    const melamine = configure('standing-desk', {
      width_mm: '2100',
      frame: 'leg4',
      top_material: 'melamine',
      top_finish: 'factory',
    });
    expect(melamine.violations).toEqual([]);
    expect(melamine.valid).toBe(true);
  });

  it('a wide top on the 2-leg frame with a single motor breaks both the frame and the motor rule', () => {
    const result = configure('standing-desk', { width_mm: '1900', motors: 'single' });
    expect(errors(result).sort()).toEqual(['wide-needs-4-legs', 'wide-needs-dual-motors']);
  });

  it('a single motor cannot lift a deep oak top with a monitor arm and a drawer', () => {
    const result = configure('standing-desk', {
      width_mm: '1600',
      depth_mm: '900',
      motors: 'single',
      accessories: ['drawer', 'monitor_arm'],
    });
    expect(errors(result)).toEqual(['lift-capacity']);
    expect(configure('standing-desk', { motors: 'single', accessories: [] }).valid).toBe(true);
  });

  it('castor wheels exclude the extended height range and the 4-leg frame', () => {
    const result = configure('standing-desk', {
      accessories: ['castors'],
      height_range: 'extended',
      frame: 'leg4',
    });
    expect(errors(result).sort()).toEqual(['castors-2-leg-only', 'castors-not-extended']);
  });

  it('oiling a melamine top is refused; white oil on walnut only warns', () => {
    expect(errors(configure('standing-desk', { top_material: 'melamine' }))).toEqual([
      'factory-surface-only',
    ]);
    const walnut = configure('standing-desk', { top_material: 'walnut', top_finish: 'oil_white' });
    expect(walnut.valid).toBe(true);
    expect(warnings(walnut)).toEqual(['walnut-white-oil']);
  });
});

describe('e-bike scenarios', () => {
  const cargo = {
    cargo_box: true,
    wheel_size: 'w20',
    suspension_fork: false,
    accessories: ['kickstand_dual'],
  };

  it('a cargo box on the S frame is refused, naming the cargo box rule', () => {
    const result = configure('e-bike', { ...cargo, frame_size: 's' });
    expect(result.valid).toBe(false);
    expect(errors(result)).toEqual(['cargo-box-frame']);
    expect(result.violations[0]!.message).toMatch(/cargo box needs the L or XL frame/);
    expect(result.violations[0]!.features.sort()).toEqual(['cargo_box', 'frame_size']);
  });

  it('the same cargo bike on the L frame can be ordered', () => {
    const result = configure('e-bike', { ...cargo, frame_size: 'l' });
    expect(result.violations).toEqual([]);
    expect(result).toMatchObject({ valid: true, complete: true });
  });

  it('the cargo box brings its 20-inch wheels, rigid fork and dual kickstand with it', () => {
    const result = configure('e-bike', { cargo_box: true, frame_size: 'l' });
    expect(errors(result).sort()).toEqual([
      'cargo-dual-kickstand',
      'cargo-needs-20-inch',
      'cargo-rigid-fork',
    ]);
  });

  it('a battery that does not fit the motor breaks the motor-battery table', () => {
    const result = configure('e-bike', { motor: 'm250', battery: 'b750' });
    expect(errors(result)).toEqual(['motor-battery']);
  });

  it('the 750 W motor with a 500 Wh battery warns about range but stays valid', () => {
    const result = configure('e-bike', { motor: 'm750', battery: 'b500' });
    expect(warnings(result)).toEqual(['short-range-750']);
    expect(errors(result)).toEqual([]);
    expect(result).toMatchObject({ valid: true, complete: true });
    expect(warnings(configure('e-bike', { motor: 'm750', battery: 'b750' }))).toEqual([]);
  });

  it('the Nexus hub refuses the 120 Nm motor, and the hub motor refuses any gear hub', () => {
    expect(errors(configure('e-bike', { gear_type: 'nexus_5', motor: 'm750', battery: 'b750' }))).toEqual([
      'nexus-torque',
    ]);
    expect(errors(configure('e-bike', { gear_type: 'enviolo', motor: 'm250', battery: 'b500' }))).toEqual([
      'hub-motor-derailleur',
    ]);
  });
});

describe('workstation PC scenarios', () => {
  it('an AMD processor on an Intel board breaks the socket table', () => {
    const result = configure('workstation-pc', { cpu: 'r9_9950x', motherboard: 'z790' });
    expect(result.valid).toBe(false);
    expect(errors(result)).toEqual(['cpu-socket']);
    expect(configure('workstation-pc', { cpu: 'i7_14700k', motherboard: 'z790' }).valid).toBe(true);
  });

  it('two 64 GB modules on the Mini-ITX board (96 GB at most) break the memory rule', () => {
    const result = configure('workstation-pc', {
      motherboard: 'b650i',
      memory_size: 'd5_64',
      memory_modules: '2',
    });
    expect(errors(result)).toEqual(['memory-capacity']);
    expect(configure('workstation-pc', { motherboard: 'b650i', memory_size: 'd5_48' }).valid).toBe(true);
  });

  it('four modules on the two-slot board break the slot rule', () => {
    const result = configure('workstation-pc', {
      motherboard: 'b650i',
      memory_size: 'd5_16',
      memory_modules: '4',
    });
    expect(errors(result)).toEqual(['memory-slots']);
  });

  it('an RTX 4090 on a 650 W supply breaks the power budget; a 1000 W supply carries it', () => {
    const small = configure('workstation-pc', { gpu: 'rtx4090', psu: 'atx650' });
    expect(errors(small)).toEqual(['power-budget']);
    expect(small.violations[0]!.features).toEqual(expect.arrayContaining(['cpu', 'gpu', 'psu', 'storage']));
    expect(configure('workstation-pc', { gpu: 'rtx4090', psu: 'atx1000' }).violations).toEqual([]);
  });

  it('the small ITX case refuses an ATX board, a long card, an ATX supply and a tall cooler', () => {
    const result = configure('workstation-pc', { case: 'nr200p', gpu: 'rtx4090', psu: 'atx1000' });
    expect(errors(result).sort()).toEqual([
      'case-board-fit',
      'case-gpu-length',
      'cooler-height',
      'itx-case-sfx',
    ]);
  });

  it('Threadripper needs registered memory, its own cooler and a graphics card', () => {
    const result = configure('workstation-pc', {
      cpu: 'tr_7960x',
      motherboard: 'trx50',
      case: 'define7xl',
      psu: 'atx1000',
      gpu: '',
    });
    expect(errors(result).sort()).toEqual([
      'cooler-capacity',
      'display-output',
      'memory-type',
      'threadripper-cooler',
    ]);
    const fixed = configure('workstation-pc', {
      cpu: 'tr_7960x',
      motherboard: 'trx50',
      case: 'define7xl',
      psu: 'atx1000',
      memory_size: 'r5_64',
      memory_modules: '4',
      cooling: 'air_tr5',
    });
    expect(fixed.violations).toEqual([]);
  });

  it('three memory modules only warn about bandwidth', () => {
    const result = configure('workstation-pc', { memory_modules: '3' });
    expect(result.valid).toBe(true);
    expect(warnings(result)).toEqual(['memory-bandwidth']);
  });
});

describe('a broken copy of a demo model', () => {
  const desk = demoModelFiles().find((file) => file.code === 'standing-desk')!.text;
  const bike = demoModelFiles().find((file) => file.code === 'e-bike')!.text;
  let directory: string | undefined;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  const problemsOf = (text: string): string[] => {
    const result = loadProductModelText(text);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it('is refused when a BOM line names an unknown part, naming the line', () => {
    const broken = desk.replace(
      '{ part: DSK-TOP-OAK-25, when: "top_material = \'oak\'"',
      '{ part: DSK-TOP-OAK-52, when: "top_material = \'oak\'"',
    );
    expect(broken).not.toBe(desk);
    expect(problemsOf(broken)).toEqual([
      expect.stringMatching(
        /^bom\[\d+\] \(DSK-TOP-OAK-52\)\.part: BOM line for unknown part 'DSK-TOP-OAK-52'$/,
      ),
    ]);
  });

  it('is refused when a rule names an unknown option, naming the rule', () => {
    const broken = bike.replace(
      'rules:\n',
      'rules:\n  - { id: pink-cargo, kind: requires, if: "colour = \'pink\'", then: "cargo_box", message: "Pink comes with a cargo box." }\n',
    );
    expect(problemsOf(broken)).toEqual([
      expect.stringMatching(/^rules\[0\] \(pink-cargo\)\.if: 'pink' is not an option of 'colour'/),
    ]);
  });

  it('is refused when an assembly line uses an unknown feature, naming the assembly', () => {
    const broken = desk.replace(
      'quantity: "(width_mm - 320) / 1000" }',
      'quantity: "(length_mm - 320) / 1000" }',
    );
    expect(problemsOf(broken)).toContainEqual(
      expect.stringMatching(
        /^assemblies\.DSK-FRM-2L\[\d+\] \(DSK-XBAR-STL\)\.quantity: unknown feature 'length_mm'/,
      ),
    );
  });

  it('makes loadDemoModels throw one error listing every problem with its file', () => {
    directory = mkdtempSync(join(tmpdir(), 'demo-models-'));
    writeFileSync(join(directory, 'standing-desk.yaml'), desk.replace('default: 1600', 'default: 1605'));
    writeFileSync(join(directory, 'e-bike.yaml'), bike.replace('default: m500', 'default: m400'));
    expect(() => loadDemoModels(directory)).toThrowError(
      /2 problem\(s\)[\s\S]*e-bike\.yaml: features\[\d+\] \(motor\)\.default: 'm400' is not an option[\s\S]*standing-desk\.yaml: features\[0\] \(width_mm\)\.default: .*between steps/,
    );
  });
});

describe('the demo models pass the model check on publish', () => {
  it.each(['standing-desk', 'e-bike', 'workstation-pc'])(
    '%s: some valid configuration exists, and every option can be part of one',
    (code) => {
      const result = checkModel(model(code));
      expect(result.consistent).toBe(true);
      expect(result.deadOptions).toEqual([]);
    },
  );
});
