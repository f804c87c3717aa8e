import type { ProductModel, SelectionValue } from '../engine/index.js';

/** One value of an ordered build in words: the feature's label and the option's (or the number with its unit). */
export interface OptionWords {
  feature: string;
  /** The option's label, or the number with its unit; null for a yes/no feature (see `yes`). */
  value: string | null;
  /** A yes/no feature's answer; null for any other kind. */
  yes: boolean | null;
}

/**
 * The values in force of an ordered build, as the customer reads them (a packing slip): each feature's
 * label with its option's label (a multiple choice gives one entry per option), yes or no, or the number
 * with its unit, in the model's order. Open choices are left out; no code, price or part.
 */
export function optionsInWords(
  model: ProductModel,
  values: Readonly<Record<string, SelectionValue | null>>,
): OptionWords[] {
  const words: OptionWords[] = [];
  for (const feature of model.features) {
    const value = values[feature.code];
    if (value === null || value === undefined) continue;
    const entry = (text: string | null, yes: boolean | null = null) =>
      words.push({ feature: feature.label, value: text, yes });
    if (feature.kind === 'multiple') {
      const chosen = new Set((Array.isArray(value) ? value : [value]).map(String));
      for (const option of feature.options) if (chosen.has(option.code)) entry(option.label);
    } else if (feature.kind === 'single') {
      entry(feature.optionByCode.get(String(value))?.label ?? String(value));
    } else if (feature.kind === 'boolean') {
      entry(null, value === true || value === 'true');
    } else {
      entry(feature.unit ? `${value} ${feature.unit}` : String(value));
    }
  }
  return words;
}
