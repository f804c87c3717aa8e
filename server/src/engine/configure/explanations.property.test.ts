import { describe, expect, it } from 'vitest';
import { loadDemoModels } from '../../catalog/demo-models.js';
import { readRenaultBenchmark } from '../../test-support/renault-benchmark.js';
import { decimalText } from '../common/decimal.js';
import { importXcsp, parseSalesHistory } from '../import/xcsp.js';
import { loadProductModel } from '../model/load.js';
import type { Selection, SelectionValue } from '../model/model.types.js';
import type { Feature, ProductModel } from '../model/product-model.js';
import { readFeatureValue } from '../model/values.js';
import { type CompiledModel, compileModel, valueIndex } from '../solver/compile.js';
import { countingTreeOf, satisfiable } from '../solver/counting-tree.js';
import { allConfigurations, loadedRandomModel } from '../test-support/random-model.js';
import { autocomplete, seededRandom } from './autocomplete.js';
import { type OptionState, propagate } from './propagate.js';
import { explainExclusion } from './session.js';

/**
 * Every explanation of an excluded option is a proof: the model rebuilt with only the rules it names
 * (a multiple choice's `<feature>.count` is its minimum and maximum; without it they are relaxed), with
 * only the choices it names held, and the option taken, has no valid complete configuration. Where
 * the explanation says it is minimal, dropping any one named rule or choice makes the option possible
 * again. Checked on an oracle independent of the explanation's own search: enumeration on the random
 * models, the counting tree of the rebuilt model elsewhere.
 */

/** One value a proof holds: a feature's value, or one tick box of a multiple choice (ticked or not). */
type Held = { feature: string; value: SelectionValue } | { feature: string; box: string; ticked: boolean };

/** Is some valid complete configuration of this model (only its rules) holding these values? */
type Oracle = (variant: ProductModel, held: Held[]) => boolean;

/** The model with only these rules (by id); a multiple choice's count stays only when `<code>.count` is named. */
function withOnlyRules(model: ProductModel, ruleIds: ReadonlySet<string>): ProductModel {
  const features = model.features.map(
    (f): Feature =>
      f.kind === 'multiple' && !ruleIds.has(`${f.code}.count`)
        ? { ...f, minSelected: 0, maxSelected: f.options.length }
        : f,
  );
  return {
    ...model,
    features,
    featureByCode: new Map(features.map((f) => [f.code, f])),
    rules: model.rules.filter((r) => r.severity === 'error' && ruleIds.has(r.id)),
  };
}

/**
 * The counting tree of the rebuilt model. Rebuilt from the model's compiled rules (each rule's table as
 * the model compiled it, the rules not named left out): tabulating the workstation's largest rule again
 * for every rule set would take most of a minute. The tree is built afresh for each rule set, nothing
 * shared with the explanation's own search.
 */
const treeOracle: Oracle = (variant, held) => {
  const compiled = subModel(variant);
  const allowed = new Uint8Array(compiled.totalValues).fill(1);
  for (const h of held) {
    const variables = compiled.variablesOfFeature.get(h.feature)!;
    let variable: number;
    let index: number;
    if ('box' in h) {
      variable = variables.find((v) => compiled.variables[v]!.option === h.box)!;
      index = h.ticked ? 1 : 0;
    } else {
      variable = variables[0]!;
      const read = readFeatureValue(variant.featureByCode.get(h.feature)!, h.value);
      if (!read.ok) throw new Error(read.problem);
      index = valueIndex(compiled, variable, read.value);
    }
    const base = compiled.offsets[variable]!;
    const size = compiled.variables[variable]!.values.length;
    for (let i = 0; i < size; i++) if (i !== index) allowed[base + i] = 0;
  }
  const tree = countingTreeOf(compiled);
  if (!tree) throw new Error(`${variant.code}: no counting tree for a rule set`);
  return satisfiable(tree, allowed);
};

/** A rebuilt model (see withOnlyRules) as compiled: its original's constraints for the rules it keeps. */
const subModels = new WeakMap<ProductModel, CompiledModel>();
const originals = new WeakMap<ProductModel, { model: ProductModel; ids: ReadonlySet<string> }>();

