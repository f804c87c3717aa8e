import { z } from 'zod';
import { CURRENCY_MINOR_UNITS, currencyMinorUnits } from '../common/currency.js';
import { Decimal, parseDecimal } from '../common/decimal.js';

export { CURRENCY_MINOR_UNITS, currencyMinorUnits };

import { toMinorUnits } from '../common/money.js';
import { yamlData } from '../common/yaml-text.js';
import { type ExpressionNode, ExpressionSyntaxError, parseExpression } from '../expression/parse.js';
import { ExpressionTypeError, typeOf } from '../expression/typecheck.js';
import { isIsoDate } from '../fulfilment/calendar.js';
import { roundingMode } from '../model/model.schema.js';
import type { RoundingMode } from '../model/model.types.js';
import type { Feature, PriceFormula, ProductModel } from '../model/product-model.js';
import type { PriceListReference } from './price.js';

/**
 * Price lists: the prices of product models for some customers, in one ISO 4217 currency, in effect
 * from one date to another. For each product model a list holds either
 * - explicit prices (base price, option surcharges by feature and option, formula amounts by formula
 *   code) that override the model's, written in major units of the list's currency; in the model's own
 *   currency what the list leaves out keeps the model's price, in another currency every price the
 *   model has must be restated (prices are never converted), or
 * - a percentage (`adjustPercent`, "+8" a markup, "-10" a markdown) applied to the model's prices:
 *   base price and each surcharge are scaled and rounded to the list currency's minor unit by the list's
 *   rounding rule (half-up unless it says otherwise); each formula's amount is scaled exactly and
 *   rounded once when it becomes a price line, as every formula line is. So the lines of a price still
 *   add up to its total exactly. A percentage list in another currency than the model's must say so
 *   (`basedOn: EUR`): it then publishes, for example, USD prices set at the model's EUR figures plus
 *   8 %, a figure fixed in the file and reviewed by people; no exchange rate enters the engine.
 *
 * `pricedWith(model, list, onDate)` gives the model priced by the list, on which `price`,
 * `cheapestCompletion` and the rest work unchanged and in the list's currency. Part costs stay in the
 * model's own currency (they are what the plant pays, not a selling price).
 */

const decimalText = z.union([z.string(), z.number()]);
const code = z.string().min(1, 'must not be empty');
const date = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');

