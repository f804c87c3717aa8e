import { z } from 'zod';

/**
 * The product model as people write it (YAML or JSON) and review it in a pull request, as a zod
 * schema: the TypeScript types of a model file (model.types.ts) are inferred from it.
 * Objects are strict, so a misspelt key ("sevrity") is reported instead of silently ignored. Meaning
 * (unknown features, option codes, expressions) is checked afterwards by load.ts, which knows the
 * whole model.
 * Money is written as decimal strings in major units ("120.00"); the engine turns it into integer
 * minor units of the model's currency. Numbers a person writes may be YAML numbers or decimal strings;
 * the engine reads both exactly (never through a float). Every expression (rule, price formula, BOM
 * condition and quantity, routing time) is text in the expression language of ../expression.
 */

/** A decimal written by a person: a YAML number or a decimal string. */
export const decimalText = z.union([z.string(), z.number()]);
const expressionText = z.string();
const code = z.string().min(1, 'must not be empty');
const nonNegativeInteger = z.number().int('must be a whole number').min(0, 'must be 0 or more');

export const featureKind = z.enum(['single', 'multiple', 'boolean', 'integer', 'decimal']);
export const severity = z.enum(['error', 'warning']);
export const roundingMode = z.enum(['half-up', 'half-even']);
export const partKind = z.enum(['purchased', 'made']);

export const optionSchema = z.strictObject({
  code,
  label: z.string().min(1),
  description: z.string().optional(),
  /** Surcharge per unit in major units of the model's currency, e.g. "120.00". */
  price: decimalText.optional(),
  /** Extra lead time in working days when this option is chosen. */
  leadTimeDays: nonNegativeInteger.optional(),
  /** Numeric facts usable in expressions as `feature.attribute` (watts, sockets, capacity...). */
  attributes: z.record(z.string(), decimalText).optional(),
});

export const featureSchema = z.strictObject({
  code,
  label: z.string().min(1),
  kind: featureKind,
  /** The group (a step of the configurator) this feature belongs to. */
  group: z.string().optional(),
  /** Display order inside its group; features without one keep their file order. */
  order: z.number().optional(),
  description: z.string().optional(),
  /** Single choice: may the feature stay undecided in a complete configuration? Default true. */
  required: z.boolean().optional(),
  /**
   * Default value: an option code (single), a list of option codes (multiple), true/false (boolean),
   * a number or decimal string (integer, decimal).
   */
  default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  options: z.array(optionSchema).optional(),
  /** Numeric features. */
  unit: z.string().optional(),
  min: decimalText.optional(),
  max: decimalText.optional(),
  step: decimalText.optional(),
  /** Multiple choice: how many options may be chosen. */
  minSelected: nonNegativeInteger.optional(),
  maxSelected: nonNegativeInteger.optional(),
});

const ruleBase = {
  id: code,
  /** What a person reads when the rule blocks or warns ("A cargo box needs the L or XL frame"). */
  message: z.string().min(1, 'must say what a person reads when the rule applies'),
  /** error blocks the configuration; warning only informs. Default error. */
  severity: severity.optional(),
};

/** When `if` holds, `then` must hold too. */
export const requiresRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('requires'),
  if: expressionText,
  then: expressionText,
});
/** `if` and `excludes` cannot both hold. */
export const excludesRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('excludes'),
  if: expressionText,
  excludes: expressionText,
});
/** A variant table: the allowed combinations of the listed features. `*` in a row allows any value. */
export const tableRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('table'),
  features: z.array(z.string()).min(1),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean()]))),
});
/** A boolean formula over features that every valid configuration satisfies. */
export const expressionRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('expression'),
  expression: expressionText,
});

export const ruleSchema = z.discriminatedUnion('kind', [
  requiresRuleSchema,
  excludesRuleSchema,
  tableRuleSchema,
  expressionRuleSchema,
]);

export const priceFormulaSchema = z.strictObject({
  code,
  label: z.string().min(1),
  /** Condition; the line applies only when it holds. */
  when: expressionText.optional(),
  /** Amount per unit in major units (e.g. `width_mm * depth_mm / 1000000 * 180` for 180 per m2). */
  amount: expressionText,
});

export const quantityBreakSchema = z.strictObject({
  minQuantity: z.number().int().min(1),
  /** Discount on the unit subtotal, in percent, e.g. "5" or "7.5". */
  discountPercent: decimalText,
  label: z.string().optional(),
});

export const pricingSchema = z.strictObject({
  /** Base price per unit, major units. */
  basePrice: decimalText.optional(),
  /** How each price line is rounded to the currency's minor unit. Default half-up. */
  rounding: roundingMode.optional(),
  /** Formula prices and conditional surcharges, per unit, in major units. */
  formulas: z.array(priceFormulaSchema).optional(),
  /** Quantity breaks: the highest tier whose minQuantity is reached applies its discount. */
  quantityBreaks: z.array(quantityBreakSchema).optional(),
});

