import { describe, expect, it } from 'vitest';
import { loadDemoModels } from '../../catalog/demo-models.js';
import { decimalText } from '../common/decimal.js';
import { autocomplete, seededRandom } from '../configure/autocomplete.js';
import { propagate } from '../configure/propagate.js';
import { resolveConflict } from '../configure/resolve.js';
import { referencedFeatures } from '../expression/parse.js';
import type { Selection, SelectionValue } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';
import { type ConfigurationChanges, configurationChanges, type PricedValues } from './changes.js';
import { price } from './price.js';

const models = new Map(loadDemoModels().map((model) => [model.code, model]));
const desk = models.get('standing-desk')!;
const bike = models.get('e-bike')!;

/** What the server shows for some choices: the values in force (defaults first) and their price. */
function inForce(model: ProductModel, chosen: Selection, quantity = 1): PricedValues {
  const completion = autocomplete(model, chosen);
  if (!completion.found) throw new Error(`${model.code}: no completion of ${JSON.stringify(chosen)}`);
  const priced = price(model, completion.selection, quantity);
  if (!priced.ok) throw new Error(JSON.stringify(priced.problems));
  return { values: completion.selection, price: priced.price };
}

const sum = (changes: ConfigurationChanges): number =>
  changes.values.reduce((s, v) => s + v.priceDeltaMinor, 0) +
  changes.otherLines.reduce((s, l) => s + l.deltaMinor, 0);

describe('what changes between two configurations, with price deltas that add up', () => {
  it('typing width 2100 on the default desk: the top, its finish and the frame are re-chosen, each with its delta', () => {
    const before = inForce(desk, {});
    const after = inForce(desk, { width_mm: '2100' });
    const changes = configurationChanges(desk, before, after);
    expect(changes.values).toEqual([
      { feature: 'width_mm', from: '1600', to: '2100', priceDeltaMinor: 0 },
      // The per-m2 price of the top is the top material's: oak at 1600 x 800 (537.60) to melamine at 2100 x 800 (201.60).
      { feature: 'top_material', from: 'oak', to: 'melamine', priceDeltaMinor: -33_600 },
      { feature: 'top_finish', from: 'oil_natural', to: 'factory', priceDeltaMinor: 0 },
      { feature: 'frame', from: 'leg2', to: 'leg4', priceDeltaMinor: 29_000 },
    ]);
    expect(changes.otherLines).toEqual([]);
    expect(changes).toMatchObject({
      beforeTotalMinor: 117_060,
      afterTotalMinor: 112_460,
      deltaMinor: -4_600,
    });
    expect(sum(changes)).toBe(changes.deltaMinor);
  });

  it('the dual battery on an M frame: the frame given up, the motor re-chosen (+500), the brakes that come with it on their own line', () => {
    const chosen = { frame_size: 'm' };
    const resolution = resolveConflict(bike, chosen, 'battery', 'b1000');
    if (!resolution.ok) throw new Error('not resolved');
    const changes = configurationChanges(bike, inForce(bike, chosen), inForce(bike, resolution.selection));
    expect(changes.values).toEqual([
      { feature: 'frame_size', from: 'm', to: 'l', priceDeltaMinor: 0 },
      { feature: 'motor', from: 'm500', to: 'm750', priceDeltaMinor: 50_000 },
      { feature: 'battery', from: 'b625', to: 'b1000', priceDeltaMinor: 40_000 },
    ]);
    // "motor = 'm750' or cargo_box": a formula over two features is no one feature's.
    expect(changes.otherLines).toEqual([
      {
        code: 'formula:four-piston-brakes',
        label: '4-piston hydraulic brakes, 203 mm rotors',
        deltaMinor: 9_000,
      },
    ]);
    expect(sum(changes)).toBe(99_000);
    expect(changes.deltaMinor).toBe(99_000);
  });

  it('a formula gated by a feature that did not change is listed by itself (a wider oak top)', () => {
    const changes = configurationChanges(desk, inForce(desk, {}), inForce(desk, { width_mm: '1800' }));
    expect(changes.values).toEqual([{ feature: 'width_mm', from: '1600', to: '1800', priceDeltaMinor: 0 }]);
    // 1.8 x 0.8 x 420 - 1.6 x 0.8 x 420 = 67.20
    expect(changes.otherLines).toEqual([
      { code: 'formula:top-oak', label: 'Solid oak top, per m2', deltaMinor: 6_720 },
    ]);
  });

  it('a quantity break that moves with the subtotal is a line of its own, and the sum still holds', () => {
    const before = inForce(desk, {}, 10);
    const after = inForce(desk, { controller: 'app' }, 10);
    const changes = configurationChanges(desk, before, after);
    // 10 x (95 - 45) = 500.00; 8 % of it comes off.
    expect(changes.values).toEqual([
      { feature: 'controller', from: 'memory', to: 'app', priceDeltaMinor: 50_000 },
    ]);
    expect(changes.otherLines).toEqual([
      { code: 'quantity-break:10', label: 'Office order, 10 desks or more (8 %)', deltaMinor: -4_000 },
    ]);
    expect(sum(changes)).toBe(changes.deltaMinor);
  });

  it('nothing changes: nothing listed', () => {
    const same = inForce(bike, { colour: 'sage' });
    expect(configurationChanges(bike, same, same)).toMatchObject({
      values: [],
      otherLines: [],
      deltaMinor: 0,
    });
  });

  /**
   * Every excluded option (and number value) of each demo model at several states, at quantities 1 and 12:
   * the switch resolveConflict proposes, as the page applies it. The listed features are exactly those whose
   * value in force differs, and their deltas with the other lines add up to the change of the total.
   */
  it.each([...models.keys()])(
    'for every excluded option of %s at several states, the listed deltas sum to the change of the total',
    (code) => {
      const model = models.get(code)!;
      let cases = 0;
      for (let seed = 1; seed <= 8; seed++) {
        const chosen = someChoices(model, seed);
        for (const quantity of [1, 12]) {
          const before = inForce(model, chosen, quantity);
          for (const [feature, value] of excludedValues(model, chosen)) {
            const resolution = resolveConflict(model, chosen, feature, value);
            if (!resolution.ok || !resolution.possible) continue;
            const after = inForce(model, resolution.selection, quantity);
            const changes = configurationChanges(model, before, after);
            cases++;
            const label = `${code} ${JSON.stringify(chosen)} -> ${feature}=${value} x${quantity}`;
            expect(sum(changes), label).toBe(after.price.totalMinor - before.price.totalMinor);
            expect(changes.deltaMinor, label).toBe(after.price.totalMinor - before.price.totalMinor);
            expect(
              changes.values.map((v) => v.feature),
              label,
            ).toEqual(model.features.filter((f) => differs(before, after, f.code)).map((f) => f.code));
            expect(
              changes.values.map((v) => v.feature),
              label,
            ).toContain(feature);
            // A feature that gates no formula is worth exactly its options' surcharges.
            for (const change of changes.values) {
              if (gatedFeatures(model).has(change.feature)) continue;
              expect(change.priceDeltaMinor, `${label}: ${change.feature}`).toBe(
                (surcharge(model, change.feature, change.to) -
                  surcharge(model, change.feature, change.from)) *
                  quantity,
              );
            }
            for (const value of [
              ...changes.values.map((v) => v.priceDeltaMinor),
              ...changes.otherLines.map((l) => l.deltaMinor),
            ])
              expect(Number.isSafeInteger(value), label).toBe(true);
          }
        }
      }
      expect(cases).toBeGreaterThan(20);
    },
  );
});

