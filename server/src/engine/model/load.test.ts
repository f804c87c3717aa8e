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