export const partSchema = z.strictObject({
  partNumber: code,
  description: z.string().min(1),
  /** Unit of measure: pcs, m, m2, kg, l... */
  unit: z.string().min(1),
  kind: partKind.optional(),
  /** Cost per unit in major units of the model's currency. */
  cost: decimalText,
  /**
   * Standard cost per unit of the part's unit of measure, in major units of the model's currency, as an
   * exact decimal that may be finer than the currency ("0.0424" a screw): what costing (costing/cost.ts)
   * counts the part at. A sub-assembly has none: it is costed by its own lines.
   */
  standardCost: decimalText.optional(),
  supplier: z.string().optional(),
  /** Supplier lead time in working days. */
  leadTimeDays: nonNegativeInteger.optional(),
  /** Decimal places kept for quantities of this part (default: 0 for pcs, 3 otherwise). */
  quantityScale: z.number().int().min(0).max(9).optional(),
  /**
   * The least quantity the supplier sells in one order (spokes by the 100, powder by 5 kg); default 0,
   * no minimum. Within the part's quantityScale.
   */
  minimumOrderQuantity: decimalText.optional(),
  /**
   * Shipping weight of one unit of the part's unit of measure in kg (per pcs, per m, per m2, per kg...), exact:
   * what the checkout weighs a build by (its tailored BOM). A sub-assembly has none: its own lines are weighed.
   */
  weightKg: decimalText.optional(),
});

export const bomLineSchema = z.strictObject({
  part: code,
  /** Condition; the line applies only when it holds. */
  when: expressionText.optional(),
  /** Quantity per unit of the parent, an expression (default 1). */
  quantity: z.union([expressionText, z.number()]).optional(),
});

export const operationSchema = z.strictObject({
  code,
  description: z.string().min(1),
  workCentre: z.string().min(1),
  when: expressionText.optional(),
  /** Minutes per product unit, an expression. */
  minutes: z.union([expressionText, z.number()]),
  /** Minutes once per order line, whatever the quantity. */
  setupMinutes: z.union([expressionText, z.number()]).optional(),
});

export const workCentreSchema = z.strictObject({
  code,
  name: z.string().min(1),
  /** Productive hours per working day, above 0 and at most 24 (e.g. 8, or 15 for two shifts). */
  hoursPerDay: decimalText,
  /** What an hour of this work centre costs (labour and machine), major units of the model's currency, exact. */
  ratePerHour: decimalText.optional(),
});

export const qualityCheckSchema = z.strictObject({
  code,
  /** What the inspector checks, as they read it ("Brakes bite evenly, no rub"). */
  label: z.string().min(1),
  /** Condition; the check is on the list only when it holds (like a BOM line's). */
  when: expressionText.optional(),
});

export const fulfilmentSchema = z.strictObject({
  /**
   * The work centres of the routing, with their daily capacity. When this block exists, every
   * routing operation's workCentre must be one of them.
   */
  workCentres: z.array(workCentreSchema).optional(),
  /** The quality control checklist of the product: what the inspector checks on every unit. */
  qualityChecks: z.array(qualityCheckSchema).optional(),
  /** Working days of quality control after production ends. Default 1. */
  qualityControlDays: nonNegativeInteger.optional(),
  /** Working days from the end of quality control to shipping. Default 1. */
  shippingBufferDays: nonNegativeInteger.optional(),
});

export const shippingSchema = z.strictObject({
  /** Kg of packaging (carton, inserts, pallet share) per unit of the product, exact; default 0. */
  packagingKg: decimalText.optional(),
});

export const groupSchema = z.strictObject({
  code,
  label: z.string().min(1),
  description: z.string().optional(),
});

export const productModelSchema = z.strictObject({
  code,
  name: z.string().min(1),
  description: z.string().optional(),
  /** One-line sales pitch for the catalogue. */
  pitch: z.string().optional(),
  /** ISO 4217 currency of every price in this model. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  /**
   * The most units of this product one order line may ask for (default 100): more is a project to quote,
   * not a web order, and would book the plant's capacity for everyone after it.
   */
  maxQuantityPerLine: z.number().int('must be a whole number').min(1, 'must be 1 or more').optional(),
  groups: z.array(groupSchema).optional(),
  features: z.array(featureSchema).min(1, 'a product model needs at least one feature'),
  rules: z.array(ruleSchema).optional(),
  pricing: pricingSchema.optional(),
  parts: z.array(partSchema).optional(),
  /** The super BOM: every part line any configuration could need, each with its condition. */
  bom: z.array(bomLineSchema).optional(),
  /** Made sub-assemblies: part number -> its own BOM lines (multi-level BOM). */
  assemblies: z.record(z.string(), z.array(bomLineSchema)).optional(),
  routing: z.array(operationSchema).optional(),
  /** Work centres, the quality checklist and the days after production (make-to-order fulfilment). */
  fulfilment: fulfilmentSchema.optional(),
  /** What the checkout adds to the parts' weight: packaging per unit of the product. */
  shipping: shippingSchema.optional(),
});
