import { describe, expect, it } from 'vitest';
import { loadProductModelText } from './load.js';

const lamp = `
code: lamp
name: Desk lamp
currency: EUR
groups: [{ code: main, label: Main }]
features:
  - { code: shade, label: Shade, kind: single, group: main, default: linen, options: [{ code: linen, label: Linen, price: "10.00" }, { code: brass, label: Brass, price: 25, attributes: { watts: 3 } }] }
  - { code: height_mm, label: Height, kind: integer, min: 300, max: 600, step: 50, default: 400, unit: mm }
  - { code: dimmer, label: Dimmer, kind: boolean }
rules:
  - { id: brass-tall, kind: requires, if: "shade = 'brass'", then: "height_mm >= 400", message: A brass shade needs a 400 mm arm or longer }
`;

describe('loading a product model', () => {
  it('loads a valid model with typed defaults', () => {
    const result = loadProductModelText(lamp);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.model.features.map((f) => f.code)).toEqual(['shade', 'height_mm', 'dimmer']);
    expect(result.model.featureByCode.get('shade')!.options[0]!.priceMinor).toBe(1000);
  });

  it('reads the most units one order line may ask for: 100 unless the model says, and at least 1', () => {
    const plain = loadProductModelText(lamp);
    if (!plain.ok) throw new Error(JSON.stringify(plain.problems));
    expect(plain.model.maxQuantityPerLine).toBe(100);
    const capped = loadProductModelText(
      lamp.replace('currency: EUR', 'currency: EUR\nmaxQuantityPerLine: 12'),
    );
    if (!capped.ok) throw new Error(JSON.stringify(capped.problems));
    expect(capped.model.maxQuantityPerLine).toBe(12);
    const none = loadProductModelText(lamp.replace('currency: EUR', 'currency: EUR\nmaxQuantityPerLine: 0'));
    expect(none.ok).toBe(false);
    expect(JSON.stringify(none)).toContain('maxQuantityPerLine');
  });

  it('reports every problem at once, each naming its place', () => {
    const broken = lamp
      .replace(`then: "height_mm >= 400"`, `then: "height_mm >= 'tall'"`)
      .replace(`if: "shade = 'brass'"`, `if: "shade = 'gold' and (dimmer"`)
      .replace('default: 400', 'default: 425');
    const result = loadProductModelText(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(text).toContainEqual(
      expect.stringMatching(/^rules\[0\] \(brass-tall\)\.if: expected '\)' .*column 27/),
    );
    expect(text).toContainEqual(
      expect.stringMatching(/^rules\[0\] \(brass-tall\)\.then: the right side of '>=' must be a number/),
    );
    expect(text).toContainEqual(
      expect.stringMatching(/^features\[1\] \(height_mm\)\.default: .*between steps/),
    );
  });
});

describe('loading a model with an amount too large for exact money', () => {
  it('reports the amount as a problem instead of throwing', () => {
    const result = loadProductModelText(`${lamp}\npricing: { basePrice: "1e20" }\n`);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toContainEqual({
        path: 'pricing.basePrice',
        message: '1e20 is too large an amount',
      });
  });
});

