/** What the configuration API tests read from the shared operations (schema/operations). */

export interface Money {
  currency: string;
  amount: string;
  minorUnits: string;
}
export interface ReasonView {
  ruleId: string;
  message: string;
  features: string[];
}
export interface OptionView {
  code: string;
  label: string;
  description: string | null;
  state: 'SELECTED' | 'AVAILABLE' | 'EXCLUDED';
  implied: boolean;
  reasons: ReasonView[];
  blockedBy: string[];
  priceDelta: Money | null;
  leadTimeDays: number;
}
export interface FeatureView {
  code: string;
  label: string;
  kind: string;
  group: string | null;
  required: boolean;
  source: 'USER' | 'DEFAULT' | 'IMPLIED' | 'COMPLETED';
  selected: string[];
  options: OptionView[];
  min: string | null;
  max: string | null;
  step: string | null;
  unit: string | null;
  rangeMin: string | null;
  rangeMax: string | null;
}
export interface SelectionView {
  feature: string;
  value: string | null;
  values: string[] | null;
}
export interface ConfigurationView {
  product: { code: string; modelVersion: number };
  modelVersion: number;
  quantity: number;
  valid: boolean;
  complete: boolean;
  consistent: boolean;
  conflict: { features: string[]; reasons: ReasonView[] } | null;
  violations: { ruleId: string; message: string; severity: string; features: string[] }[];
  undecided: string[];
  features: FeatureView[];
  selections: SelectionView[];
  choices: SelectionView[];
  price: {
    currency: string;
    quantity: number;
    lines: { code: string; kind: string; unitAmount: Money; amount: Money }[];
    unitPrice: Money;
    total: Money;
  };
}

export type Choices = Record<string, string | string[] | null>;

/** Choices as a partner writes them: `values` for lists, `value` for the rest. */
export const selectionsOf = (choices: Choices) =>
  Object.entries(choices).map(([feature, value]) =>
    Array.isArray(value) ? { feature, values: value } : { feature, value },
  );
