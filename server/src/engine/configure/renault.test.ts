import { describe, expect, it } from 'vitest';
import { readRenaultBenchmark } from '../../test-support/renault-benchmark.js';
import { importXcsp, parseSalesHistory } from '../import/xcsp.js';
import { loadProductModel } from '../model/load.js';
import type { ProductModel } from '../model/product-model.js';
import { autocomplete } from './autocomplete.js';
import { check } from './check.js';
import { propagate } from './propagate.js';

/** The real Renault "medium" range and one year of its sales (../shared/benchmarks/renault). */
function renault(): { model: ProductModel; features: string[]; cars: string[][] } {
  const history = parseSalesHistory(readRenaultBenchmark('medium-sales-history.txt'));
  const imported = importXcsp(readRenaultBenchmark('medium.xml'), { choiceFeatures: history.features });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const loaded = loadProductModel(imported.source);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return { model: loaded.model, features: history.features, cars: history.cars };
}

describe('the Renault medium range and its 8,252 sold cars', () => {
  const { model, features, cars } = renault();

  it('has 8,252 sold cars over 44 customer choices', () => {
    expect(cars).toHaveLength(8252);
    expect(features).toHaveLength(44);
  });

  it('with nothing chosen, never excludes a value that some valid car contains (value-counts file)', () => {
    // Soundness, checked against the exact counts. (Excluding every value with 0 cars, completeness,
    // needs more than arc consistency on this model; it is the next step of the engine.)
    const counts = readRenaultBenchmark('medium-value-counts.csv').trim().split('\n').slice(2);
    const result = propagate(model, {});
    expect(result.consistent).toBe(true);
    const states = new Map(
      result.features.flatMap((f) => f.options.map((o) => [`${f.code}=${o.code}`, o] as const)),
    );
    let sound = 0;
    for (const line of counts) {
      const [variable, value, solutions] = line.split(',');
      const option = states.get(`${variable}=${value}`)!;
      expect(option, `${variable}=${value}`).toBeDefined();
      if (Number(solutions) > 0) {
        expect(option.state, `${variable}=${value} is in ${solutions} cars`).toBe('available');
        sound++;
      }
    }
    expect(sound).toBeGreaterThan(300);
  });

  it('after setting each sold car’s 44 choices, propagation marks none of them excluded and autocomplete finds a valid complete car', () => {
    let replayed = 0;
    for (const car of cars) {
      const selection = Object.fromEntries(features.map((feature, i) => [feature, car[i]!]));
      const result = propagate(model, selection);
      if (!result.consistent)
        throw new Error(`sold car ${replayed + 1} found inconsistent: ${JSON.stringify(result.conflict)}`);
      for (const feature of result.features) {
        if (!feature.decided) continue;
        const chosen = feature.options.find((o) => o.state === 'selected');
        if (!chosen || chosen.reasons.length > 0) {
          throw new Error(
            `sold car ${replayed + 1}: ${feature.code}=${String(feature.value)} is excluded by ${JSON.stringify(chosen?.reasons)}`,
          );
        }
      }
      const completion = autocomplete(model, selection);
      if (!completion.found)
        throw new Error(`sold car ${replayed + 1} cannot be completed: ${completion.message}`);
      const checked = check(model, completion.selection);
      if (!checked.valid || !checked.complete)
        throw new Error(`sold car ${replayed + 1}: completion is not a valid complete car`);
      for (const [i, feature] of features.entries()) expect(completion.selection[feature]).toBe(car[i]);
      replayed++;
    }
    expect(replayed).toBe(8252);
  }, 600_000);
});
