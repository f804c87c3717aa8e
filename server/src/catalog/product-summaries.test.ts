import { describe, expect, it } from 'vitest';
import { autocomplete, check, loadProductModelText, type ProductModel, price } from '../engine/index.js';
import { loadDemoModels } from './demo-models.js';
import { productSummaries } from './product-summaries.js';

const models = loadDemoModels();
const summaries = productSummaries(models);

function load(text: string): ProductModel {
  const result = loadProductModelText(text);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.model;
}

describe('productSummaries of the demo models', () => {
  it('summarises every model, in the given order', () => {
    expect(summaries.map((s) => s.code)).toEqual(models.map((m) => m.code));
    expect(summaries.map((s) => s.code)).toEqual(['e-bike', 'standing-desk', 'workstation-pc']);
  });

  it.each(models.map((model, index) => [model.code, model, summaries[index]!] as const))(
    '%s: its starting price is the engine price of its default configuration, as decimal text',
    (_code, model, summary) => {
      const completion = autocomplete(model, {});
      if (!completion.found) throw new Error(completion.message);
      expect(summary.defaultConfiguration).toEqual(completion.selection);

      const priced = price(model, completion.selection, 1);
      if (!priced.ok) throw new Error(JSON.stringify(priced.problems));
      const digits = priced.price.currencyDigits;
      // Major units with exactly the currency's digits, no float on the way: "1170.60" is 117060 minor.
      expect(summary.startingPrice).toMatch(digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${digits}}$`));
      expect(Number(summary.startingPrice.replace('.', ''))).toBe(priced.price.totalMinor);
      expect(priced.price.totalMinor).toBeGreaterThan(0);
      expect(summary.currency).toBe(model.currency);
    },
  );

  it.each(models.map((model, index) => [model.code, model, summaries[index]!] as const))(
    '%s: its default configuration is valid and complete, and every feature is in it',
    (_code, model, summary) => {
      const result = check(model, summary.defaultConfiguration);
      expect(result.violations.filter((v) => v.severity === 'error')).toEqual([]);
      expect(result.complete).toBe(true);
      expect(Object.keys(summary.defaultConfiguration).sort()).toEqual(
        model.features.map((f) => f.code).sort(),
      );
    },
  );

  it.each(models.map((model, index) => [model.code, model, summaries[index]!] as const))(
    '%s: carries its words and its size',
    (_code, model, summary) => {
      expect(summary).toMatchObject({
        code: model.code,
        name: model.name,
        pitch: model.pitch,
        description: model.description,
        features: model.features.length,
        rules: model.rules.length,
        parts: model.parts.size,
      });
      expect(summary.pitch).not.toBe('');
      expect(summary.options).toBe(model.features.flatMap((f) => f.options).length);
      for (const count of [summary.features, summary.options, summary.rules, summary.parts])
        expect(count).toBeGreaterThan(0);
    },
  );

  it('is plain JSON data: it survives a round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(summaries))).toEqual(summaries);
  });

  it('knows the standing desk starts at 1170.60 EUR', () => {
    expect(summaries.find((s) => s.code === 'standing-desk')).toMatchObject({
      startingPrice: '1170.60',
      currency: 'EUR',
    });
  });
});

describe('productSummaries of a broken model', () => {
  const impossible = load(`
code: impossible-chair
name: Impossible chair
currency: EUR
features:
  - code: legs
    label: Legs
    kind: single
    options:
      - { code: three, label: Three }
      - { code: four, label: Four }
rules:
  - id: no-three
    kind: expression
    message: Three legs wobble
    expression: legs != 'three'
  - id: no-four
    kind: expression
    message: Four legs are too many
    expression: legs != 'four'
`);

  it('throws one Error naming the model, why it has no default configuration, and the rules', () => {
    let thrown: unknown;
    try {
      productSummaries([...models, impossible]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const lines = (thrown as Error).message.split('\n');
    expect(lines[0]).toBe('Product models cannot be summarised (3 problem(s)):');
    expect(lines.slice(1)).toEqual([
      'impossible-chair: no default configuration (conflict): This model has no valid configuration at all',
      'impossible-chair: rule no-four: Four legs are too many',
      'impossible-chair: rule no-three: Three legs wobble',
    ]);
  });

  it('throws when the default configuration cannot be priced, naming the model and the formula', () => {
    const freeLunch = load(`
code: free-lunch
name: Free lunch
currency: EUR
features:
  - code: guests
    label: Guests
    kind: integer
    min: 0
    max: 0
    default: 0
pricing:
  basePrice: "10.00"
  formulas:
    - code: per-guest
      label: Price per guest
      amount: 100 / guests
`);
    expect(() => productSummaries([freeLunch])).toThrowError(
      "free-lunch: cannot price the default configuration: pricing.formulas.per-guest: 'Price per guest' has no value here: division by zero",
    );
  });
});
