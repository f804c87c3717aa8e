import type { Selection, Severity } from '../model/model.types.js';
import type { Assignment, FeatureValue, ProductModel } from '../model/product-model.js';
import { ruleHolds } from '../model/values.js';
import { readSelection } from './selection.js';

export interface Violation {
  /** The rule broken; `selection` for a value that is not in its feature's domain. */
  ruleId: string;
  message: string;
  severity: Severity;
  features: string[];
}

export interface CheckResult {
  /** No error: no error rule broken and every chosen value allowed by its feature. */
  valid: boolean;
  /** Every required feature decided. */
  complete: boolean;
  /** Every broken rule (errors and warnings) and every unusable choice. */
  violations: Violation[];
  /** Required features still to decide, in configurator order. */
  undecided: string[];
}

/**
 * What a configuration decides: the choices made, plus the features whose "nothing" is a value
 * (a boolean left off, a multiple choice with nothing ticked, an optional single choice left open).
 * Required single choices and numbers stay undecided until someone chooses.
 */
export function decidedAssignment(model: ProductModel, assignment: Assignment): Map<string, FeatureValue> {
  const decided = new Map(assignment);
  for (const feature of model.features) {
    if (decided.has(feature.code)) continue;
    if (feature.kind === 'boolean') decided.set(feature.code, false);
    else if (feature.kind === 'multiple') decided.set(feature.code, new Set());
    else if (feature.kind === 'single' && !feature.required) decided.set(feature.code, null);
  }
  return decided;
}

/** Checks a selection against the model: which rules it breaks, and whether it is complete. */
export function check(model: ProductModel, selection: Selection): CheckResult {
  const { assignment, problems } = readSelection(model, selection);
  const violations: Violation[] = problems.map((problem) => ({
    ruleId: 'selection',
    message: problem.message,
    severity: 'error',
    features: [problem.feature],
  }));
  const decided = decidedAssignment(model, assignment);
  for (const feature of model.features) {
    if (feature.kind !== 'multiple' || !decided.has(feature.code)) continue;
    const chosen = (decided.get(feature.code) as ReadonlySet<string>).size;
    if (chosen < feature.minSelected || chosen > feature.maxSelected) {
      violations.push({
        ruleId: `selection`,
        message:
          feature.minSelected === feature.maxSelected
            ? `Choose exactly ${feature.minSelected} for ${feature.label}`
            : `Choose between ${feature.minSelected} and ${feature.maxSelected} for ${feature.label}`,
        severity: 'error',
        features: [feature.code],
      });
    }
  }
  for (const rule of model.rules) {
    if (!rule.features.every((code) => decided.has(code))) continue;
    if (!ruleHolds(model, rule, decided)) {
      violations.push({
        ruleId: rule.id,
        message: rule.message,
        severity: rule.severity,
        features: [...rule.features],
      });
    }
  }
  const undecided = model.features
    .filter((feature) => !decided.has(feature.code))
    .map((feature) => feature.code);
  return {
    valid: violations.every((violation) => violation.severity !== 'error'),
    complete: undecided.length === 0 && problems.length === 0,
    violations,
    undecided,
  };
}
