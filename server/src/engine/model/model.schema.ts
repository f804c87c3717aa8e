import { z } from 'zod';

/**
 * The structure of a model file. Objects are strict, so a misspelt key ("sevrity") is reported
 * instead of silently ignored. Meaning (unknown features, option codes, expressions) is checked
 * afterwards by load.ts, which knows the whole model.
 */
const decimalText = z.union([z.string(), z.number()]);
const expressionText = z.string();
const code = z.string().min(1, 'must not be empty');
const nonNegativeInteger = z.number().int('must be a whole number').min(0, 'must be 0 or more');

const option = z.strictObject({
  code,
  label: z.string().min(1),
  description: z.string().optional(),
  price: decimalText.optional(),
  leadTimeDays: nonNegativeInteger.optional(),
  attributes: z.record(z.string(), decimalText).optional(),
});

const feature = z.strictObject({
  code,
  label: z.string().min(1),
  kind: z.enum(['single', 'multiple', 'boolean', 'integer', 'decimal']),
  group: z.string().optional(),
  order: z.number().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  options: z.array(option).optional(),
  unit: z.string().optional(),
  min: decimalText.optional(),
  max: decimalText.optional(),
  step: decimalText.optional(),
  minSelected: nonNegativeInteger.optional(),
  maxSelected: nonNegativeInteger.optional(),
});

const ruleBase = {
  id: code,
  message: z.string().min(1, 'must say what a person reads when the rule applies'),
  severity: z.enum(['error', 'warning']).optional(),
};

const rule = z.discriminatedUnion('kind', [
  z.strictObject({ ...ruleBase, kind: z.literal('requires'), if: expressionText, then: expressionText }),
  z.strictObject({ ...ruleBase, kind: z.literal('excludes'), if: expressionText, excludes: expressionText }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('table'),
    features: z.array(z.string()).min(1),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean()]))),
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('expression'), expression: expressionText }),
]);

const pricing = z.strictObject({
  basePrice: decimalText.optional(),
  rounding: z.enum(['half-up', 'half-even']).optional(),
  formulas: z
    .array(
      z.strictObject({
        code,
        label: z.string().min(1),
        when: expressionText.optional(),
        amount: expressionText,
      }),
    )
    .optional(),
  quantityBreaks: z
    .array(
      z.strictObject({
        minQuantity: z.number().int().min(1),
        discountPercent: decimalText,
        label: z.string().optional(),
      }),
    )
    .optional(),
});

const part = z.strictObject({
  partNumber: code,
  description: z.string().min(1),
  unit: z.string().min(1),
  kind: z.enum(['purchased', 'made']).optional(),
  cost: decimalText,
  supplier: z.string().optional(),
  leadTimeDays: nonNegativeInteger.optional(),
  quantityScale: z.number().int().min(0).max(9).optional(),
  minimumOrderQuantity: decimalText.optional(),
});

const bomLine = z.strictObject({
  part: code,
  when: expressionText.optional(),
  quantity: z.union([expressionText, z.number()]).optional(),
});

const operation = z.strictObject({
  code,
  description: z.string().min(1),
  workCentre: z.string().min(1),
  when: expressionText.optional(),
  minutes: z.union([expressionText, z.number()]),
  setupMinutes: z.union([expressionText, z.number()]).optional(),
});

const fulfilment = z.strictObject({
  workCentres: z
    .array(z.strictObject({ code, name: z.string().min(1), hoursPerDay: decimalText }))
    .optional(),
  qualityChecks: z
    .array(z.strictObject({ code, label: z.string().min(1), when: expressionText.optional() }))
    .optional(),
  qualityControlDays: nonNegativeInteger.optional(),
  shippingBufferDays: nonNegativeInteger.optional(),
});

export const productModelSchema = z.strictObject({
  code,
  name: z.string().min(1),
  description: z.string().optional(),
  pitch: z.string().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  groups: z
    .array(z.strictObject({ code, label: z.string().min(1), description: z.string().optional() }))
    .optional(),
  features: z.array(feature).min(1, 'a product model needs at least one feature'),
  rules: z.array(rule).optional(),
  pricing: pricing.optional(),
  parts: z.array(part).optional(),
  bom: z.array(bomLine).optional(),
  assemblies: z.record(z.string(), z.array(bomLine)).optional(),
  routing: z.array(operation).optional(),
  fulfilment: fulfilment.optional(),
});