describe('a model with many mistakes', () => {
  const broken = `
code: shelf
name: Shelf
currency: EUR
groups: [{ code: size, label: Size }]
features:
  - { code: width, label: Width, kind: integer, min: 400, max: 1200, step: 100, default: 600, group: sizes }
  - { code: finish, label: Finish, kind: single, default: oak, options: [{ code: oak, label: Oak }, { code: oak, label: Oak again }] }
  - { code: finish, label: Finish twice, kind: boolean }
  - { code: doors, label: Doors, kind: boolean, default: true }
rules:
  - { id: oak-narrow, kind: requires, if: "finish = 'walnut'", then: "width <= 800", message: Walnut only up to 800 mm }
  - { id: typed, kind: expression, expression: "width > finish", message: Nonsense }
  - { id: syntax, kind: expression, expression: "width >= (400", message: Unbalanced }
  - { id: ghost, kind: excludes, if: "colour = 'red'", excludes: doors, message: Unknown feature }
  - { id: no-doors, kind: expression, expression: "not doors", message: The defaults break this }
  - { id: typed, kind: table, features: [finish, width], rows: [[oak, 600], [teak, 700]], message: Duplicate id }
parts:
  - { partNumber: BRD-1, description: Board, unit: m2, cost: "12.50" }
  - { partNumber: SUB-A, description: Sub A, unit: pcs, kind: made, cost: 0 }
  - { partNumber: SUB-B, description: Sub B, unit: pcs, kind: made, cost: 0 }
bom:
  - { part: BRD-1, quantity: "width / 1000 * 0.3" }
  - { part: BRD-404, quantity: 2 }
  - { part: SUB-A }
assemblies:
  SUB-A: [{ part: SUB-B }]
  SUB-B: [{ part: SUB-A }]
`;

  it('reports every problem at once, each naming its place', () => {
    const result = loadProductModelText(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    // unknown group, duplicate option and feature codes
    expect(text).toMatch(/features\[0\] \(width\)\.group: unknown group 'sizes'/);
    expect(text).toMatch(/features\[1\] \(finish\)\.options\[1\]: duplicate option code 'oak'/);
    expect(text).toMatch(/features\[2\]: duplicate feature code 'finish'/);
    // unknown option and unknown feature in a rule
    expect(text).toMatch(/rules\[0\] \(oak-narrow\)\.if: 'walnut' is not an option of 'finish'.*column 10/);
    expect(text).toMatch(/rules\[3\] \(ghost\)\.if: unknown feature 'colour' at column 1/);
    // a number compared with an option
    expect(text).toMatch(
      /rules\[1\] \(typed\)\.expression: the right side of '>' must be a number, not an option of 'finish'/,
    );
    // an expression that does not parse, with its position
    expect(text).toMatch(
      /rules\[2\] \(syntax\)\.expression: expected '\)' but found end of expression at column 14/,
    );
    // duplicate rule ids, a table row with an unknown option
    expect(text).toMatch(/rules\[5\]: duplicate rule id 'typed'/);
    expect(text).toMatch(/rules\[5\] \(typed\)\.rows\[1\]\[0\]: 'teak' is not an option of 'finish'/);
    // a BOM line for an unknown part, a cycle of sub-assemblies
    expect(text).toMatch(/bom\[1\] \(BRD-404\)\.part: BOM line for unknown part 'BRD-404'/);
    expect(text).toMatch(/assemblies\.SUB-A: sub-assemblies form a cycle: SUB-A -> SUB-B -> SUB-A/);
  });

  it('reports a default that breaks a rule once the rest is right', () => {
    const fixedUp = `
code: shelf
name: Shelf
currency: EUR
features:
  - { code: doors, label: Doors, kind: boolean, default: true }
rules:
  - { id: no-doors, kind: expression, expression: "not doors", message: Doors are sold out }
`;
    expect(loadProductModelText(fixedUp)).toEqual({
      ok: false,
      problems: [
        { path: 'rules[0] (no-doors)', message: 'the defaults break this rule: Doors are sold out' },
      ],
    });
  });

  it('names misspelt keys and malformed YAML by place', () => {
    const misspelt = loadProductModelText(lamp.replace('kind: requires', 'kind: requires, sevrity: warning'));
    expect(misspelt.ok ? [] : misspelt.problems[0]).toEqual({
      path: 'rules[0] (brass-tall)',
      message: "unknown key(s) 'sevrity'",
    });
    const yaml = loadProductModelText('code: x\nfeatures: [\n');
    expect(yaml.ok ? null : yaml.problems[0]!.path).toMatch(/^line \d+, column \d+$/);
  });
});
