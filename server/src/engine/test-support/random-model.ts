import { seededRandom } from '../configure/autocomplete.js';
import { check } from '../configure/check.js';
import { loadProductModel } from '../model/load.js';
import type {
  FeatureSource,
  PricingSource,
  ProductModelSource,
  RuleSource,
  SelectionValue,
} from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';

/**
 * Random product models small enough to enumerate (3 to 5 features of every kind, 1 to 4 rules of every
 * kind), for the property tests that compare the engine with brute force (configure/brute-force.test.ts,
 * configure/explanations.property.test.ts).
 */
export function randomModel(seed: number): ProductModelSource {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const features: FeatureSource[] = [];
  const count = 3 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const kind = pick(['single', 'single', 'boolean', 'integer', 'multiple'] as const);
    const code = `f${i}`;
    if (kind === 'single') {
      const options = 2 + Math.floor(random() * 2);
      features.push({
        code,
        label: code,
        kind,
        required: random() < 0.8,
        options: Array.from({ length: options }, (_, o) => ({ code: `o${o}`, label: `o${o}` })),
      });
    } else if (kind === 'multiple') {
      features.push({
        code,
        label: code,
        kind,
        maxSelected: 2,
        options: [0, 1, 2].map((o) => ({ code: `o${o}`, label: `o${o}` })),
      });
    } else if (kind === 'integer') features.push({ code, label: code, kind, min: 0, max: 3 });
    else features.push({ code, label: code, kind });
  }
  const atom = (feature: FeatureSource): string => {
    switch (feature.kind) {
      case 'single':
        return random() < 0.3 && !feature.required
          ? `${feature.code} = none`
          : `${feature.code} = '${pick(feature.options!).code}'`;
      case 'multiple':
        return `'${pick(feature.options!).code}' in ${feature.code}`;
      case 'integer':
        return `${feature.code} ${pick(['<', '>=', '='])} ${Math.floor(random() * 4)}`;
      default:
        return random() < 0.5 ? feature.code : `not ${feature.code}`;
    }
  };
  const rules: RuleSource[] = [];
  const ruleCount = 1 + Math.floor(random() * 4);
  for (let r = 0; r < ruleCount; r++) {
    const a = pick(features);
    const b = pick(features.filter((f) => f !== a));
    const kind = pick(['requires', 'excludes', 'expression', 'table'] as const);
    const base = { id: `r${r}`, message: `rule ${r}` };
    // biome-ignore lint/suspicious/noThenProperty: a requires rule's `then`, as the model format names it
    if (kind === 'requires') rules.push({ ...base, kind, if: atom(a), then: atom(b) });
    else if (kind === 'excludes') rules.push({ ...base, kind, if: atom(a), excludes: atom(b) });
    else if (kind === 'expression')
      rules.push({ ...base, kind, expression: `${atom(a)} or ${atom(b)} and ${atom(pick(features))}` });
    else {
      const tableFeatures = [a, b].filter((f) => f.kind !== 'multiple');
      if (tableFeatures.length === 0) continue;
      const domain = (f: FeatureSource): (string | number | boolean)[] =>
        f.kind === 'single'
          ? f.options!.map((o) => o.code)
          : f.kind === 'boolean'
            ? [true, false]
            : [0, 1, 2, 3];
      const rows: (string | number | boolean)[][] = [];
      const rowCount = 1 + Math.floor(random() * 5);
      for (let i = 0; i < rowCount; i++)
        rows.push(tableFeatures.map((f) => (random() < 0.15 ? '*' : pick(domain(f)))));
      rules.push({ ...base, kind, features: tableFeatures.map((f) => f.code), rows });
    }
  }
  return { code: `random-${seed}`, name: 'random', currency: 'EUR', features, rules };
}

/**
 * Random prices for a random model's features (their own random stream: the model stays as drawn):
 * option surcharges (some negative), a base price, one to three formulas over integers, tick boxes,
 * options and booleans (with and without a condition, some needing rounding, some negative, one that
 * can divide by zero and so cannot price some configurations) and a quantity break.
 */
export function randomPricing(features: FeatureSource[], seed: number): PricingSource {
  const random = seededRandom(seed * 7 + 3);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (const feature of features) {
    for (const option of feature.options ?? []) {
      if (random() < 0.6) option.price = pick(['-4.50', '3', '10', '12.25', '25']);
    }
  }
  const of = (kind: string): FeatureSource[] => features.filter((f) => f.kind === kind);
  const condition = (): string | undefined => {
    if (random() < 0.4) return undefined;
    const feature = pick(features);
    switch (feature.kind) {
      case 'single':
        return !feature.required && random() < 0.3
          ? `${feature.code} = none`
          : `${feature.code} ${pick(['=', '!='])} '${pick(feature.options!).code}'`;
      case 'multiple':
        return `'${pick(feature.options!).code}' in ${feature.code}`;
      case 'integer':
        return `${feature.code} >= ${Math.floor(random() * 4)}`;
      default:
        return random() < 0.5 ? feature.code : `not ${feature.code}`;
    }
  };
  const amount = (): string => {
    const integers = of('integer');
    const choices: string[] = ['12.5'];
    if (integers.length > 0) {
      const a = pick(integers).code;
      const b = pick(integers).code;
      choices.push(`${a} * 2.35 + 1`, `${a} * ${b} / 3 * 1.7`, `10 / ${a}`, `5 - ${a} * 2.5`);
    }
    for (const f of of('multiple')) choices.push(`count(${f.code}) * 4.4`);
    for (const f of of('single')) choices.push(`if ${f.code} = 'o1' then 7.77 else 1.05`);
    for (const f of of('boolean')) choices.push(`if ${f.code} then 3 else 0.5`);
    return pick(choices);
  };
  const formulas = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => {
    const when = condition();
    return { code: `p${i}`, label: `p${i}`, amount: amount(), ...(when ? { when } : {}) };
  });
  return {
    basePrice: pick(['0', '49.90']),
    formulas,
    quantityBreaks: [{ minQuantity: 3, discountPercent: '7.5', label: 'three or more' }],
  };
}

export function allConfigurations(model: ProductModel): Record<string, SelectionValue>[] {
  let configurations: Record<string, SelectionValue>[] = [{}];
  for (const feature of model.features) {
    let values: SelectionValue[];
    if (feature.kind === 'single')
      values = [...feature.options.map((o) => o.code), ...(feature.required ? [] : [''])];
    else if (feature.kind === 'boolean') values = [true, false];
    else if (feature.kind === 'integer') values = ['0', '1', '2', '3'];
    else {
      const codes = feature.options.map((o) => o.code);
      values = Array.from({ length: 1 << codes.length }, (_, mask) =>
        codes.filter((_, i) => mask & (1 << i)),
      );
    }
    configurations = configurations.flatMap((c) => values.map((v) => ({ ...c, [feature.code]: v })));
  }
  return configurations.filter((c) => {
    const result = check(model, c);
    return result.valid && result.complete;
  });
}

/**
 * A random model that loads: about one drawn model in 15 does not, because its defaults (tick boxes
 * off, no options ticked) break a rule; the next seed is drawn then, up to 20 times (null after that).
 */
export function loadedRandomModel(modelSeed: number, priced = false): ProductModel | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const seed = modelSeed + attempt * 1_000_003;
    const drawnModel = randomModel(seed);
    if (priced) drawnModel.pricing = randomPricing(drawnModel.features, seed);
    const loaded = loadProductModel(drawnModel);
    if (loaded.ok) return loaded.model;
  }
  return null;
}
