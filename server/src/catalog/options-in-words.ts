import type { FeatureKind, ProductModel, SelectionValue } from '../engine/index.js';

/**
 * One value in force in words, structured so a reader can format it in its own language: the feature's code
 * and label, the value as stored (an option's code, "true"/"false", the number as written) and its label
 * (the option's label, "Yes"/"No", the number with its unit), and the unit of a number.
 */
export interface OptionInWords {
  feature: string;
  featureLabel: string;
  kind: FeatureKind;
  value: string;
  valueLabel: string;
  unit: string | null;
}

/**
 * The values in force in words, in the model's feature order: each feature's label with the option's label
 * (a multiple choice gives one entry per option chosen), yes or no, or the number with its unit. Open
 * choices are left out. Used by the order pages, the order acknowledgement and quotes.
 */
export function optionsInWords(
  model: ProductModel,
  values: Readonly<Record<string, SelectionValue | null>>,
): OptionInWords[] {
  const words: OptionInWords[] = [];
  for (const feature of model.features) {
    const value = values[feature.code];
    if (value === null || value === undefined) continue;
    const base = { feature: feature.code, featureLabel: feature.label, kind: feature.kind, unit: null };
    if (feature.kind === 'multiple') {
      const chosen = new Set((Array.isArray(value) ? value : [value]).map(String));
      for (const option of feature.options)
        if (chosen.has(option.code)) words.push({ ...base, value: option.code, valueLabel: option.label });
    } else if (feature.kind === 'single') {
      const option = feature.optionByCode.get(String(value));
      words.push({ ...base, value: String(value), valueLabel: option?.label ?? String(value) });
    } else if (feature.kind === 'boolean') {
      const yes = value === true || value === 'true';
      words.push({ ...base, value: String(yes), valueLabel: yes ? 'Yes' : 'No' });
    } else {
      const unit = feature.unit ? feature.unit : null;
      words.push({
        ...base,
        unit,
        value: String(value),
        valueLabel: unit ? `${value} ${unit}` : String(value),
      });
    }
  }
  return words;
}
