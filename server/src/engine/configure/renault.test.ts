import { describe, expect, it } from 'vitest';
import { readRenaultBenchmark } from '../../test-support/renault-benchmark.js';
import { importXcsp, parseSalesHistory } from '../import/xcsp.js';
import { loadProductModel } from '../model/load.js';
import type { ProductModel } from '../model/product-model.js';
import { compileModel } from '../solver/compile.js';
import { countingTreeOf, satisfiable } from '../solver/counting-tree.js';
import { buildDecisionGraph, graphCounts } from '../solver/decision-graph.js';
import { autocomplete, seededRandom } from './autocomplete.js';
import { check } from './check.js';
import { propagate } from './propagate.js';

/** The real Renault "medium" range and one year of its sales (test/fixtures/renault). */
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

  it('with nothing chosen: 278,744 valid cars, every value counted as the value-counts file says, and offered exactly when its count is above 0', () => {
    const counts = readRenaultBenchmark('medium-value-counts.csv').trim().split('\n').slice(2);
    const result = propagate(model, {}, { explanations: false });
    expect(result.consistent).toBe(true);
    expect(result.remaining).toBe(278_744n);
    const states = new Map(
      result.features.flatMap((f) => f.options.map((o) => [`${f.code}=${o.code}`, o] as const)),
    );
    let dead = 0;
    for (const line of counts) {
      const [variable, value, solutions] = line.split(',');
      const option = states.get(`${variable}=${value}`)!;
      expect(option, `${variable}=${value}`).toBeDefined();
      expect(option.count, `${variable}=${value}`).toBe(BigInt(solutions!));
      expect(option.state, `${variable}=${value} is in ${solutions} cars`).toBe(
        Number(solutions) > 0 ? 'available' : 'excluded',
      );
      if (Number(solutions) === 0) dead++;
    }
    expect(counts.length).toBeGreaterThan(300);
    expect(dead).toBeGreaterThan(0);
  });

  it('the decision graph (what a model too large for a counting tree gets) counts every value as the value-counts file says too', () => {
    const counts = readRenaultBenchmark('medium-value-counts.csv').trim().split('\n').slice(2);
    const compiled = compileModel(model);
    const graph = buildDecisionGraph(compiled)!;
    const counted = graphCounts(graph, new Uint8Array(compiled.totalValues).fill(1));
    expect(counted.total).toBe(278_744n);
    for (const line of counts) {
      const [variable, value, solutions] = line.split(',');
      const index = compiled.variablesOfFeature.get(variable!)![0]!;
      const at = compiled.variables[index]!.values.findIndex((v) => String(v) === value);
      expect(counted.count(compiled.offsets[index]! + at), `${variable}=${value}`).toBe(BigInt(solutions!));
    }
  });

  it('replaying every sold car one choice at a time, in a shuffled order: each value is possible when chosen, and cars remain', () => {
    // The same counting tree that propagate uses; one pass up per step (is anything left with this
    // value added?), which is what "available when chosen" and "the count never reaches 0" ask.
    const compiled = compileModel(model);
    const tree = countingTreeOf(compiled)!;
    const random = seededRandom(20261126);
    const variableOf = features.map((feature) => compiled.variablesOfFeature.get(feature)![0]!);
    let steps = 0;
    for (const [n, car] of cars.entries()) {
      const allowed = new Uint8Array(compiled.totalValues).fill(1);
      const order = features.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of order) {
        const variable = variableOf[i]!;
        const value = compiled.variables[variable]!.values.indexOf(car[i]!);
        const base = compiled.offsets[variable]!;
        allowed.fill(0, base, base + compiled.variables[variable]!.values.length);
        allowed[base + value] = 1;
        if (!satisfiable(tree, allowed))
          throw new Error(`sold car ${n + 1}: nothing is left after choosing ${features[i]}=${car[i]}`);
        steps++;
      }
    }
    expect(steps).toBe(8252 * 44);
  }, 1_200_000);

  it('on 100 sold cars replayed through propagate: each value is offered (available, with a count) just before it is chosen', () => {
    const random = seededRandom(7);
    for (const car of cars.slice(0, 100)) {
      const order = features.map((_, i) => i).sort(() => random() - 0.5);
      const selection: Record<string, string> = {};
      let result = propagate(model, selection, { explanations: false });
      for (const i of order) {
        const feature = result.features.find((f) => f.code === features[i])!;
        const option = feature.options.find((o) => o.code === car[i])!;
        expect(option.state, `${features[i]}=${car[i]}`).toBe('available');
        expect(option.count! > 0n).toBe(true);
        selection[features[i]!] = car[i]!;
        result = propagate(model, selection, { explanations: false });
        expect(result.remaining).toBe(option.count);
      }
    }
  }, 600_000);

  it('after setting each sold car’s 44 choices, propagation marks none of them excluded and autocomplete finds a valid complete car', () => {
    let replayed = 0;
    for (const car of cars) {
      const selection = Object.fromEntries(features.map((feature, i) => [feature, car[i]!]));
      const result = propagate(model, selection, { explanations: false });
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
