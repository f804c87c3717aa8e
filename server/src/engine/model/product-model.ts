import type { Decimal } from '../common/decimal.js';
import type { ExpressionNode } from '../expression/parse.js';
import type { FeatureKind, PartKind, RoundingMode, Severity } from './model.types.js';

/**
 * A product model after loading: validated, expressions parsed and type-checked, money in integer
 * minor units, decimals exact. Everything the engine computes starts from this plain data.
 */
export interface ProductModel {
  code: string;
  name: string;
  description: string;
  pitch: string;
  currency: string;
  /** Digits of the currency's minor unit (EUR 2, JPY 0). */
  currencyDigits: number;
  /** The most units one order line may ask for (source `maxQuantityPerLine`, default 100). */
  maxQuantityPerLine: number;
  groups: Group[];
  /** In configurator order: by group, then by display order, then file order. */
  features: Feature[];
  featureByCode: ReadonlyMap<string, Feature>;
  rules: Rule[];
  pricing: Pricing;
  parts: ReadonlyMap<string, Part>;
  bom: BomLine[];
  assemblies: ReadonlyMap<string, BomLine[]>;
  routing: Operation[];
  fulfilment: Fulfilment;
  /** Packaging weight per unit of the product, kg, exact (0 when the model gives none). */
  packagingKg: Decimal;
}

export interface Group {
  code: string;
  label: string;
  description: string;
}

/**
 * A feature's value in a configuration: single choice -> option code (null when an optional one is
 * left open), multiple choice -> set of option codes, boolean -> boolean, numeric -> Decimal.
 */
export type FeatureValue = string | null | boolean | Decimal | ReadonlySet<string>;

/** A decided value for some features (undecided ones are absent). */
export type Assignment = ReadonlyMap<string, FeatureValue>;

export interface Feature {
  code: string;
  label: string;
  kind: FeatureKind;
  group: string | null;
  order: number;
  description: string;
  /** Single choice: whether a complete configuration must decide it. */
  required: boolean;
  default: FeatureValue | undefined;
  options: Option[];
  optionByCode: ReadonlyMap<string, Option>;
  unit: string | null;
  min: Decimal | null;
  max: Decimal | null;
  step: Decimal | null;
  minSelected: number;
  maxSelected: number;
}

export interface Option {
  code: string;
  label: string;
  description: string;
  /** Surcharge per unit in minor units of the model's currency. */
  priceMinor: number;
  leadTimeDays: number;
  attributes: ReadonlyMap<string, Decimal>;
}

export interface Rule {
  id: string;
  kind: 'requires' | 'excludes' | 'table' | 'expression';
  message: string;
  severity: Severity;
  /** The features the rule reads, in a stable order. */
  features: string[];
  /** The rule as one boolean formula (requires, excludes, expression). */
  condition?: ExpressionNode;
  /** Table rules: the allowed rows over `features`; null in a row allows any value. */
  rows?: (FeatureValue | null)[][];
}

export interface Pricing {
  basePriceMinor: number;
  rounding: RoundingMode;
  formulas: PriceFormula[];
  /** Sorted by minQuantity, ascending. */
  quantityBreaks: QuantityBreak[];
}

export interface PriceFormula {
  code: string;
  label: string;
  when?: ExpressionNode;
  /** Amount per unit, in major units. */
  amount: ExpressionNode;
}

export interface QuantityBreak {
  minQuantity: number;
  discountPercent: Decimal;
  label: string;
}

export interface Part {
  partNumber: string;
  description: string;
  unit: string;
  kind: PartKind;
  costMinor: number;
  /** Standard cost per unit of measure in major units, exact; absent when the model gives none. */
  standardCost?: Decimal;
  supplier: string | null;
  leadTimeDays: number;
  quantityScale: number;
  /** The least quantity one purchase of this part may be; 0 when the supplier sets no minimum. */
  minimumOrderQuantity: Decimal;
  /** Shipping weight per unit of measure, kg, exact; absent when the model gives none. */
  weightKg?: Decimal;
}

export interface BomLine {
  part: string;
  when?: ExpressionNode;
  quantity: ExpressionNode;
}

export interface Operation {
  code: string;
  description: string;
  workCentre: string;
  when?: ExpressionNode;
  minutes: ExpressionNode;
  setupMinutes?: ExpressionNode;
}

/**
 * What fulfilment needs beyond the routing. A model without a `fulfilment` block gets one work
 * centre per routing work centre (named by its code, 8 hours a day), no checklist, and 1 + 1 days.
 */
export interface Fulfilment {
  /** In file order (or routing order when derived). */
  workCentres: WorkCentre[];
  workCentreByCode: ReadonlyMap<string, WorkCentre>;
  qualityChecks: QualityCheckItem[];
  /** Working days of quality control after production ends. */
  qualityControlDays: number;
  /** Working days from the end of quality control to shipping. */
  shippingBufferDays: number;
}

export interface WorkCentre {
  code: string;
  name: string;
  /** Productive minutes per working day (hoursPerDay x 60). */
  minutesPerDay: number;
  /** Cost of an hour here in major units, exact; absent when the model gives none. */
  ratePerHour?: Decimal;
}

export interface QualityCheckItem {
  code: string;
  label: string;
  when?: ExpressionNode;
}

/** A problem found while loading a model; `path` names the place ("rules[3] (cargo-frame).then"). */
export interface ModelProblem {
  path: string;
  message: string;
}