function subModel(variant: ProductModel): CompiledModel {
  let sub = subModels.get(variant);
  if (!sub) {
    const { model, ids } = originals.get(variant)!;
    const full = compileModel(model);
    const constraints = full.constraints
      .filter((c) => ids.has(c.rule ? c.rule.id : `${c.feature!.code}.count`))
      .map((c, index) => ({ ...c, index }));
    const constraintsOfVariable: number[][] = full.variables.map(() => []);
    for (const c of constraints)
      for (const v of new Set(c.variables)) constraintsOfVariable[v]!.push(c.index);
    sub = { ...full, model: variant, constraints, constraintsOfVariable };
    subModels.set(variant, sub);
  }
  return sub;
}

/** Every complete configuration of the rebuilt model, enumerated and checked (random models only). */
function enumerationOracle(): Oracle {
  const enumerated = new Map<string, Record<string, SelectionValue>[]>();
  return (variant, held) => {
    const key = variant.rules.map((r) => r.id).join() + variant.features.map((f) => f.maxSelected).join();
    let configurations = enumerated.get(key);
    if (!configurations) {
      configurations = allConfigurations(variant);
      enumerated.set(key, configurations);
    }
    return configurations.some((c) =>
      held.every((h) =>
        'box' in h
          ? (c[h.feature] as string[]).includes(h.box) === h.ticked
          : JSON.stringify(c[h.feature]) === JSON.stringify(h.value),
      ),
    );
  };
}

interface Tally {
  /** Excluded options whose explanation was checked. */
  explanations: number;
  /** Of those, the ones that said they are minimal (and were checked for it). */
  minimal: number;
  /** Explanations that do not prove the exclusion. */
  unproven: string[];
  /** Explanations that say they are minimal but are not. */
  notMinimal: string[];
}

function newTally(): Tally {
  return { explanations: 0, minimal: 0, unproven: [], notMinimal: [] };
}

/** The option taken, as held values. */
function targetOf(feature: Feature, option: OptionState): Held {
  if (feature.kind === 'multiple') return { feature: feature.code, box: option.code, ticked: true };
  if (feature.kind === 'boolean') return { feature: feature.code, value: option.code === 'true' };
  return { feature: feature.code, value: option.code };
}

/** The choices an explanation names, as held values (a multiple choice's boxes but the option's own). */
function namedChoices(model: ProductModel, selection: Selection, codes: string[], target: Held): Held[] {
  return codes.flatMap((code): Held[] => {
    const feature = model.featureByCode.get(code)!;
    const value = selection[code]!;
    if (feature.kind !== 'multiple') return [{ feature: code, value }];
    const ticked = new Set(Array.isArray(value) ? value : [value]);
    return feature.options
      .filter((o) => !('box' in target && target.feature === code && target.box === o.code))
      .map((o) => ({ feature: code, box: o.code, ticked: ticked.has(o.code) }));
  });
}

/**
 * Rebuilt models, kept per model and rule set: the same few rule sets come back again and again, and
 * compiling one (tabulating its rules, building its counting tree) is most of a check's time.
 */
const variants = new WeakMap<ProductModel, Map<string, ProductModel>>();

function variantOf(model: ProductModel, ids: string[]): ProductModel {
  let known = variants.get(model);
  if (!known) {
    known = new Map();
    variants.set(model, known);
  }
  const key = [...ids].sort().join('\n');
  let found = known.get(key);
  if (!found) {
    found = withOnlyRules(model, new Set(ids));
    originals.set(found, { model, ids: new Set(ids) });
    known.set(key, found);
  }
  return found;
}

/** Checks every excluded option's explanation in one propagation of `selection`. */
function certify(model: ProductModel, selection: Selection, oracle: Oracle, tally: Tally): void {
  const result = propagate(model, selection);
  const variant = (ids: string[]): ProductModel => variantOf(model, ids);
  result.features.forEach((state, index) => {
    const feature = model.features[index]!;
    for (const option of state.options) {
      if (option.state !== 'excluded') continue;
      tally.explanations++;
      const rules = option.reasons.map((r) => r.ruleId);
      const target = targetOf(feature, option);
      const choices = namedChoices(model, selection, option.blockedBy, target);
      const name = `${model.code} ${JSON.stringify(selection)}: ${feature.code}=${option.code} blamed on [${rules.join(', ')}] and [${option.blockedBy.join(', ')}]`;
      if (oracle(variant(rules), [...choices, target])) {
        tally.unproven.push(name);
        continue;
      }
      if ((option as { minimal?: boolean }).minimal !== true) continue;
      tally.minimal++;
      // Minimal: without any one named rule, or any one named choice, the option is possible again.
      const needless = [
        ...rules.filter((id) => !oracle(variant(rules.filter((r) => r !== id)), [...choices, target])),
        ...option.blockedBy.filter(
          (code) => !oracle(variant(rules), [...choices.filter((h) => h.feature !== code), target]),
        ),
      ];
      if (needless.length > 0) tally.notMinimal.push(`${name}: not needed ${needless.join(', ')}`);
    }
  });
}

