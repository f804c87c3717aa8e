import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import {
  autocomplete,
  type CheckResult,
  check,
  type Price,
  type ProductModel,
  type Propagation,
  price,
  propagate,
  readFeatureValue,
  type Selection,
  type SelectionValue,
  withDefaults,
  writeFeatureValue,
} from '../engine/index.js';
import { badInput } from '../graphql/errors.js';
import type { ConfigurationInput, SelectionInput } from '../graphql/selection.types.js';

/** Where a feature's value in force comes from. */
export type ValueSource = 'USER' | 'DEFAULT' | 'IMPLIED' | 'COMPLETED';

export const MAX_QUANTITY = 1_000_000;

/**
 * A configuration as the server sees it: the user's choices, the values in force (the choices, then
 * defaults where the rules allow, else values the rules imply or that complete it), and everything
 * the engine says about it. Never built from a client's claims: recomputed on every request.
 */
export interface ConfiguredProduct {
  version: ProductModelVersion;
  model: ProductModel;
  quantity: number;
  /** What the user chose, as given. */
  chosen: Selection;
  /** Every feature's value in force, in selection form (null: an optional choice left open). */
  values: Record<string, SelectionValue | null>;
  sources: Record<string, ValueSource>;
  /** Validity and completeness of the values in force. */
  check: CheckResult;
  /** Option states after the user's choices (defaults are not choices: they never exclude anything). */
  propagation: Propagation;
  price: Price;
}

/** Configure a product (validity, option states with reasons, the values in force, the price) and saved configurations. */
export class ConfigurationService {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
  ) {}

  /**
   * Reads a configuration input and evaluates it. Bad input (an unknown product, feature or option,
   * a number out of range, a quantity below 1) is refused with an error naming the field, under
   * `field` (`input`, `input.lines[2]`).
   */
  async configure(input: ConfigurationInput, field = 'input'): Promise<ConfiguredProduct> {
    const version = await this.catalog.findVersion(input.productCode, input.modelVersion);
    if (!version) {
      if (
        input.modelVersion !== undefined &&
        input.modelVersion !== null &&
        (await this.catalog.findVersion(input.productCode))
      ) {
        throw badInput(
          `${field}.modelVersion`,
          `'${input.productCode}' has no model version ${input.modelVersion}`,
        );
      }
      const known = (await this.catalog.latestVersions()).map((v) => v.productCode).join(', ');
      throw badInput(`${field}.productCode`, `No product '${input.productCode}' (products: ${known})`);
    }
    const { model } = this.catalog.loaded(version);
    const quantity = input.quantity ?? 1;
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw badInput(
        `${field}.quantity`,
        `The quantity must be a whole number from 1 to ${MAX_QUANTITY}, not ${quantity}`,
      );
    }
    const chosen = readSelectionInput(model, input.selections, `${field}.selections`);
    return evaluateConfiguration(version, model, chosen, quantity);
  }
}

/** Turns the GraphQL choices into the engine's selection, refusing each bad one with its field. */
export function readSelectionInput(
  model: ProductModel,
  selections: SelectionInput[],
  field: string,
): Selection {
  const chosen: Record<string, SelectionValue | null> = {};
  selections.forEach((selection, index) => {
    const at = `${field}[${index}]`;
    const feature = model.featureByCode.get(selection.feature);
    if (!feature) {
      throw badInput(
        `${at}.feature`,
        `'${selection.feature}' is not a feature of ${model.code} (features: ${model.features.map((f) => f.code).join(', ')})`,
      );
    }
    if (selection.feature in chosen)
      throw badInput(`${at}.feature`, `'${selection.feature}' is chosen twice`);
    const multiple = feature.kind === 'multiple';
    if (multiple && selection.value !== undefined && selection.value !== null) {
      throw badInput(
        `${at}.value`,
        `'${feature.code}' is a multiple choice: give its option codes in 'values'`,
      );
    }
    if (!multiple && selection.values !== undefined && selection.values !== null) {
      throw badInput(`${at}.values`, `'${feature.code}' takes one value: give it in 'value'`);
    }
    const raw: SelectionValue | null = multiple ? (selection.values ?? []) : (selection.value ?? null);
    const reading = readFeatureValue(feature, raw);
    if (!reading.ok) throw badInput(`${at}.${multiple ? 'values' : 'value'}`, reading.problem);
    chosen[feature.code] = writeFeatureValue(reading.value);
  });
  return chosen;
}

/**
 * The values in force: the user's choices kept as they are; the other features take their default
 * when the rules allow it, else a value the rules imply or one that completes the configuration.
 * When the choices themselves conflict, nothing is filled in around the conflict silently: the rest
 * keep their defaults and the check reports what is broken.
 */
export function evaluateConfiguration(
  version: ProductModelVersion,
  model: ProductModel,
  chosen: Selection,
  quantity: number,
): ConfiguredProduct {
  const propagation = propagate(model, chosen);
  const completion = autocomplete(model, chosen);
  const values: Record<string, SelectionValue | null> = {};
  if (completion.found) Object.assign(values, completion.selection);
  else {
    for (const [code, value] of withDefaults(
      model,
      new Map(Object.entries(chosen).map(([c, v]) => [c, readValue(model, c, v)])),
    )) {
      values[code] = writeFeatureValue(value);
    }
  }
  const sources: Record<string, ValueSource> = {};
  for (const feature of model.features) {
    const state = propagation.features.find((f) => f.code === feature.code)!;
    if (feature.code in chosen) sources[feature.code] = 'USER';
    else if (isImplied(state)) sources[feature.code] = 'IMPLIED';
    else if (
      feature.default !== undefined &&
      sameText(writeFeatureValue(feature.default), values[feature.code])
    )
      sources[feature.code] = 'DEFAULT';
    else sources[feature.code] = 'COMPLETED';
  }
  const priced = price(model, values, quantity);
  if (!priced.ok) {
    // The values come from the model itself: a price that cannot be computed is a fault in the model.
    throw new Error(
      `${model.code} v${version.version} cannot be priced: ${priced.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    );
  }
  return {
    version,
    model,
    quantity,
    chosen,
    values,
    sources,
    check: check(model, values),
    propagation,
    price: priced.price,
  };
}

function readValue(model: ProductModel, code: string, value: SelectionValue | null) {
  const reading = readFeatureValue(model.featureByCode.get(code)!, value);
  if (!reading.ok) throw new Error(reading.problem);
  return reading.value;
}

function isImplied(state: Propagation['features'][number]): boolean {
  if (state.allowed) return state.allowed.min === state.allowed.max;
  return state.options.some((option) => option.implied);
}

function sameText(a: SelectionValue | null | undefined, b: SelectionValue | null | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
