import { referencedFeatures } from '../expression/parse.js';
import type { SelectionValue } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';
import type { Price } from './price.js';

/**
 * What changes between two configurations of one product model, as a person sees them: every feature
 * whose value in force differs, each with what it does to the price, and the price lines that no single
 * feature accounts for. All in integer minor units, and exact: the features' deltas and the other lines'
 * deltas add up to the change of the total, always (each is a sum of price line differences, and the
 * lines add up to the total).
 *
 * Which price lines a feature's delta is made of:
 * - its options' surcharges (`option:<feature>=<option>`);
 * - a price formula whose condition (`when`) reads that feature and no other, when that feature changes:
 *   the formula applies because of it (the desk's "Solid oak top, per m2" belongs to the top material,
 *   whatever width it is priced at).
 * Every other line whose amount changes (a formula over several features, or over one that did not
 * change; a quantity break; any line when the quantities differ) is listed by itself under its own code
 * and label, never hidden in a feature.
 */

/** One feature whose value in force differs. */
export interface ValueChange {
  feature: string;
  /** Selection form (a multiple choice: its option codes, model order); null: left open. */
  from: SelectionValue | null;
  to: SelectionValue | null;
  /** The change of the price lines it accounts for (see above), for the whole quantity. */
  priceDeltaMinor: number;
}

/** A price line that changes and that no single feature accounts for. */
export interface PriceLineChange {
  code: string;
  label: string;
  deltaMinor: number;
}

export interface ConfigurationChanges {
  /** Configurator order. */
  values: ValueChange[];
  /** In the order of the lines of the price (after, then those only before). */
  otherLines: PriceLineChange[];
  beforeTotalMinor: number;
  afterTotalMinor: number;
  /** afterTotalMinor - beforeTotalMinor: the sum of every value's and every other line's delta. */
  deltaMinor: number;
}

/** One side of the comparison: the values in force (every feature, selection form) and their price. */
export interface PricedValues {
  values: Readonly<Record<string, SelectionValue | null | undefined>>;
  price: Price;
}

/** Compares two configurations of `model` (values in force and their prices, same quantity). */
export function configurationChanges(
  model: ProductModel,
  before: PricedValues,
  after: PricedValues,
): ConfigurationChanges {
  const changed = new Set<string>();
  for (const feature of model.features) {
    if (valueKey(before.values[feature.code]) !== valueKey(after.values[feature.code]))
      changed.add(feature.code);
  }

  // The feature a line's change is put on, or null: listed by itself.
  const gates = formulaGates(model);
  const ownerOf = (line: Price['lines'][number]): string | null => {
    const owner =
      line.kind === 'option'
        ? line.feature
        : line.kind === 'formula'
          ? gates.get(line.code.slice('formula:'.length))
          : undefined;
    return owner !== undefined && changed.has(owner) ? owner : null;
  };
  const deltas = new Map<string, { label: string; deltaMinor: number; owner: string | null }>();
  const add = (line: Price['lines'][number], sign: 1 | -1) => {
    const entry = deltas.get(line.code) ?? { label: line.label, deltaMinor: 0, owner: ownerOf(line) };
    entry.deltaMinor += sign * line.amountMinor;
    deltas.set(line.code, entry);
  };
  for (const line of after.price.lines) add(line, 1);
  for (const line of before.price.lines) add(line, -1);

  const byFeature = new Map<string, number>();
  const otherLines: PriceLineChange[] = [];
  for (const [code, { label, deltaMinor, owner }] of deltas) {
    if (owner !== null) byFeature.set(owner, (byFeature.get(owner) ?? 0) + deltaMinor);
    else if (deltaMinor !== 0) otherLines.push({ code, label, deltaMinor });
  }
  const values: ValueChange[] = [];
  for (const feature of model.features) {
    if (!changed.has(feature.code)) continue;
    values.push({
      feature: feature.code,
      from: before.values[feature.code] ?? null,
      to: after.values[feature.code] ?? null,
      priceDeltaMinor: byFeature.get(feature.code) ?? 0,
    });
  }
  return {
    values,
    otherLines,
    beforeTotalMinor: before.price.totalMinor,
    afterTotalMinor: after.price.totalMinor,
    deltaMinor: after.price.totalMinor - before.price.totalMinor,
  };
}

/** Formula code -> the one feature its condition reads, for formulas whose condition reads exactly one. */
function formulaGates(model: ProductModel): Map<string, string> {
  const gates = new Map<string, string>();
  for (const formula of model.pricing.formulas) {
    if (!formula.when) continue;
    const read = referencedFeatures(formula.when);
    if (read.length === 1) gates.set(formula.code, read[0]!);
  }
  return gates;
}

/** One text per value: a multiple choice's options in any order are the same value; null and absent alike. */
function valueKey(value: SelectionValue | null | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return JSON.stringify([...value].map(String).sort());
  return JSON.stringify(String(value));
}
