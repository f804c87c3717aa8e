import {
  autocomplete,
  formatMinorUnits,
  type ProductModel,
  price,
  type SelectionValue,
} from '../engine/index.js';

/**
 * What the catalogue shows of one product model: its words, its starting price and its size.
 * Plain JSON data, computed once when the server starts (GET /api/products serves it as is).
 */
export interface ProductSummary {
  code: string;
  name: string;
  pitch: string;
  description: string;
  /** ISO 4217 currency of every price of the model. */
  currency: string;
  /**
   * The price of one unit in its default configuration, as exact decimal text in major units with
   * all the currency's digits ("1170.60" EUR). It is where a customer starts, not necessarily the
   * cheapest configuration.
   */
  startingPrice: string;
  /**
   * The default configuration: every feature decided, each at its default where the rules allow it
   * (the engine's autocomplete from no choices), written as a partner would send it. An optional
   * single choice left open is null.
   */
  defaultConfiguration: Record<string, SelectionValue | null>;
  /** How many features (decisions), options, rules and parts the model has. */
  features: number;
  options: number;
  rules: number;
  parts: number;
}

/**
 * Summarises each product model for the catalogue, in the given order.
 *
 * Every shipped model must have a valid default configuration that can be priced; one that has not
 * is a bug in the model files, so this throws one Error naming every failing model and its problems.
 */
export function productSummaries(models: readonly ProductModel[]): ProductSummary[] {
  const summaries: ProductSummary[] = [];
  const failures: string[] = [];
  for (const model of models) {
    const result = summarise(model);
    if (result.ok) summaries.push(result.summary);
    else failures.push(...result.problems.map((problem) => `${model.code}: ${problem}`));
  }
  if (failures.length > 0) {
    throw new Error(
      `Product models cannot be summarised (${failures.length} problem(s)):\n${failures.join('\n')}`,
    );
  }
  return summaries;
}

type Summarised = { ok: true; summary: ProductSummary } | { ok: false; problems: string[] };

function summarise(model: ProductModel): Summarised {
  const completion = autocomplete(model, {});
  if (!completion.found) {
    const details = [
      ...completion.problems.map((p) => `${p.feature}: ${p.message}`),
      ...completion.reasons.map((r) => `rule ${r.ruleId}: ${r.message}`),
    ];
    return {
      ok: false,
      problems: [`no default configuration (${completion.cause}): ${completion.message}`, ...details],
    };
  }
  const priced = price(model, completion.selection, 1);
  if (!priced.ok) {
    return {
      ok: false,
      problems: priced.problems.map(
        (p) => `cannot price the default configuration: ${p.field}: ${p.message}`,
      ),
    };
  }
  if (priced.price.pending.length > 0) {
    return {
      ok: false,
      problems: [
        `the default configuration leaves price formulas undecided: ${priced.price.pending.join(', ')}`,
      ],
    };
  }
  return {
    ok: true,
    summary: {
      code: model.code,
      name: model.name,
      pitch: model.pitch,
      description: model.description,
      currency: model.currency,
      startingPrice: formatMinorUnits(priced.price.totalMinor, priced.price.currencyDigits),
      defaultConfiguration: completion.selection,
      features: model.features.length,
      options: model.features.reduce((sum, feature) => sum + feature.options.length, 0),
      rules: model.rules.length,
      parts: model.parts.size,
    },
  };
}
