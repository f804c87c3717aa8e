import type { LoadedVersion } from '../catalog/model-cache.js';
import { toProduct } from '../catalog/product.mapper.js';
import {
  type CostResult,
  configurationChanges,
  decimalText,
  type FeatureState as EngineFeatureState,
  type OptionState as EngineOptionState,
  type Feature,
  margin,
  type ProductModel,
  type SelectionValue,
  toMinorUnits,
} from '../engine/index.js';
import { Money, Price, Reason, Violation } from '../graphql/common.types.js';
import { ChoiceSource, Selection } from '../graphql/selection.types.js';
import type { ConfiguredProduct, SavedConfigurationResult, SelectionEntry } from './configuration.service.js';
import { selectionEntries } from './configuration.service.js';
import {
  BlockingChoice,
  Configuration,
  ConfigurationChanges,
  ConfigurationConflict,
  ConfigurationCost,
  FeatureState,
  OptionState,
  OptionStateKind,
  PriceLineChange,
  SavedConfigurationView,
  ValueChange,
} from './configuration.types.js';

/** The engine's view of a configuration, as the GraphQL `Configuration`. */
export function toConfiguration(configured: ConfiguredProduct, loaded: LoadedVersion): Configuration {
  const { model, propagation, check, values, sources, conflict } = configured;
  return Object.assign(new Configuration(), {
    product: toProduct(configured.version, loaded),
    modelVersion: configured.version.version,
    quantity: configured.quantity,
    valid: check.valid,
    complete: check.complete,
    consistent: configured.consistent,
    remainingConfigurations: configured.remaining === null ? null : configured.remaining.toString(),
    conflict: conflict
      ? Object.assign(new ConfigurationConflict(), {
          features: conflict.features,
          choices: conflict.features.map((feature) =>
            Object.assign(new BlockingChoice(), {
              feature,
              source: configured.filledIn.includes(feature) ? ChoiceSource.DEFAULT : ChoiceSource.CHOSEN,
            }),
          ),
          reasons: conflict.reasons.map(Reason.of),
        })
      : null,
    violations: check.violations.map(Violation.of),
    undecided: check.undecided,
    // propagation.features is in model (configurator) order, one per feature.
    features: model.features.map((feature, index) =>
      toFeatureState(
        model,
        feature,
        propagation.features[index]!,
        values[feature.code],
        sources[feature.code]!,
      ),
    ),
    selections: toSelections(selectionEntries(model, values)),
    choices: toSelections(selectionEntries(model, configured.chosen, configured.filledIn)),
    price: Price.of(configured.price),
    configured,
  });
}

export function toSavedConfiguration(
  { saved, configuration }: SavedConfigurationResult,
  loaded: LoadedVersion,
): SavedConfigurationView {
  return Object.assign(new SavedConfigurationView(), {
    code: saved.code,
    url: shareUrl(saved.productCode, saved.code),
    productCode: saved.productCode,
    modelVersion: saved.modelVersion,
    quantity: saved.quantity,
    choices: toSelections(
      selectionEntries(configuration.model, configuration.chosen, configuration.filledIn),
    ),
    createdAt: new Date(saved.createdAt).toISOString(),
    configuration: toConfiguration(configuration, loaded),
  });
}

/** The configurator page that opens a saved configuration. */
export function shareUrl(productCode: string, code: string): string {
  return `/configure/${encodeURIComponent(productCode)}?c=${encodeURIComponent(code)}`;
}

export function toSelections(entries: SelectionEntry[]): Selection[] {
  return entries.map((entry) => Object.assign(new Selection(), { source: null, ...entry }));
}

/** The value in force as text: option codes, "true"/"false", decimal text; [] when left open. */
function selectedTexts(value: SelectionValue | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  return [String(value)];
}

function toFeatureState(
  model: ProductModel,
  feature: Feature,
  state: EngineFeatureState,
  value: SelectionValue | null | undefined,
  source: ConfiguredProduct['sources'][string],
): FeatureState {
  const inForce = new Set(selectedTexts(value));
  const numeric = feature.kind === 'integer' || feature.kind === 'decimal';
  return Object.assign(new FeatureState(), {
    code: feature.code,
    label: feature.label,
    description: feature.description || null,
    kind: feature.kind,
    group: feature.group,
    required: feature.required,
    source,
    // Multiple choice in model order, as everywhere else.
    selected:
      feature.kind === 'multiple'
        ? feature.options.filter((o) => inForce.has(o.code)).map((o) => o.code)
        : [...inForce],
    options: state.options.map((option) => toOptionState(model, feature, option, inForce.has(option.code))),
    min: state.allowed?.min ?? null,
    max: state.allowed?.max ?? null,
    step: numeric ? (state.allowed?.step ?? (feature.step ? decimalText(feature.step) : null)) : null,
    unit: feature.unit,
    rangeMin: numeric ? (feature.min ? decimalText(feature.min) : null) : null,
    rangeMax: numeric ? (feature.max ? decimalText(feature.max) : null) : null,
    minSelected: feature.kind === 'multiple' ? feature.minSelected : null,
    maxSelected: feature.kind === 'multiple' ? feature.maxSelected : null,
  });
}

