import type { Selection } from '../model/model.types.js';
import type { Assignment, FeatureValue, ProductModel } from '../model/product-model.js';
import { readFeatureValue } from '../model/values.js';

/** A value in a selection that cannot be used, naming the feature and what is wrong. */
export interface SelectionProblem {
  feature: string;
  message: string;
}

export interface ReadSelection {
  /** The usable choices, as typed values. */
  assignment: Assignment;
  /** Choices that name no feature or hold a value outside the feature's domain; they are left out. */
  problems: SelectionProblem[];
}

/** Reads what someone chose into typed values, keeping the usable choices and naming every bad one. */
export function readSelection(model: ProductModel, selection: Selection): ReadSelection {
  const assignment = new Map<string, FeatureValue>();
  const problems: SelectionProblem[] = [];
  for (const [code, raw] of Object.entries(selection)) {
    const feature = model.featureByCode.get(code);
    if (!feature) {
      problems.push({ feature: code, message: `'${code}' is not a feature of ${model.code}` });
      continue;
    }
    const reading = readFeatureValue(feature, raw);
    if (reading.ok) assignment.set(code, reading.value);
    else problems.push({ feature: code, message: reading.problem });
  }
  return { assignment, problems };
}

/** The model's defaults for every feature that has one, overridden by the given choices. */
export function withDefaults(model: ProductModel, assignment: Assignment): Map<string, FeatureValue> {
  const full = new Map<string, FeatureValue>();
  for (const feature of model.features) {
    // An explicit "left open" (null) is a choice too: it is not replaced by the default.
    const value = assignment.has(feature.code) ? assignment.get(feature.code) : feature.default;
    if (value !== undefined) full.set(feature.code, value);
  }
  return full;
}
