import fc from 'fast-check';
import { decimalText } from '../common/decimal.js';
import { check } from '../configure/check.js';
import type { Selection, SelectionValue } from '../model/model.types.js';
import type { Feature, ProductModel } from '../model/product-model.js';

/**
 * fast-check arbitraries of selections of any product model, for property tests.
 * `inDomainSelection`: every feature decided with a value inside its domain (an optional single choice
 * is sometimes left open); rules may be broken. `validCompleteSelection`: the ones `check` accepts.
 */
export function inDomainSelection(model: ProductModel): fc.Arbitrary<Selection> {
  const entries = model.features.map((feature) =>
    featureValue(feature).map((value) => [feature.code, value] as const),
  );
  return fc.tuple(...entries).map((pairs) => {
    const selection: Record<string, SelectionValue> = {};
    for (const [code, value] of pairs) if (value !== undefined) selection[code] = value;
    return selection;
  });
}

export function validCompleteSelection(model: ProductModel): fc.Arbitrary<Selection> {
  return inDomainSelection(model).filter((selection) => {
    const result = check(model, selection);
    return result.valid && result.complete;
  });
}

function featureValue(feature: Feature): fc.Arbitrary<SelectionValue | undefined> {
  const codes = feature.options.map((option) => option.code);
  switch (feature.kind) {
    case 'single':
      return feature.required
        ? fc.constantFrom(...codes)
        : fc.option(fc.constantFrom(...codes), { nil: undefined });
    case 'multiple':
      return fc.subarray(codes, { minLength: feature.minSelected, maxLength: feature.maxSelected });
    case 'boolean':
      return fc.boolean();
    default: {
      const min = feature.min!;
      const step = feature.step!;
      const steps = feature.max!.minus(min).dividedToIntegerBy(step).toNumber();
      return fc.integer({ min: 0, max: steps }).map((k) => decimalText(min.plus(step.times(k))));
    }
  }
}
