import { registerEnumType } from 'type-graphql';
import type {
  PriceLineKind as EnginePriceLineKind,
  FeatureKind as ModelFeatureKind,
  PartKind as ModelPartKind,
  Severity as ModelSeverity,
} from '../engine/index.js';

/** A feature's kind: the product model's, as the API has always sent them. */
export const FeatureKind = {
  single: 'single',
  multiple: 'multiple',
  boolean: 'boolean',
  integer: 'integer',
  decimal: 'decimal',
} as const satisfies { [K in ModelFeatureKind]: K };
export type FeatureKind = (typeof FeatureKind)[keyof typeof FeatureKind];

registerEnumType(FeatureKind, {
  name: 'FeatureKind',
  description: 'What a feature’s value is.',
  valuesConfig: {
    single: { description: 'One option of a list (or none, when the feature is optional).' },
    multiple: { description: 'Several options of a list (between minSelected and maxSelected).' },
    boolean: { description: 'Yes or no: the options "true" and "false".' },
    integer: { description: 'A whole number from rangeMin to rangeMax by step.' },
    decimal: { description: 'A decimal number from rangeMin to rangeMax by step.' },
  },
});

/** A price line's kind: the engine's, as the API has always sent them. */
export const PriceLineKind = {
  base: 'base',
  option: 'option',
  formula: 'formula',
  discount: 'discount',
} as const satisfies { [K in EnginePriceLineKind]: K };
export type PriceLineKind = (typeof PriceLineKind)[keyof typeof PriceLineKind];

registerEnumType(PriceLineKind, {
  name: 'PriceLineKind',
  description: 'What a price line is.',
  valuesConfig: {
    base: { description: 'The product’s base price.' },
    option: { description: 'An option’s surcharge.' },
    formula: { description: 'A price formula of the model (e.g. per m² of a desktop).' },
    discount: { description: 'A quantity break: negative.' },
  },
});

/** How much a broken rule matters: the model's severities, upper case as the API has always sent them. */
export const Severity = {
  ERROR: 'ERROR',
  WARNING: 'WARNING',
} as const satisfies { [K in ModelSeverity as Uppercase<K>]: Uppercase<K> };
export type Severity = (typeof Severity)[keyof typeof Severity];

export function severityOf(severity: ModelSeverity): Severity {
  return severity === 'error' ? Severity.ERROR : Severity.WARNING;
}

registerEnumType(Severity, {
  name: 'Severity',
  description: 'How much a broken rule matters.',
  valuesConfig: {
    ERROR: { description: 'Blocks the configuration: it cannot be ordered.' },
    WARNING: { description: 'Only informs.' },
  },
});

/** A part bought from a supplier or made in the plant: the product model's part kinds. */
export const PartKind = {
  purchased: 'purchased',
  made: 'made',
} as const satisfies { [K in ModelPartKind]: K };
export type PartKind = (typeof PartKind)[keyof typeof PartKind];

registerEnumType(PartKind, {
  name: 'PartKind',
  description: 'A part bought or made (as the product model says).',
  valuesConfig: {
    purchased: { description: 'Bought from a supplier: reserved from stock or requisitioned.' },
    made: { description: 'Made in the plant; a made part with lines beneath it is a sub-assembly.' },
  },
});

/** Whether a price list's prices include tax: NET (tax comes on top) or GROSS (tax included). */
export const PriceMode = { NET: 'NET', GROSS: 'GROSS' } as const;
export type PriceMode = (typeof PriceMode)[keyof typeof PriceMode];

registerEnumType(PriceMode, {
  name: 'PriceMode',
  description: 'Whether a price list’s prices include tax.',
  valuesConfig: {
    NET: { description: 'Net of tax: tax comes on top (business customers).' },
    GROSS: { description: 'Tax included.' },
  },
});

/** The engine's `net`/`gross` as the API's enum. */
export function priceModeOf(prices: 'net' | 'gross'): PriceMode {
  return prices === 'net' ? PriceMode.NET : PriceMode.GROSS;
}