function report(what: string, tally: Tally, configurations: number): void {
  console.info(
    `${what}: ${tally.explanations} explanations over ${configurations} configurations, ${tally.minimal} said minimal; ${tally.unproven.length} do not prove their exclusion, ${tally.notMinimal.length} are not minimal`,
  );
  for (const line of [...tally.unproven.slice(0, 5), ...tally.notMinimal.slice(0, 5)]) console.info(line);
  expect(tally.unproven.slice(0, 10)).toEqual([]);
  expect(tally.unproven).toHaveLength(0);
  expect(tally.notMinimal.slice(0, 10)).toEqual([]);
}

/** A value inside the feature's domain, drawn at random (an optional single choice may be left open). */
function randomValue(feature: Feature, random: () => number): SelectionValue {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  switch (feature.kind) {
    case 'single':
      return !feature.required && random() < 0.2 ? '' : pick(feature.options).code;
    case 'boolean':
      return random() < 0.5;
    case 'multiple': {
      const codes = feature.options.filter(() => random() < 0.3).map((o) => o.code);
      return codes.slice(0, feature.maxSelected);
    }
    default: {
      const steps = feature.max!.minus(feature.min!).dividedToIntegerBy(feature.step!).toNumber();
      return decimalText(feature.min!.plus(feature.step!.times(Math.floor(random() * (steps + 1)))));
    }
  }
}

/**
 * Partial configurations of a model: two in three keep some choices of a valid complete configuration
 * (consistent), one in three draws choices independently (some of them conflict).
 */
function partialConfigurations(model: ProductModel, count: number, seed: number): Selection[] {
  const random = seededRandom(seed);
  const result: Selection[] = [];
  for (let i = 0; i < count; i++) {
    const selection: Record<string, SelectionValue> = {};
    if (i % 3 !== 2) {
      const completion = autocomplete(model, {}, { random: seededRandom(seed * 1000 + i) });
      if (!completion.found) throw new Error(`${model.code} has no valid configuration`);
      const keep = 0.15 + random() * 0.5;
      for (const [code, value] of Object.entries(completion.selection))
        if (random() < keep) selection[code] = value ?? '';
    } else {
      for (const feature of model.features)
        if (random() < 0.3) selection[feature.code] = randomValue(feature, random);
    }
    result.push(selection);
  }
  return result;
}