const priceListModelSchema = z.strictObject({
  /** Percentage on the model's prices: "+8" a markup, "-10" a markdown. */
  adjustPercent: decimalText.optional(),
  /** With a percentage in another currency than the model's: the model's currency, stated on purpose. */
  basedOn: z.string().optional(),
  /** Explicit prices, major units of the list's currency. */
  basePrice: decimalText.optional(),
  /** feature code -> option code -> surcharge. */
  options: z.record(z.string(), z.record(z.string(), decimalText)).optional(),
  /**
   * formula code -> amount per unit in the list's currency: a decimal ("560") or an expression of the
   * model's features (`width_mm * depth_mm / 1000000 * 140`); the model's condition still decides
   * whether the line applies.
   */
  formulas: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const priceListSchema = z.strictObject({
  code,
  name: z.string().min(1),
  /** ISO 4217 code of every price in the list. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  effectiveFrom: date,
  /** The last day the list is in effect; none: until further notice. */
  effectiveTo: date.optional(),
  /**
   * The list a visitor without an account gets in this currency (at most one per currency in effect on
   * a day; the server checks it when the lists are published).
   */
  default: z.boolean().optional(),
  /** Whether the prices are before tax (net, a quote adds tax) or include it (gross). */
  prices: z.enum(['net', 'gross']),
  /** How amounts are rounded to the currency's minor unit. Default half-up. */
  rounding: roundingMode.optional(),
  /** product model code -> its prices in this list. */
  models: z.record(z.string(), priceListModelSchema),
});

export const priceListsFileSchema = z.strictObject({ priceLists: z.array(priceListSchema) });

export type PriceListSource = z.infer<typeof priceListSchema>;
export type PriceListModelSource = z.infer<typeof priceListModelSchema>;

/** A product model's prices in a list, read and checked as far as can be without the model. */
export type PriceListEntry =
  | { kind: 'percentage'; adjustPercent: Decimal; basedOn: string | null }
  | {
      kind: 'explicit';
      basePriceMinor: number | undefined;
      /** feature -> option -> surcharge in minor units of the list's currency. */
      options: ReadonlyMap<string, ReadonlyMap<string, number>>;
      /** formula code -> amount expression text, checked against the model by `pricedWith`. */
      formulas: ReadonlyMap<string, string>;
    };

export interface PriceList {
  code: string;
  name: string;
  currency: string;
  /** Digits of the currency's minor unit (ISO 4217). */
  currencyDigits: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The default list of its currency, for visitors without an account. */
  isDefault: boolean;
  prices: 'net' | 'gross';
  rounding: RoundingMode;
  models: ReadonlyMap<string, PriceListEntry>;
  /** The list as written (checked): what a server stores and loads again with `loadPriceList`. */
  source: PriceListSource;
}

/** `field` names the place: `priceLists[1] (usd-2025).models.e-bike.adjustPercent`, `onDate`. */
export interface PriceListProblem {
  field: string;
  message: string;
}

export type PriceListsLoad =
  | { ok: true; priceLists: PriceList[] }
  | { ok: false; problems: PriceListProblem[] };

/** Reads a price lists file (YAML or JSON): `priceLists: [...]`. Syntax errors name line and column. */
export function loadPriceListsText(text: string): PriceListsLoad {
  const read = yamlData(text);
  if (!read.ok)
    return { ok: false, problems: read.problems.map((p) => ({ field: p.place, message: p.message })) };
  return loadPriceLists(read.data);
}

/** Validates price lists (`{ priceLists: [...] }`); every problem at once, each naming its field. */
export function loadPriceLists(input: unknown): PriceListsLoad {
  const parsed = priceListsFileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: schemaProblems(input, parsed.error) };
  const problems: PriceListProblem[] = [];
  const priceLists = parsed.data.priceLists.map((source, index) =>
    readPriceList(source, `priceLists[${index}] (${source.code})`, problems),
  );
  const seen = new Set<string>();
  parsed.data.priceLists.forEach((source, index) => {
    if (seen.has(source.code))
      problems.push({
        field: `priceLists[${index}] (${source.code}).code`,
        message: `price list code '${source.code}' is used twice`,
      });
    seen.add(source.code);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, priceLists };
}

/** Validates one price list (the object of one list, as an API might receive it). */
export function loadPriceList(
  input: unknown,
): { ok: true; priceList: PriceList } | { ok: false; problems: PriceListProblem[] } {
  const parsed = priceListSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: schemaProblems(input, parsed.error) };
  const problems: PriceListProblem[] = [];
  const priceList = readPriceList(parsed.data, 'priceList', problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, priceList };
}

function schemaProblems(input: unknown, error: z.ZodError): PriceListProblem[] {
  return error.issues.map((issue) => ({
    field: describePath(input, issue.path as (string | number)[]),
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${(issue as { keys: string[] }).keys.map((k) => `'${k}'`).join(', ')}`
        : issue.message,
  }));
}

function describePath(root: unknown, path: (string | number)[]): string {
  let text = '';
  let node: unknown = root;
  for (const key of path) {
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const item = node as Record<string, unknown> | undefined;
      const name = item && typeof item === 'object' ? item.code : undefined;
      text += `[${key}]${typeof name === 'string' ? ` (${name})` : ''}`;
    } else text += text ? `.${key}` : key;
  }
  return text || '(price lists)';
}

function readPriceList(source: PriceListSource, path: string, problems: PriceListProblem[]): PriceList {
  const digits = currencyMinorUnits(source.currency);
  if (digits === undefined)
    problems.push({
      field: `${path}.currency`,
      message: `'${source.currency}' is not a currency this engine knows (ISO 4217 minor units: ${Object.keys(CURRENCY_MINOR_UNITS).join(', ')})`,
    });
  if (source.effectiveTo !== undefined && source.effectiveTo < source.effectiveFrom)
    problems.push({
      field: `${path}.effectiveTo`,
      message: `${source.effectiveTo} is before effectiveFrom ${source.effectiveFrom}`,
    });
  const currencyDigits = digits ?? 2;
  const models = new Map<string, PriceListEntry>();
  for (const [modelCode, entry] of Object.entries(source.models)) {
    const entryPath = `${path}.models.${modelCode}`;
    const explicit =
      entry.basePrice !== undefined || entry.options !== undefined || entry.formulas !== undefined;
    if (entry.adjustPercent !== undefined) {
      if (explicit)
        problems.push({
          field: entryPath,
          message: 'either a percentage (adjustPercent) or explicit prices, not both',
        });
      const percent = parseDecimal(entry.adjustPercent);
      if (!percent) {
        problems.push({
          field: `${entryPath}.adjustPercent`,
          message: `'${entry.adjustPercent}' is not a decimal number`,
        });
        continue;
      }
      if (percent.lessThanOrEqualTo(-100))
        problems.push({
          field: `${entryPath}.adjustPercent`,
          message: `a markdown of ${percent.negated().toFixed()} % leaves nothing to charge`,
        });
      models.set(modelCode, { kind: 'percentage', adjustPercent: percent, basedOn: entry.basedOn ?? null });
      continue;
    }
    if (!explicit) {
      problems.push({
        field: entryPath,
        message: 'give either adjustPercent or explicit prices (basePrice, options, formulas)',
      });
      continue;
    }
    if (entry.basedOn !== undefined)
      problems.push({
        field: `${entryPath}.basedOn`,
        message: 'basedOn goes with a percentage (adjustPercent); explicit prices are in the list currency',
      });
    const money = (text: string | number, field: string): number | undefined => {
      const value = parseDecimal(text);
      if (!value) {
        problems.push({ field, message: `'${text}' is not a decimal number` });
        return undefined;
      }
      if (value.decimalPlaces() > currencyDigits) {
        problems.push({
          field,
          message: `${text} has more decimals than ${source.currency} has (${currencyDigits})`,
        });
        return undefined;
      }
      const minor = toMinorUnits(value, currencyDigits);
      if (!Number.isSafeInteger(minor)) {
        problems.push({ field, message: `${text} is too large an amount` });
        return undefined;
      }
      return minor;
    };
    const options = new Map<string, Map<string, number>>();
    for (const [feature, prices] of Object.entries(entry.options ?? {})) {
      const byOption = new Map<string, number>();
      for (const [option, text] of Object.entries(prices)) {
        const minor = money(text, `${entryPath}.options.${feature}.${option}`);
        if (minor !== undefined) byOption.set(option, minor);
      }
      options.set(feature, byOption);
    }
    models.set(modelCode, {
      kind: 'explicit',
      basePriceMinor:
        entry.basePrice === undefined ? undefined : money(entry.basePrice, `${entryPath}.basePrice`),
      options,
      formulas: new Map(
        Object.entries(entry.formulas ?? {}).map(([formula, text]) => [formula, String(text)]),
      ),
    });
  }
  return {
    code: source.code,
    name: source.name,
    currency: source.currency,
    currencyDigits,
    effectiveFrom: source.effectiveFrom,
    effectiveTo: source.effectiveTo ?? null,
    isDefault: source.default ?? false,
    prices: source.prices,
    rounding: source.rounding ?? 'half-up',
    models,
    source,
  };
}

/** Whether a list is in effect on a date (both ends included). */
export function inEffect(list: PriceList, onDate: string): boolean {
  return list.effectiveFrom <= onDate && (list.effectiveTo === null || onDate <= list.effectiveTo);
}

/** A product model priced by a list: `price` says so on every price (`Price.priceList`). */
export type PricedProductModel = ProductModel & { priceList: PriceListReference };

export type PricedWithResult =
  | { ok: true; model: PricedProductModel }
  | { ok: false; problems: PriceListProblem[] };

/**
 * Priced models, per model and list: the engine's caches (compiled rules, price tables) are per model
 * object, so pricing the same model by the same list again must give the same object.
 */
const pricedModels = new WeakMap<ProductModel, WeakMap<PriceList, PricedWithResult>>();

/**
 * The model with the list's prices: its currency, base price, option surcharges and formulas are the
 * list's, so `price` prices in the list's currency. Refused, naming the field, when the list is not in
 * effect on `onDate` (YYYY-MM-DD, an argument: the engine has no clock), has no entry for the model,
 * or does not cover the model's prices in its currency.
 */
export function pricedWith(model: ProductModel, list: PriceList, onDate: string): PricedWithResult {
  if (!isIsoDate(onDate))
    return {
      ok: false,
      problems: [{ field: 'onDate', message: `'${onDate}' is not a date written YYYY-MM-DD` }],
    };
  if (onDate < list.effectiveFrom)
    return {
      ok: false,
      problems: [
        {
          field: 'priceList.effectiveFrom',
          message: `${list.name} (${list.code}) is in effect from ${list.effectiveFrom}, not yet on ${onDate}`,
        },
      ],
    };
  if (list.effectiveTo !== null && onDate > list.effectiveTo)
    return {
      ok: false,
      problems: [
        {
          field: 'priceList.effectiveTo',
          message: `${list.name} (${list.code}) ended on ${list.effectiveTo}, before ${onDate}`,
        },
      ],
    };
  let byList = pricedModels.get(model);
  if (!byList) {
    byList = new WeakMap();
    pricedModels.set(model, byList);
  }
  let result = byList.get(list);
  if (!result) {
    result = priceModel(model, list);
    byList.set(list, result);
  }
  return result;
}

function priceModel(model: ProductModel, list: PriceList): PricedWithResult {
  const entryField = `priceList.models.${model.code}`;
  const entry = list.models.get(model.code);
  if (!entry)
    return {
      ok: false,
      problems: [
        { field: entryField, message: `${list.name} (${list.code}) has no prices for ${model.name}` },
      ],
    };
  const problems: PriceListProblem[] = [];
  const reprice =
    entry.kind === 'percentage'
      ? byPercentage(model, list, entry, entryField, problems)
      : explicitly(model, list, entry, entryField, problems);
  if (!reprice || problems.length > 0) return { ok: false, problems };

  const features = model.features.map(
    (feature): Feature =>
      feature.options.length === 0
        ? feature
        : withOptions(
            feature,
            feature.options.map((option) => ({
              ...option,
              priceMinor: reprice.option(feature.code, option.code, option.priceMinor),
            })),
          ),
  );
  return {
    ok: true,
    model: {
      ...model,
      currency: list.currency,
      currencyDigits: list.currencyDigits,
      features,
      featureByCode: new Map(features.map((feature) => [feature.code, feature])),
      pricing: {
        ...model.pricing,
        basePriceMinor: reprice.base,
        rounding: list.rounding,
        formulas: model.pricing.formulas.map((formula) => ({ ...formula, amount: reprice.formula(formula) })),
      },
      priceList: { code: list.code, name: list.name, prices: list.prices },
    },
  };
}

function withOptions(feature: Feature, options: Feature['options']): Feature {
  return { ...feature, options, optionByCode: new Map(options.map((option) => [option.code, option])) };
}

interface Reprice {
  base: number;
  option(feature: string, option: string, modelMinor: number): number;
  formula(formula: PriceFormula): ExpressionNode;
}

function byPercentage(
  model: ProductModel,
  list: PriceList,
  entry: PriceListEntry & { kind: 'percentage' },
  field: string,
  problems: PriceListProblem[],
): Reprice | undefined {
  if (list.currency !== model.currency && entry.basedOn !== model.currency) {
    problems.push({
      field: `${field}.basedOn`,
      message:
        entry.basedOn === null
          ? `${model.name} is priced in ${model.currency} and this list in ${list.currency}: prices are never converted, so state basedOn: ${model.currency} to set ${list.currency} prices at the ${model.currency} figures ${percentText(entry.adjustPercent)}, or give explicit prices`
          : `${model.name} is priced in ${model.currency}, not ${entry.basedOn}`,
    });
    return undefined;
  }
  const factor = new Decimal(100).plus(entry.adjustPercent).dividedBy(100);
  // Minor units of the model to major units of the list: its figures as numbers, scaled.
  const scale = (minor: number): number => {
    const major = new Decimal(minor).dividedBy(new Decimal(10).pow(model.currencyDigits)).times(factor);
    try {
      return toMinorUnits(major, list.currencyDigits, list.rounding);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return Number.NaN;
    }
  };
  const base = scale(model.pricing.basePriceMinor);
  const tooLarge = [base, ...model.features.flatMap((f) => f.options.map((o) => scale(o.priceMinor)))].some(
    (minor) => !Number.isSafeInteger(minor),
  );
  if (tooLarge) {
    problems.push({ field: `${field}.adjustPercent`, message: 'scales a price beyond what can be priced' });
    return undefined;
  }
  const factorNode: ExpressionNode = { type: 'number', value: factor, column: 1 };
  return {
    base,
    option: (_feature, _option, modelMinor) => scale(modelMinor),
    // Scaled exactly; `price` rounds the line once, by the list's rule.
    formula: (formula) =>
      factor.equals(1)
        ? formula.amount
        : { type: 'binary', operator: '*', left: formula.amount, right: factorNode, column: 1 },
  };
}

function percentText(percent: Decimal): string {
  return percent.isNegative() ? `less ${percent.negated().toFixed()} %` : `plus ${percent.toFixed()} %`;
}

function explicitly(
  model: ProductModel,
  list: PriceList,
  entry: PriceListEntry & { kind: 'explicit' },
  field: string,
  problems: PriceListProblem[],
): Reprice | undefined {
  // In the model's own currency what the list leaves out keeps the model's price; in another, a price
  // left out cannot be had without converting, so every one the model has must be there.
  const sameCurrency = list.currency === model.currency;
  const notCovered = (place: string, what: string) =>
    problems.push({
      field: `${field}.${place}`,
      message: `${what} has no price in ${list.currency} (${model.name} is priced in ${model.currency}, and prices are never converted)`,
    });

  if (entry.basePriceMinor === undefined && !sameCurrency && model.pricing.basePriceMinor !== 0)
    notCovered('basePrice', 'the base price');

  for (const [featureCode, prices] of entry.options) {
    const feature = model.featureByCode.get(featureCode);
    if (!feature || feature.options.length === 0) {
      problems.push({
        field: `${field}.options.${featureCode}`,
        message: `${model.name} has no choice feature '${featureCode}'`,
      });
      continue;
    }
    for (const optionCode of prices.keys())
      if (!feature.optionByCode.has(optionCode))
        problems.push({
          field: `${field}.options.${featureCode}.${optionCode}`,
          message: `'${feature.label}' has no option '${optionCode}'`,
        });
  }
  if (!sameCurrency)
    for (const feature of model.features)
      for (const option of feature.options)
        if (option.priceMinor !== 0 && entry.options.get(feature.code)?.get(option.code) === undefined)
          notCovered(`options.${feature.code}.${option.code}`, `'${feature.label}: ${option.label}'`);

  const formulas = new Map<string, ExpressionNode>();
  const formulaCodes = new Set(model.pricing.formulas.map((formula) => formula.code));
  for (const [formulaCode, text] of entry.formulas) {
    const place = `${field}.formulas.${formulaCode}`;
    if (!formulaCodes.has(formulaCode)) {
      problems.push({ field: place, message: `${model.name} has no price formula '${formulaCode}'` });
      continue;
    }
    const node = amountExpression(model, text, place, problems);
    if (node) formulas.set(formulaCode, node);
  }
  if (!sameCurrency)
    for (const formula of model.pricing.formulas)
      if (!entry.formulas.has(formula.code)) notCovered(`formulas.${formula.code}`, `'${formula.label}'`);

  if (problems.length > 0) return undefined;
  return {
    base: entry.basePriceMinor ?? model.pricing.basePriceMinor,
    option: (feature, option, modelMinor) => entry.options.get(feature)?.get(option) ?? modelMinor,
    formula: (formula) => formulas.get(formula.code) ?? formula.amount,
  };
}

/** A formula amount of the list: parsed and type-checked against the model, as the model's own are. */
function amountExpression(
  model: ProductModel,
  text: string,
  field: string,
  problems: PriceListProblem[],
): ExpressionNode | undefined {
  try {
    const node = parseExpression(text);
    const type = typeOf(node, (featureCode) => model.featureByCode.get(featureCode));
    if (type.kind !== 'number') {
      problems.push({ field, message: `the amount must be a number, not a ${type.kind}, in "${text}"` });
      return undefined;
    }
    return node;
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError || error instanceof ExpressionTypeError)) throw error;
    problems.push({ field, message: `${error.message} in "${text}"` });
    return undefined;
  }
}
