/**
 * The product model as people write it (YAML or JSON) and review it in a pull request.
 * Money is written as decimal strings in major units ("120.00"); the engine turns it into
 * integer minor units of the model's currency. Numbers a person writes may be YAML numbers or
 * decimal strings; the engine reads both exactly (never through a float).
 * Every expression (rule, price formula, BOM condition and quantity, routing time) is text in
 * the expression language of ../expression.
 */

export type FeatureKind = 'single' | 'multiple' | 'boolean' | 'integer' | 'decimal';
export type Severity = 'error' | 'warning';
/** A decimal written by a person: a YAML number or a decimal string. */
export type DecimalText = string | number;

export interface ProductModelSource {
  code: string;
  name: string;
  description?: string;
  /** One-line sales pitch for the catalogue. */
  pitch?: string;
  /** ISO 4217 currency of every price in this model. */
  currency: string;
  groups?: GroupSource[];
  features: FeatureSource[];
  rules?: RuleSource[];
  pricing?: PricingSource;
  parts?: PartSource[];
  /** The super BOM: every part line any configuration could need, each with its condition. */
  bom?: BomLineSource[];
  /** Made sub-assemblies: part number -> its own BOM lines (multi-level BOM). */
  assemblies?: Record<string, BomLineSource[]>;
  routing?: OperationSource[];
  /** Work centres, the quality checklist and the days after production (make-to-order fulfilment). */
  fulfilment?: FulfilmentSource;
}

export interface GroupSource {
  code: string;
  label: string;
  description?: string;
}

export interface FeatureSource {
  code: string;
  label: string;
  kind: FeatureKind;
  /** The group (a step of the configurator) this feature belongs to. */
  group?: string;
  /** Display order inside its group; features without one keep their file order. */
  order?: number;
  description?: string;
  /** Single choice: may the feature stay undecided in a complete configuration? Default true. */
  required?: boolean;
  /**
   * Default value: an option code (single), a list of option codes (multiple), true/false (boolean),
   * a number or decimal string (integer, decimal).
   */
  default?: string | number | boolean | string[];
  options?: OptionSource[];
  /** Numeric features. */
  unit?: string;
  min?: DecimalText;
  max?: DecimalText;
  step?: DecimalText;
  /** Multiple choice: how many options may be chosen. */
  minSelected?: number;
  maxSelected?: number;
}

export interface OptionSource {
  code: string;
  label: string;
  description?: string;
  /** Surcharge per unit in major units of the model's currency, e.g. "120.00". */
  price?: DecimalText;
  /** Extra lead time in working days when this option is chosen. */
  leadTimeDays?: number;
  /** Numeric facts usable in expressions as `feature.attribute` (watts, sockets, capacity...). */
  attributes?: Record<string, DecimalText>;
}

interface RuleBase {
  id: string;
  /** What a person reads when the rule blocks or warns ("A cargo box needs the L or XL frame"). */
  message: string;
  /** error blocks the configuration; warning only informs. Default error. */
  severity?: Severity;
}

/** When `if` holds, `then` must hold too. */
export interface RequiresRuleSource extends RuleBase {
  kind: 'requires';
  if: string;
  then: string;
}

/** `if` and `excludes` cannot both hold. */
export interface ExcludesRuleSource extends RuleBase {
  kind: 'excludes';
  if: string;
  excludes: string;
}

/** A variant table: the allowed combinations of the listed features. `*` in a row allows any value. */
export interface TableRuleSource extends RuleBase {
  kind: 'table';
  features: string[];
  rows: (string | number | boolean)[][];
}

/** A boolean formula over features that every valid configuration satisfies. */
export interface ExpressionRuleSource extends RuleBase {
  kind: 'expression';
  expression: string;
}

export type RuleSource = RequiresRuleSource | ExcludesRuleSource | TableRuleSource | ExpressionRuleSource;

export type RoundingMode = 'half-up' | 'half-even';

export interface PricingSource {
  /** Base price per unit, major units. */
  basePrice?: DecimalText;
  /** How each price line is rounded to the currency's minor unit. Default half-up. */
  rounding?: RoundingMode;
  /** Formula prices and conditional surcharges, per unit, in major units. */
  formulas?: PriceFormulaSource[];
  /** Quantity breaks: the highest tier whose minQuantity is reached applies its discount. */
  quantityBreaks?: QuantityBreakSource[];
}

export interface PriceFormulaSource {
  code: string;
  label: string;
  /** Condition; the line applies only when it holds. */
  when?: string;
  /** Amount per unit in major units (e.g. `width_mm * depth_mm / 1000000 * 180` for 180 per m2). */
  amount: string;
}

export interface QuantityBreakSource {
  minQuantity: number;
  /** Discount on the unit subtotal, in percent, e.g. "5" or "7.5". */
  discountPercent: DecimalText;
  label?: string;
}

export type PartKind = 'purchased' | 'made';

export interface PartSource {
  partNumber: string;
  description: string;
  /** Unit of measure: pcs, m, m2, kg, l... */
  unit: string;
  kind?: PartKind;
  /** Cost per unit in major units of the model's currency. */
  cost: DecimalText;
  supplier?: string;
  /** Supplier lead time in working days. */
  leadTimeDays?: number;
  /** Decimal places kept for quantities of this part (default: 0 for pcs, 3 otherwise). */
  quantityScale?: number;
  /**
   * The least quantity the supplier sells in one order (spokes by the 100, powder by 5 kg); default 0,
   * no minimum. Within the part's quantityScale.
   */
  minimumOrderQuantity?: DecimalText;
}

export interface BomLineSource {
  part: string;
  /** Condition; the line applies only when it holds. */
  when?: string;
  /** Quantity per unit of the parent, an expression (default 1). */
  quantity?: string | number;
}

export interface OperationSource {
  code: string;
  description: string;
  workCentre: string;
  when?: string;
  /** Minutes per product unit, an expression. */
  minutes: string | number;
  /** Minutes once per order line, whatever the quantity. */
  setupMinutes?: string | number;
}

export interface FulfilmentSource {
  /**
   * The work centres of the routing, with their daily capacity. When this block exists, every
   * routing operation's workCentre must be one of them.
   */
  workCentres?: WorkCentreSource[];
  /** The quality control checklist of the product: what the inspector checks on every unit. */
  qualityChecks?: QualityCheckSource[];
  /** Working days of quality control after production ends. Default 1. */
  qualityControlDays?: number;
  /** Working days from the end of quality control to shipping. Default 1. */
  shippingBufferDays?: number;
}

export interface WorkCentreSource {
  code: string;
  name: string;
  /** Productive hours per working day, above 0 and at most 24 (e.g. 8, or 15 for two shifts). */
  hoursPerDay: DecimalText;
}

export interface QualityCheckSource {
  code: string;
  /** What the inspector checks, as they read it ("Brakes bite evenly, no rub"). */
  label: string;
  /** Condition; the check is on the list only when it holds (like a BOM line's). */
  when?: string;
}

/** What someone chose: feature code -> value. Numbers are decimal strings; multiple choice is a list. */
export type SelectionValue = string | string[] | boolean | number;
/** `null` leaves an optional single choice open on purpose. */
export type Selection = Readonly<Record<string, SelectionValue | null>>;