describe('explanations are proofs', () => {
  for (const model of loadDemoModels()) {
    it(`${model.code}: every excluded option of 300 random partial configurations, rebuilt with only the rules and choices named, stays excluded; minimal ones need every rule and choice`, () => {
      const tally = newTally();
      for (const selection of partialConfigurations(model, 300, 13))
        certify(model, selection, treeOracle, tally);
      report(model.code, tally, 300);
      expect(tally.explanations).toBeGreaterThan(300);
    }, 300_000);
  }

  it('random models small enough to enumerate (300 of them, the brute-force tests’ generator), checked against enumeration', () => {
    const tally = newTally();
    const random = seededRandom(20261127);
    let drawn = 0;
    for (let i = 0; i < 300; i++) {
      const model = loadedRandomModel(1 + Math.floor(random() * 1_000_000));
      if (!model) continue;
      drawn++;
      const solutions = allConfigurations(model);
      const selection: Record<string, SelectionValue> = {};
      if (i % 2 === 0 && solutions.length > 0) {
        const source = solutions[Math.floor(random() * solutions.length)]!;
        for (const [code, value] of Object.entries(source)) if (random() < 0.4) selection[code] = value;
      } else {
        for (const feature of model.features)
          if (random() < 0.4) selection[feature.code] = randomValue(feature, random);
      }
      certify(model, selection, enumerationOracle(), tally);
    }
    report('random models', tally, drawn);
    expect(drawn).toBeGreaterThan(270);
    expect(tally.explanations).toBeGreaterThan(150);
  });

  it('Renault medium: every excluded option of 300 partial configurations (choices kept from sold cars, or drawn)', () => {
    const history = parseSalesHistory(readRenaultBenchmark('medium-sales-history.txt'));
    const imported = importXcsp(readRenaultBenchmark('medium.xml'), { choiceFeatures: history.features });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const loaded = loadProductModel(imported.source);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const model = loaded.model;
    const random = seededRandom(44);
    const tally = newTally();
    const configurations = 300;
    for (let i = 0; i < configurations; i++) {
      const selection: Record<string, SelectionValue> = {};
      if (i % 4 !== 3) {
        const car = history.cars[Math.floor(random() * history.cars.length)]!;
        const keep = 0.1 + random() * 0.5;
        history.features.forEach((code, f) => {
          if (random() < keep) selection[code] = car[f]!;
        });
      } else {
        for (const feature of model.features)
          if (random() < 0.05) selection[feature.code] = randomValue(feature, random);
      }
      certify(model, selection, treeOracle, tally);
    }
    report('Renault medium', tally, configurations);
    expect(tally.explanations).toBeGreaterThan(1000);
  }, 300_000);
});

describe('the e-bike’s 20-inch wheel (issue 13, defect 1)', () => {
  const bike = loadDemoModels().find((m) => m.code === 'e-bike')!;
  const option = (result: ReturnType<typeof propagate>, feature: string, code: string): OptionState =>
    result.features.find((f) => f.code === feature)!.options.find((o) => o.code === code)!;

  it('with the S frame it is excluded because 20-inch wheels need the cargo box, which the S frame cannot take, not because of the 28-inch rule', () => {
    const w20 = option(propagate(bike, { frame_size: 's' }), 'wheel_size', 'w20');
    expect(w20.state).toBe('excluded');
    expect(w20.reasons.map((r) => r.ruleId)).toEqual(['wheels-20-cargo-only', 'cargo-box-frame']);
    expect(w20.blockedBy).toEqual(['frame_size']);
    expect(w20.blocking).toEqual([{ feature: 'frame_size', source: 'chosen' }]);
    expect(w20.minimal).toBe(true);
  });

  it('with the suspension fork it is blamed on the rule tying 20-inch wheels to the cargo box and the cargo box’s rigid fork', () => {
    const w20 = option(propagate(bike, { suspension_fork: true }), 'wheel_size', 'w20');
    expect(w20.reasons.map((r) => r.ruleId)).toEqual(['wheels-20-cargo-only', 'cargo-rigid-fork']);
    expect(w20.blockedBy).toEqual(['suspension_fork']);
  });

  it('explainExclusion gives the same proof', () => {
    expect(explainExclusion(bike, { frame_size: 's' }, 'wheel_size', 'w20')).toEqual({
      blockedBy: ['frame_size'],
      reasons: [
        expect.objectContaining({ ruleId: 'wheels-20-cargo-only' }),
        expect.objectContaining({ ruleId: 'cargo-box-frame' }),
      ],
      minimal: true,
    });
    expect(explainExclusion(bike, { frame_size: 's' }, 'wheel_size', 'w26')).toBeNull();
  });

  it('a blocking value a default filled in is said to be one; the person’s own choice is named rather than a default when either would do', () => {
    // The frame was filled in for the person; the fork they chose themselves. Either excludes the
    // 20-inch wheel on its own: their own choice is named.
    const both = propagate(
      bike,
      { frame_size: 's', suspension_fork: true },
      { filledIn: new Set(['frame_size']) },
    );
    expect(option(both, 'wheel_size', 'w20').blocking).toEqual([
      { feature: 'suspension_fork', source: 'chosen' },
    ]);
    const onlyDefault = propagate(bike, { frame_size: 's' }, { filledIn: new Set(['frame_size']) });
    expect(option(onlyDefault, 'wheel_size', 'w20').blocking).toEqual([
      { feature: 'frame_size', source: 'default' },
    ]);
  });
});
