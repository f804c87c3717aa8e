import type { z } from 'zod';
import type {
  bomLineSchema,
  decimalText,
  excludesRuleSchema,
  expressionRuleSchema,
  featureKind,
  featureSchema,
  fulfilmentSchema,
  groupSchema,
  operationSchema,
  optionSchema,
  partKind,
  partSchema,
  priceFormulaSchema,
  pricingSchema,
  productModelSchema,
  qualityCheckSchema,
  quantityBreakSchema,
  requiresRuleSchema,
  roundingMode,
  ruleSchema,
  severity,
  tableRuleSchema,
  workCentreSchema,
} from './model.schema.js';

/**
 * The product model as people write it: each type is inferred from its zod schema in model.schema.ts
 * (where each field is explained), so the two never drift apart. The compiled model the engine works
 * on is product-model.ts.
 */
export type ProductModelSource = z.infer<typeof productModelSchema>;
export type GroupSource = z.infer<typeof groupSchema>;
export type FeatureSource = z.infer<typeof featureSchema>;
export type OptionSource = z.infer<typeof optionSchema>;
export type RequiresRuleSource = z.infer<typeof requiresRuleSchema>;
export type ExcludesRuleSource = z.infer<typeof excludesRuleSchema>;
export type TableRuleSource = z.infer<typeof tableRuleSchema>;
export type ExpressionRuleSource = z.infer<typeof expressionRuleSchema>;
export type RuleSource = z.infer<typeof ruleSchema>;
export type PricingSource = z.infer<typeof pricingSchema>;
export type PriceFormulaSource = z.infer<typeof priceFormulaSchema>;
export type QuantityBreakSource = z.infer<typeof quantityBreakSchema>;
export type PartSource = z.infer<typeof partSchema>;
export type BomLineSource = z.infer<typeof bomLineSchema>;
export type OperationSource = z.infer<typeof operationSchema>;
export type FulfilmentSource = z.infer<typeof fulfilmentSchema>;
export type WorkCentreSource = z.infer<typeof workCentreSchema>;
export type QualityCheckSource = z.infer<typeof qualityCheckSchema>;

export type FeatureKind = z.infer<typeof featureKind>;
export type Severity = z.infer<typeof severity>;
export type RoundingMode = z.infer<typeof roundingMode>;
export type PartKind = z.infer<typeof partKind>;
/** A decimal written by a person: a YAML number or a decimal string. */
export type DecimalText = z.infer<typeof decimalText>;

// Not part of a model file: what a client chooses, in the engine's terms.

/** What someone chose: feature code -> value. Numbers are decimal strings; multiple choice is a list. */
export type SelectionValue = string | string[] | boolean | number;
/** `null` leaves an optional single choice open on purpose. */
export type Selection = Readonly<Record<string, SelectionValue | null>>;
