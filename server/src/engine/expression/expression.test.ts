import { describe, expect, it } from 'vitest';
import { Decimal } from '../common/decimal.js';
import { loadProductModelText } from '../model/load.js';
import type { FeatureValue, ProductModel } from '../model/product-model.js';
import { EvaluationError, evaluate } from './evaluate.js';
import { ExpressionSyntaxError, parseExpression, referencedFeatures } from './parse.js';
import { ExpressionTypeError, typeOf } from './typecheck.js';

const loaded = loadProductModelText(`
code: pc
name: PC
currency: EUR
features:
  - { code: cpu, label: CPU, kind: single, options: [{ code: r7, label: R7, attributes: { watts: 65 } }, { code: r9, label: R9, attributes: { watts: 170 } }] }
  - { code: gpu, label: GPU, kind: single, required: false, options: [{ code: rtx, label: RTX, attributes: { watts: 285 } }] }
  - { code: storage, label: Storage, kind: multiple, options: [{ code: nvme, label: NVMe, attributes: { watts: 7 } }, { code: hdd, label: HDD, attributes: { watts: 9.5 } }] }
  - { code: modules, label: Modules, kind: integer, min: 1, max: 8 }
  - { code: width, label: Width, kind: decimal, min: 0, max: 3, step: 0.1 }
  - { code: quiet, label: Quiet, kind: boolean }
`);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const model: ProductModel = loaded.model;
const lookup = (code: string) => model.featureByCode.get(code);

function run(text: string, values: Record<string, FeatureValue>): unknown {
  const node = parseExpression(text);
  typeOf(node, lookup);
  const value = evaluate(node, { assignment: new Map(Object.entries(values)), feature: lookup });
  return Decimal.isDecimal(value) ? (value as Decimal).toFixed() : value;
}

const pc = {
  cpu: 'r9',
  gpu: 'rtx',
  storage: new Set(['nvme', 'hdd']),
  modules: new Decimal(4),
  width: new Decimal('0.3'),
  quiet: false,
};

describe('the expression language', () => {
  it('computes with exact decimals, not floats', () => {
    expect(run('width + 0.1 + 0.2', pc)).toBe('0.6');
    expect(run('width * 3 = 0.9', pc)).toBe(true);
    expect(run('1 / 4 + 2 * 3 - -1', pc)).toBe('7.25');
  });

  it('gives and/or/not and comparisons the usual precedence', () => {
    expect(run('not quiet and modules > 2 or quiet', pc)).toBe(true);
    expect(run('modules >= 4 and not (modules > 4)', pc)).toBe(true);
    expect(run('2 + 3 * 4 = 14', pc)).toBe(true);
  });

  it('compares options by code, with none for an optional choice left open', () => {
    expect(run("cpu = 'r9' and gpu != none", pc)).toBe(true);
    expect(run('gpu = none', { ...pc, gpu: null })).toBe(true);
    expect(run("cpu in ['r7', 'r9'] and cpu not in ['r7']", pc)).toBe(true);
  });

  it('reads option attributes, summed over the options of a multiple choice', () => {
    expect(run('cpu.watts + gpu.watts + storage.watts', pc)).toBe('471.5');
    expect(run('gpu.watts', { ...pc, gpu: null })).toBe('0');
    expect(run("'hdd' in storage and count(storage) = 2", pc)).toBe(true);
  });

  it('reads if-then as an implication and if-then-else as a value', () => {
    expect(run("if cpu = 'r7' then modules <= 2", pc)).toBe(true);
    expect(run("if cpu = 'r9' then modules <= 2", pc)).toBe(false);
    expect(run('(if quiet then 2 else 3) * 10', pc)).toBe('30');
  });

  it('has min, max, abs, ceil, floor and round (half-up)', () => {
    expect(run('min(modules, 2, 9) + max(1, modules)', pc)).toBe('6');
    expect(run('ceil(width * 10 / 4) + floor(2.9) + abs(-1.5)', pc)).toBe('4.5');
    expect(run('round(2.345, 2) + round(2.5)', pc)).toBe('5.35');
  });

  it('lists the features an expression reads', () => {
    expect(
      referencedFeatures(parseExpression("cpu.watts + gpu.watts <= 300 and 'hdd' in storage and cpu = 'r7'")),
    ).toEqual(['cpu', 'gpu', 'storage']);
  });

  it('refuses text that does not parse, naming the column', () => {
    const cases: [string, RegExp][] = [
      ['modules >', /unexpected end of expression at column 10/],
      ['modules > 2)', /unexpected '\)' at column 12/],
      ["cpu = 'r9", /unterminated string at column 7/],
      ['modules # 2', /unexpected character '#' at column 9/],
      ['if quiet modules', /expected 'then' but found 'modules' at column 10/],
      ['', /empty expression/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseExpression(text), text).toThrow(ExpressionSyntaxError);
      expect(() => parseExpression(text), text).toThrow(message);
    }
  });

  it('refuses expressions that mix types, naming what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['cpu > 3', /the left side of '>' must be a number, not an option of 'cpu'/],
      ["cpu = 'r5'", /'r5' is not an option of 'cpu' \(options: r7, r9\)/],
      ['cpu = modules', /cannot compare an option of 'cpu' with a number/],
      ['modules and quiet', /the left side of 'and' must be a boolean, not a number/],
      ['cpu.price', /no option of 'cpu' has the attribute 'price'/],
      ['modules.watts', /'.watts' reads an option attribute, but this is a number/],
      ["'ssd' in storage", /'ssd' is not an option of 'storage'/],
      ['count(cpu)', /'count' needs a multiple choice feature/],
      ['frobnicate(1)', /unknown function 'frobnicate'/],
      ['colour', /unknown feature 'colour'/],
      ['if quiet then 1', /without 'else' needs a condition after 'then'/],
    ];
    for (const [text, message] of cases) {
      expect(() => typeOf(parseExpression(text), lookup), text).toThrow(ExpressionTypeError);
      expect(() => typeOf(parseExpression(text), lookup), text).toThrow(message);
    }
  });

  it('fails on a division by zero instead of producing a number', () => {
    expect(() => run('modules / (width - 0.3)', pc)).toThrow(EvaluationError);
  });

  it('treats JavaScript in model text as an unknown feature or a syntax error, never as code', () => {
    expect(() => parseExpression('globalThis.process.exit(1)')).toThrow(/unexpected '\(' at column 24/);
    expect(() => typeOf(parseExpression('globalThis.process'), lookup)).toThrow(
      /unknown feature 'globalThis'/,
    );
  });
});