function toOptionState(
  model: ProductModel,
  feature: Feature,
  option: EngineOptionState,
  inForce: boolean,
): OptionState {
  // Boolean features show 'true' and 'false', which are not options of the model.
  const modelOption = feature.optionByCode.get(option.code);
  const priceMinor = modelOption?.priceMinor ?? 0;
  return Object.assign(new OptionState(), {
    code: option.code,
    label: option.label,
    description: modelOption?.description || null,
    // The value in force decides SELECTED; the rest is what propagation of the user's choices says.
    state: inForce
      ? OptionStateKind.SELECTED
      : option.state === 'excluded'
        ? OptionStateKind.EXCLUDED
        : OptionStateKind.AVAILABLE,
    implied: option.implied,
    reasons: option.reasons.map(Reason.of),
    blockedBy: option.blockedBy,
    blockingChoices: option.blocking.map((b) =>
      Object.assign(new BlockingChoice(), {
        feature: b.feature,
        source: b.source === 'default' ? ChoiceSource.DEFAULT : ChoiceSource.CHOSEN,
      }),
    ),
    reasonMinimal: option.state === 'excluded' && option.minimal,
    count: option.count === null ? null : option.count.toString(),
    priceDelta: priceMinor === 0 ? null : Money.of(priceMinor, model.currency, model.currencyDigits),
    leadTimeDays: modelOption?.leadTimeDays ?? 0,
  });
}

/**
 * What differs from `before` to `after` (two evaluations of the same model version and quantity), with
 * price deltas that add up to the change of the total (the engine's configurationChanges).
 */
export function toConfigurationChanges(
  before: ConfiguredProduct,
  after: ConfiguredProduct,
): ConfigurationChanges {
  const { model } = after;
  const changes = configurationChanges(model, before, after);
  const money = (minor: number) => Money.of(minor, model.currency, model.currencyDigits);
  return Object.assign(new ConfigurationChanges(), {
    values: changes.values.map((change) => {
      const feature = model.featureByCode.get(change.feature)!;
      const from = inModelOrder(feature, selectedTexts(change.from));
      const to = inModelOrder(feature, selectedTexts(change.to));
      return Object.assign(new ValueChange(), {
        feature: feature.code,
        label: feature.label,
        from,
        fromLabel: valueText(feature, from),
        to,
        toLabel: valueText(feature, to),
        source: after.sources[feature.code]!,
        chosen: choiceKey(before.chosen[feature.code]) !== choiceKey(after.chosen[feature.code]),
        priceDelta: money(change.priceDeltaMinor),
      });
    }),
    otherPriceLines: changes.otherLines.map((line) =>
      Object.assign(new PriceLineChange(), {
        code: line.code,
        label: line.label,
        delta: money(line.deltaMinor),
      }),
    ),
    totalBefore: money(changes.beforeTotalMinor),
    totalAfter: money(changes.afterTotalMinor),
    totalDelta: money(changes.deltaMinor),
  });
}

/** A value in words: option labels ("none" when left open), "Yes"/"No", a number with its unit. */
export function valueText(feature: Feature, values: readonly string[]): string {
  if (values.length === 0) return 'none';
  return values
    .map(
      (v) =>
        feature.optionByCode.get(v)?.label ??
        (v === 'true' ? 'Yes' : v === 'false' ? 'No' : `${v}${feature.unit ? ` ${feature.unit}` : ''}`),
    )
    .join(', ');
}

function inModelOrder(feature: Feature, values: string[]): string[] {
  if (feature.kind !== 'multiple') return values;
  const codes = new Set(values);
  return feature.options.filter((o) => codes.has(o.code)).map((o) => o.code);
}

/** One text per choice: not chosen, left open (null), or its value (a multiple choice's options in any order). */
function choiceKey(value: SelectionValue | null | undefined): string {
  if (value === undefined) return 'not chosen';
  if (value === null) return 'open';
  return JSON.stringify(Array.isArray(value) ? [...value].map(String).sort() : String(value));
}

/**
 * A configuration's cost (the engine's costOf on the model's own currency) with the margin of its price
 * over it; null when it cannot be costed (not valid and complete). A price in another currency than the
 * cost's gets no margin: prices are never converted.
 */
export function toConfigurationCost(
  configured: ConfiguredProduct,
  cost: CostResult,
): ConfigurationCost | null {
  if (!cost.ok) return null;
  const { currency, currencyDigits: digits, quantity } = cost;
  const money = (minor: number) => Money.of(minor, currency, digits);
  const perUnit = (amount: typeof cost.totalCost) =>
    money(toMinorUnits(amount.dividedBy(quantity), digits, 'half-up'));
  const { price } = configured;
  const comparable = price.currency === currency;
  const earned = comparable ? margin(price.totalMinor, cost.totalCostMinor) : null;
  return Object.assign(new ConfigurationCost(), {
    currency,
    quantity,
    unitCost: money(cost.unitCostMinor),
    unitCostExact: decimalText(cost.unitCost),
    unitMaterialCost: perUnit(cost.materialCost),
    unitLabourCost: perUnit(cost.labourCost),
    totalCost: money(cost.totalCostMinor),
    complete: cost.complete,
    missing: cost.missing.map((missing) => missing.field),
    comparable,
    margin: earned?.ok ? money(earned.marginMinor) : null,
    marginPercent: earned?.ok ? earned.marginPercentText : null,
  });
}
