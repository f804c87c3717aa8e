import { Decimal, decimalText, parseDecimal } from '../common/decimal.js';
import { evaluate } from '../expression/evaluate.js';
import type { SelectionValue } from './model.types.js';
import type { Assignment, Feature, FeatureValue, ProductModel, Rule } from './product-model.js';

export type ValueReading = { ok: true; value: FeatureValue } | { ok: false; problem: string };

/**
 * Reads a value someone gave for a feature (a selection, a default, a table cell) and checks it against
 * the feature's domain: a known option, a number within min..max on the step, a boolean.
 */
export function readFeatureValue(feature: Feature, raw: SelectionValue | null | undefined): ValueReading {
  const fail = (problem: string): ValueReading => ({ ok: false, problem });
  switch (feature.kind) {
    case 'single': {
      if (raw === null || raw === undefined || raw === '') {
        return feature.required
          ? fail(`'${feature.code}' needs one of its options`)
          : { ok: true, value: null };
      }
      const code = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
      if (code === undefined) return fail(`'${feature.code}' takes one option code, not ${describeRaw(raw)}`);
      if (!feature.optionByCode.has(code)) return fail(unknownOption(feature, code));
      return { ok: true, value: code };
    }
    case 'multiple': {
      const codes = Array.isArray(raw)
        ? raw
        : typeof raw === 'string' && raw !== ''
          ? [raw]
          : raw === ''
            ? []
            : undefined;
      if (codes === undefined)
        return fail(`'${feature.code}' takes a list of option codes, not ${describeRaw(raw)}`);
      const set = new Set<string>();
      for (const code of codes) {
        if (!feature.optionByCode.has(code)) return fail(unknownOption(feature, code));
        if (set.has(code)) return fail(`'${feature.code}' lists '${code}' twice`);
        set.add(code);
      }
      return { ok: true, value: set };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return fail(`'${feature.code}' takes true or false, not ${describeRaw(raw)}`);
    }
    default: {
      const number = typeof raw === 'string' || typeof raw === 'number' ? parseDecimal(raw) : undefined;
      if (!number)
        return fail(
          `'${feature.code}' takes a number written as a decimal (e.g. "1200"), not ${describeRaw(raw)}`,
        );
      const problem = numericDomainProblem(feature, number);
      return problem ? fail(problem) : { ok: true, value: number };
    }
  }
}

export function numericDomainProblem(feature: Feature, value: Decimal): string | undefined {
  const unit = feature.unit ? ` ${feature.unit}` : '';
  if (feature.kind === 'integer' && !value.isInteger())
    return `'${feature.code}' must be a whole number, not ${decimalText(value)}`;
  if (feature.min && value.lessThan(feature.min)) {
    return `'${feature.code}' must be at least ${decimalText(feature.min)}${unit}, not ${decimalText(value)}${unit}`;
  }
  if (feature.max && value.greaterThan(feature.max)) {
    return `'${feature.code}' must be at most ${decimalText(feature.max)}${unit}, not ${decimalText(value)}${unit}`;
  }
  if (
    feature.step &&
    !value
      .minus(feature.min ?? 0)
      .mod(feature.step)
      .isZero()
  ) {
    return `'${feature.code}' goes in steps of ${decimalText(feature.step)}${unit} from ${decimalText(feature.min ?? new Decimal(0))}${unit}; ${decimalText(value)}${unit} is between steps`;
  }
  return undefined;
}

function unknownOption(feature: Feature, code: string): string {
  return `'${code}' is not an option of '${feature.code}' (options: ${feature.options.map((o) => o.code).join(', ')})`;
}

function describeRaw(raw: unknown): string {
  return raw === null || raw === undefined ? 'nothing' : JSON.stringify(raw);
}

/** The value as a person or a partner writes it back: option code(s), "true"/"false", decimal text. */
export function writeFeatureValue(value: FeatureValue): SelectionValue | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Set) return [...value];
  return decimalText(value as Decimal);
}

/** Whether a rule holds for an assignment that decides every feature the rule reads. */
export function ruleHolds(model: ProductModel, rule: Rule, assignment: Assignment): boolean {
  if (rule.rows) {
    const values = rule.features.map((code) => assignment.get(code));
    return rule.rows.some((row) =>
      row.every((cell, index) => cell === null || sameValue(cell, values[index]!)),
    );
  }
  try {
    return (
      evaluate(rule.condition!, { assignment, feature: (code) => model.featureByCode.get(code) }) === true
    );
  } catch {
    // A formula with no value here (a division by zero) cannot be satisfied.
    return false;
  }
}

export function sameValue(a: FeatureValue, b: FeatureValue): boolean {
  if (Decimal.isDecimal(a) && Decimal.isDecimal(b)) return (a as Decimal).equals(b as Decimal);
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((code) => b.has(code));
  return a === b;
}

/** Whether every feature the rule reads is decided. */
export function ruleIsDecided(rule: Rule, assignment: Assignment): boolean {
  return rule.features.every((code) => assignment.has(code));
}