/** Some of the features of a random valid configuration, as choices (the empty choice for seed 1). */
function someChoices(model: ProductModel, seed: number): Selection {
  if (seed === 1) return {};
  const random = seededRandom(seed);
  const completion = autocomplete(model, {}, { random });
  if (!completion.found) throw new Error('no configuration');
  const chosen: Record<string, SelectionValue | null> = {};
  for (const [code, value] of Object.entries(completion.selection))
    if (value !== null && random() < 0.35) chosen[code] = value;
  return chosen;
}

/** Options the choices exclude, as resolveConflict takes them; for numbers, the ends of the range left out. */
function excludedValues(model: ProductModel, chosen: Selection): [string, string][] {
  const found: [string, string][] = [];
  const propagation = propagate(model, chosen);
  model.features.forEach((feature, index) => {
    const state = propagation.features[index]!;
    if (feature.code in chosen) return;
    for (const option of state.options)
      if (option.state === 'excluded') found.push([feature.code, option.code]);
    if (state.allowed && feature.min && feature.max) {
      const [min, max] = [decimalText(feature.min), decimalText(feature.max)];
      if (state.allowed.min !== min) found.push([feature.code, min]);
      if (state.allowed.max !== max) found.push([feature.code, max]);
    }
  });
  return found;
}

function differs(before: PricedValues, after: PricedValues, code: string): boolean {
  const text = (v: SelectionValue | null | undefined) =>
    Array.isArray(v) ? [...v].sort().join(',') : v === null || v === undefined ? '' : String(v);
  return text(before.values[code]) !== text(after.values[code]);
}

function gatedFeatures(model: ProductModel): Set<string> {
  const gated = new Set<string>();
  for (const formula of model.pricing.formulas) {
    const read = formula.when ? referencedFeatures(formula.when) : [];
    if (read.length === 1) gated.add(read[0]!);
  }
  return gated;
}

function surcharge(model: ProductModel, code: string, value: SelectionValue | null): number {
  const feature = model.featureByCode.get(code)!;
  const codes = new Set(Array.isArray(value) ? value : value === null ? [] : [String(value)]);
  return feature.options.filter((o) => codes.has(o.code)).reduce((s, o) => s + o.priceMinor, 0);
}
