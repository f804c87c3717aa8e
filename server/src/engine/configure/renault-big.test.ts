import { describe, expect, it } from 'vitest';
import { readRenaultBenchmark } from '../../test-support/renault-benchmark.js';
import { importXcsp } from '../import/xcsp.js';
import { loadProductModel } from '../model/load.js';
import type { ProductModel } from '../model/product-model.js';
import { compileModel } from '../solver/compile.js';
import { countingTreeOf } from '../solver/counting-tree.js';
import { buildDecisionGraph, decisionGraphOf, graphCounts } from '../solver/decision-graph.js';
import { Propagator } from '../solver/propagator.js';
import { search } from '../solver/search.js';
import { randomConfigurations, seededRandom } from './autocomplete.js';
import { check } from './check.js';
import { propagate } from './propagate.js';
import { prepareGuidance } from './session.js';

/**
 * The full Renault range ("big": 268 variables, 332 tables; test/fixtures/renault): complete guidance at
 * automotive scale, on the decision graph (its counting tree would hold hundreds of millions of rows).
 */

/** toulbar2's count of big's valid cars, as its README gives it (a double: exact to about 16 digits). */
const TOULBAR2_TOTAL = 24_566_537_954_855_758_069_760n;
/** The exact count: the same on three decision graphs of different shapes (see below). */
const EXACT_TOTAL = 24_566_537_954_855_761_920_000n;

function big(): ProductModel {
  const imported = importXcsp(readRenaultBenchmark('big.xml'), {});
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const loaded = loadProductModel(imported.source);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.model;
}

/** A positive integer rounded to `digits` significant digits (as digits, the rest dropped). */
function significant(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(value.toString().length - digits);
  return ((value + scale / 2n) / scale).toString();
}

describe('the Renault big range, on the decision graph', () => {
  const model = big();
  const compiled = compileModel(model);

  it('is held by a decision graph, not a counting tree, and counts every valid car exactly', () => {
    expect(countingTreeOf(compiled)).toBeNull();
    const structure = prepareGuidance(model);
    expect(structure).toMatchObject({ countable: true, structure: 'decision-graph' });
    const result = propagate(model, {}, { explanations: false });
    expect(result.consistent).toBe(true);
    expect(result.remaining).toBe(EXACT_TOTAL);
    // toulbar2 adds in floating point: its figure is the double just below the exact count. They agree
    // to 16 significant digits, not 17: the double nearest the exact count is the next one up.
    expect(significant(EXACT_TOTAL, 16)).toBe(significant(TOULBAR2_TOTAL, 16));
    const ulp = 2n ** 22n; // doubles between 2^74 and 2^75 are 2^22 apart
    expect(EXACT_TOTAL - TOULBAR2_TOTAL).toBeGreaterThan(0n);
    expect(EXACT_TOTAL - TOULBAR2_TOTAL).toBeLessThan(ulp);
  });

  it('gives the same exact count on graphs built in other decision orders (different shapes)', () => {
    // Random orders give graphs far too large (past 6M edges); these two are the ones tried that are
    // small: the hub first and the rest in a scrambled fixed order, and by number of constraints.
    const hub = compiled.variables.reduce((best, v) =>
      compiled.constraintsOfVariable[v.index]!.length > compiled.constraintsOfVariable[best.index]!.length
        ? v
        : best,
    ).index;
    const orders = [
      Float64Array.from(compiled.variables, (v) => ((v.index * 7919) % 263) + (v.index === hub ? 1000 : 0)),
      Float64Array.from(compiled.variables, (v) => compiled.constraintsOfVariable[v.index]!.length),
    ];
    const shapes = new Set([decisionGraphOf(compiled)!.edgeCount]);
    for (const priority of orders) {
      const graph = buildDecisionGraph(compiled, { priority, edgeLimit: 500_000 })!;
      expect(graph).not.toBeNull();
      shapes.add(graph.edgeCount);
      const all = new Uint8Array(compiled.totalValues).fill(1);
      expect(graphCounts(graph, all).total).toBe(EXACT_TOTAL);
    }
    expect(shapes.size).toBe(3);
  });

  it('gives up (null: search answers instead) past its limits, rather than holding the server', () => {
    expect(buildDecisionGraph(compiled, { branchLimit: 100 })).toBeNull();
    expect(buildDecisionGraph(compiled, { edgeLimit: 1_000 })).toBeNull();
  });

  it('with nothing chosen, offers every value of every variable (each is in some valid car), and each variable’s counts add up to the total', () => {
    const result = propagate(model, {}, { explanations: false });
    for (const feature of result.features) {
      let sum = 0n;
      for (const option of feature.options) {
        expect(option.state, `${feature.code}=${option.code}`).not.toBe('excluded');
        expect(option.count! > 0n).toBe(true);
        sum += option.count!;
      }
      expect(sum, feature.code).toBe(EXACT_TOTAL);
    }
  });

  it('no dead end along sessions of random valid cars: each value offered is completable and each excluded one is not, as an independent search says', () => {
    // Search with arc consistency (solver/search.ts) shares nothing with the graph but the propagator.
    const completable = (selection: Record<string, string>, feature: string, value: string): boolean => {
      const propagator = new Propagator(compiled);
      const fix = { ...selection, [feature]: value };
      for (const [code, chosen] of Object.entries(fix)) {
        const variable = compiled.variablesOfFeature.get(code)![0]!;
        const at = compiled.variables[variable]!.values.findIndex((v) => String(v) === chosen);
        if (!propagator.restrict(variable, (v) => v === at)) return false;
      }
      if (!propagator.propagateAll()) return false;
      const outcome = search(propagator, { valueOrder: (_, candidates) => candidates, nodeLimit: 200_000 });
      expect(outcome.status, `search gave up on ${feature}=${value}`).not.toBe('gave-up');
      return outcome.status === 'found';
    };
    const random = seededRandom(2026);
    let checked = 0;
    // Cars drawn uniformly at random through the graph; each must be valid as check says.
    const cars = randomConfigurations(model, 5, seededRandom(100));
    expect(cars).toHaveLength(5);
    for (const car of cars) {
      expect(check(model, car as Record<string, string>).valid).toBe(true);
      const configuration = car as Record<string, string>;
      const order = Object.keys(configuration).sort(() => random() - 0.5);
      const selection: Record<string, string> = {};
      for (const [step, code] of order.entries()) {
        selection[code] = configuration[code]!;
        if (![3, 10, 30, 60, 120, 200].includes(step)) continue;
        const result = propagate(model, selection, { explanations: false });
        expect(result.consistent).toBe(true);
        const open = result.features.filter((f) => !(f.code in selection));
        for (let probe = 0; probe < 15; probe++) {
          const feature = open[Math.floor(random() * open.length)]!;
          const option = feature.options[Math.floor(random() * feature.options.length)]!;
          expect(completable(selection, feature.code, option.code), `${feature.code}=${option.code}`).toBe(
            option.state !== 'excluded',
          );
          checked++;
        }
      }
    }
    expect(checked).toBe(5 * 6 * 15);
  });
});
