import { randomInt } from 'node:crypto';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { User } from '../accounts/user.entity.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ModelVersionRecord } from '../catalog/model-cache.js';
import {
  autocomplete,
  type CheckResult,
  type ConflictResolution,
  cheapestCompletionByPrice,
  check,
  type Price,
  type PriceList,
  type ProductModel,
  type Propagation,
  price,
  pricedWith,
  propagate,
  type Reason,
  readFeatureValue,
  resolveConflict,
  type Selection,
  type SelectionValue,
  withDefaults,
  writeFeatureValue,
} from '../engine/index.js';
import { badInput } from '../errors.js';
import type { ConfigurationInput, SelectionInput } from '../graphql/selection.types.js';
import { SavedConfiguration } from './saved-configuration.entity.js';

/** Where a feature's value in force comes from. */
export type ValueSource = 'USER' | 'DEFAULT' | 'IMPLIED' | 'COMPLETED';

/** One feature's value in input form: `value` for single choice, boolean and numbers; `values` for multiple. */
export interface SelectionEntry {
  feature: string;
  value: string | null;
  values: string[] | null;
  /** In a list of choices: whether the person picked it or it was filled in for them. */
  source?: 'CHOSEN' | 'DEFAULT';
}

/** A saved configuration with its evaluation on the model version it was saved with. */
export interface SavedConfigurationResult {
  saved: SavedConfiguration;
  configuration: ConfiguredProduct;
}

const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const CODE_LENGTH = 10;
const SAVE_ATTEMPTS = 5;

/** A share code: 10 characters of [a-z0-9] from a cryptographic source (36^10, about 3.7e15 codes). */
export function randomShareCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * A configuration as the server sees it: the user's choices, the values in force (the choices, then
 * defaults where the rules allow, else values the rules imply or that complete it), and everything
 * the engine says about it. Never built from a client's claims: recomputed on every request.
 */
export interface ConfiguredProduct {
  version: ModelVersionRecord;
  model: ProductModel;
  /** Names this answer among all answers: model version, quantity and choices (null when not remembered). */
  cacheKey: string | null;
  quantity: number;
  /** What the user chose, as given (the values filled in for them and kept included). */
  chosen: Selection;
  /** The features of `chosen` whose value was filled in for the person (a default), not picked by them; configurator order. */
  filledIn: string[];
  /** Every feature's value in force, in selection form (null: an optional choice left open). */
  values: Record<string, SelectionValue | null>;
  sources: Record<string, ValueSource>;
  /** Validity and completeness of the values in force. */
  check: CheckResult;
  /** Option states after the user's choices (defaults are not choices: they never exclude anything). */
  propagation: Propagation;
  /** Whether some valid configuration keeps every choice. */
  consistent: boolean;
  /** Valid complete configurations that keep every choice; null when the model cannot be counted. */
  remaining: bigint | null;
  /** When not consistent: the choices that cannot hold together (each needed) and the rules linking them. */
  conflict: { features: string[]; reasons: Reason[] } | null;
  price: Price;
}

/**
 * Which price list prices a configuration, on which day: the engine then prices with the list's
 * currency and prices, and every price says which list it came from (`Price.priceList`). Left out, the
 * model's own prices.
 */
export interface PricingContext {
  priceList: PriceList;
  /** YYYY-MM-DD: the list must be in effect that day. */
  onDate: string;
  /**
   * When the list has no prices for the model at all: the pricing to use instead (an account's contract
   * names some products; the rest go by the default list of its currency), or 'model' for the model's own
   * prices. Left out, such a model is refused naming `priceList`.
   */
  otherwise?: PricingContext | 'model';
}

/** Whether `pricing` prices the model at all: its list has prices for it, or what it falls back to does. */
function listPrices(pricing: PricingContext, modelCode: string): boolean {
  if (pricing.priceList.models.has(modelCode)) return true;
  if (!pricing.otherwise) return false;
  return pricing.otherwise === 'model' || listPrices(pricing.otherwise, modelCode);
}

/**
 * A number per priced model object (a model priced by a list is its own object, `pricedWith`): the
 * remembered answers of a model priced by a list are not those of the model's own prices, nor of a
 * list republished under the same code.
 */
const pricedSerials = new WeakMap<ProductModel, number>();
let nextPricedSerial = 1;
function pricingKey(model: ProductModel): string {
  if (!('priceList' in model)) return '';
  let serial = pricedSerials.get(model);
  if (serial === undefined) {
    serial = nextPricedSerial++;
    pricedSerials.set(model, serial);
  }
  return `@${serial}`;
}

/** Configure a product (validity, option states with reasons, the values in force, the price) and saved configurations. */
export class ConfigurationService {
  constructor(
    readonly em: EntityManager,
    readonly catalog: CatalogService,
    /** Where share codes come from (replaced in tests to force a collision). */
    private readonly newCode: () => string = randomShareCode,
  ) {}

  /**
   * Reads a configuration input (its shape and quantity already checked by configurationInput) against
   * the model and evaluates it. Bad input (an unknown product, version, feature or option, a number out
   * of range) is refused with an error naming the field, under `field` (`input`, `input.lines[2]`).
   */
  async configure(
    input: ConfigurationInput,
    field = 'input',
    pricing?: PricingContext,
  ): Promise<ConfiguredProduct> {
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
    const model = this.pricedModel(this.catalog.loaded(version).model, pricing);
    // The quantity's range was checked by configurationInput (configuration.inputs.ts).
    const quantity = input.quantity ?? 1;
    // The answer depends only on the (immutable) version, the quantity and the choices. Choices sent
    // exactly as before were valid then and are valid now: they are not read again.
    const sent = `sent|${version.id}|${JSON.stringify(input.selections.map((s) => [s.feature, s.value ?? null, s.values ?? null, s.source ?? null]))}`;
    const { chosen, filledIn } = this.catalog.memoConfiguration(sent, () => ({
      chosen: readSelectionInput(model, input.selections, `${field}.selections`),
      filledIn: filledInOf(model, input.selections),
    }));
    return this.evaluated(version, model, chosen, quantity, filledIn);
  }

  /**
   * One unit of a version's default build (the build the catalogue pictures) priced as configure prices it
   * for `pricing`; without it, the model's own prices. Null when the model has no default build, or when
   * the list (and the lists it falls back to) has no prices for the model: the catalogue then shows no price
   * rather than refusing the whole catalogue.
   */
  startingPrice(version: ModelVersionRecord, pricing?: PricingContext): Price | null {
    const { model, defaultPrice, defaultSelection } = this.catalog.loaded(version);
    if (!pricing) return defaultPrice;
    if (!defaultSelection || !listPrices(pricing, model.code)) return null;
    const priced = this.pricedModel(model, pricing);
    return this.catalog.memoConfiguration(`starting|${version.id}${pricingKey(priced)}`, () => {
      const result = price(priced, defaultSelection, 1);
      return result.ok ? result.price : null;
    });
  }

  /** The model priced by the list (refused naming `priceList` when the list does not price it that day). */
  private pricedModel(model: ProductModel, pricing: PricingContext | undefined): ProductModel {
    if (!pricing) return model;
    if (pricing.otherwise && !pricing.priceList.models.has(model.code))
      return pricing.otherwise === 'model' ? model : this.pricedModel(model, pricing.otherwise);
    const priced = pricedWith(model, pricing.priceList, pricing.onDate);
    if (!priced.ok)
      throw badInput(
        'priceList',
        `price list ${pricing.priceList.code} cannot price ${model.code}: ${priced.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      );
    return priced.model;
  }

  /** An evaluated configuration, remembered by version, price list, quantity and choices. */
  private evaluated(
    version: ModelVersionRecord,
    model: ProductModel,
    chosen: Selection,
    quantity: number,
    filledIn: readonly string[],
  ): ConfiguredProduct {
    const key = `${version.id}${pricingKey(model)}|${quantity}|${JSON.stringify(Object.entries(chosen).sort(([a], [b]) => (a < b ? -1 : 1)))}|${filledIn.join()}`;
    const evaluated = this.catalog.memoConfiguration(key, () =>
      evaluateConfiguration(version, model, chosen, quantity, filledIn),
    );
    return { ...evaluated, version, cacheKey: key };
  }

  /**
   * For an option the choices exclude: the fewest earlier choices to give up (and what each becomes),
   * and the configuration once they are, which is what configure returns for its `selections`.
   */
  async resolveConflict(
    input: ConfigurationInput,
    feature: string,
    value: string,
    pricing?: PricingContext,
  ): Promise<{
    resolution: Extract<ConflictResolution, { ok: true }>;
    before: ConfiguredProduct;
    after: ConfiguredProduct;
  }> {
    const configured = await this.configure(input, 'input', pricing);
    const { model, version, quantity } = configured;
    const target = model.featureByCode.get(feature);
    if (!target) {
      throw badInput(
        'feature',
        `'${feature}' is not a feature of ${model.code} (features: ${model.features.map((f) => f.code).join(', ')})`,
      );
    }
    const resolution = this.catalog.memoConfiguration(
      `resolve|${configured.cacheKey}|${feature}|${value}`,
      () => resolveConflict(model, configured.chosen, feature, value),
    );
    if (!resolution.ok) throw badInput('value', resolution.problems.map((p) => p.message).join('; '));
    // The option asked for and the choices the person agrees to change become theirs; the values
    // filled in for them that stay as they were stay filled in.
    const changed = new Set([feature, ...resolution.changes.map((c) => c.feature)]);
    const filledIn = configured.filledIn.filter((code) => !changed.has(code));
    return {
      resolution,
      before: configured,
      after: this.evaluated(version, model, resolution.selection, quantity, filledIn),
    };
  }

  /**
   * The configuration earlier choices gave, on the same model version and at the same quantity as
   * `configured`: what the person saw before their last change, to compare with what they see now. The
   * choices are read as configure reads them (a bad one is refused naming `field[i]`).
   */
  earlier(configured: ConfiguredProduct, choices: SelectionInput[], field = 'choices'): ConfiguredProduct {
    const { version, model, quantity } = configured;
    // The same key and answer as configure's for the same choices (the source of each included).
    const sent = `sent|${version.id}|${JSON.stringify(choices.map((s) => [s.feature, s.value ?? null, s.values ?? null, s.source ?? null]))}`;
    const { chosen, filledIn } = this.catalog.memoConfiguration(sent, () => ({
      chosen: readSelectionInput(model, choices, field),
      filledIn: filledInOf(model, choices),
    }));
    return this.evaluated(version, model, chosen, quantity, filledIn);
  }

  /**
   * A valid complete configuration keeping every choice: the defaults first (as configure fills the
   * values in force), or the cheapest by price (surcharges and price formulas; `proven` false when the
   * search stopped at its limit with the cheapest it had found). Null when the choices conflict.
   */
  async complete(
    input: ConfigurationInput,
    preference: 'DEFAULTS' | 'CHEAPEST',
    pricing?: PricingContext,
  ): Promise<{ configured: ConfiguredProduct; completed: ConfiguredProduct | null; proven: boolean | null }> {
    const configured = await this.configure(input, 'input', pricing);
    const { model, version, quantity } = configured;
    let values: Record<string, SelectionValue | null> | null;
    let proven: boolean | null = null;
    if (preference === 'CHEAPEST') {
      const cheapest = this.catalog.memoConfiguration(`cheapest|${configured.cacheKey}`, () =>
        cheapestCompletionByPrice(model, configured.chosen),
      );
      values = cheapest?.selection ?? null;
      proven = cheapest?.proven ?? null;
    } else {
      const completion = autocomplete(model, configured.chosen);
      values = completion.found ? completion.selection : null;
    }
    if (!values) return { configured, completed: null, proven };
    const chosen: Record<string, SelectionValue> = {};
    for (const [code, value] of Object.entries(values)) if (value !== null) chosen[code] = value;
    // What the completion adds is filled in for the person, not picked by them.
    const filledIn = model.features
      .filter(
        (f) => f.code in chosen && (configured.filledIn.includes(f.code) || !(f.code in configured.chosen)),
      )
      .map((f) => f.code);
    return { configured, completed: this.evaluated(version, model, chosen, quantity, filledIn), proven };
  }

  /**
   * Saves the user's choices (not the defaults: those apply again when it is opened), the model
   * version and the quantity under a new random code. The input is read and evaluated first, so bad
   * input is refused before anything is written; nothing the client sends is stored but its choices.
   * Invalid or incomplete configurations may be saved too: sharing work in progress is the point.
   */
  async save(
    input: ConfigurationInput,
    owner: SavedConfigurationOwner = { userId: null, accountId: null },
    field = 'input',
    pricing?: PricingContext,
  ): Promise<SavedConfigurationResult> {
    const configuration = await this.configure(input, field, pricing);
    const selections = selectionEntries(configuration.model, configuration.chosen, configuration.filledIn);
    for (let attempt = 1; ; attempt++) {
      // A fresh unit of work per attempt: a collision leaves nothing behind to flush again.
      const em = this.em.fork();
      const saved = em.create(SavedConfiguration, {
        code: this.newCode(),
        productCode: configuration.model.code,
        modelVersion: configuration.version.version,
        selections,
        quantity: configuration.quantity,
        createdAt: new Date(),
        savedBy: owner.userId === null ? null : em.getReference(User, owner.userId),
        account: owner.accountId === null ? null : em.getReference(CustomerAccount, owner.accountId),
      });
      try {
        await em.flush();
        return { saved, configuration };
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= SAVE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The configurations a signed-in person saved, or their account's (a customer sees what colleagues saved
   * for the account; a key its account's), newest first, at most `limit`.
   */
  async savedBy(
    owner: SavedConfigurationOwner,
    limit = 50,
    pricing?: PricingContext,
  ): Promise<SavedConfigurationResult[]> {
    const where =
      owner.accountId !== null
        ? { account: owner.accountId }
        : owner.userId !== null
          ? { savedBy: owner.userId }
          : null;
    if (where === null) return [];
    const rows = await this.em.find(SavedConfiguration, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit,
    });
    const results: SavedConfigurationResult[] = [];
    for (const saved of rows) results.push(await this.evaluateSaved(saved, pricing));
    return results;
  }

  /**
   * A saved configuration evaluated on the model version it was saved with, priced for whoever opens it;
   * null for an unknown code.
   */
  async findSaved(code: string, pricing?: PricingContext): Promise<SavedConfigurationResult | null> {
    const saved = await this.em.findOne(SavedConfiguration, { code });
    if (!saved) return null;
    return this.evaluateSaved(saved, pricing);
  }

  private async evaluateSaved(
    saved: SavedConfiguration,
    pricing: PricingContext | undefined,
  ): Promise<SavedConfigurationResult> {
    const version = await this.catalog.findVersion(saved.productCode, saved.modelVersion);
    if (!version) {
      // Published versions are never deleted: this is a database edited by hand.
      throw new Error(
        `saved configuration ${saved.code} names ${saved.productCode} v${saved.modelVersion}, which does not exist`,
      );
    }
    const model = this.pricedModel(this.catalog.loaded(version).model, pricing);
    const chosen = readSelectionInput(
      model,
      saved.selections,
      `savedConfiguration(${saved.code}).selections`,
    );
    return {
      saved,
      configuration: evaluateConfiguration(
        version,
        model,
        chosen,
        saved.quantity,
        filledInOf(model, saved.selections),
      ),
    };
  }
}

/** Who a configuration is saved for: the signed-in person and their customer account (both null: anonymous). */
export interface SavedConfigurationOwner {
  userId: number | null;
  accountId: number | null;
}

/**
 * A selection in input form, one entry per feature it names, in configurator order; a multiple
 * choice's options in model order. What a client can send back as `selections`.
 */
export function selectionEntries(
  model: ProductModel,
  selection: Readonly<Record<string, SelectionValue | null | undefined>>,
  /** For a list of choices: the features filled in for the person; each entry then says its source. */
  filledIn?: readonly string[],
): SelectionEntry[] {
  const entries: SelectionEntry[] = [];
  const sourced = (entry: SelectionEntry): SelectionEntry =>
    filledIn ? { ...entry, source: filledIn.includes(entry.feature) ? 'DEFAULT' : 'CHOSEN' } : entry;
  for (const feature of model.features) {
    if (!(feature.code in selection)) continue;
    const value = selection[feature.code];
    if (value === undefined) continue;
    if (feature.kind === 'multiple') {
      const codes = new Set(Array.isArray(value) ? value : value === null ? [] : [String(value)]);
      entries.push(
        sourced({
          feature: feature.code,
          value: null,
          values: feature.options.filter((o) => codes.has(o.code)).map((o) => o.code),
        }),
      );
    } else
      entries.push(
        sourced({ feature: feature.code, value: value === null ? null : String(value), values: null }),
      );
  }
  return entries;
}

/** The features whose value the person did not pick but kept as filled in for them (configurator order). */
export function filledInOf(
  model: ProductModel,
  selections: readonly { feature: string; source?: string | null }[],
): string[] {
  const filled = new Set(selections.filter((s) => s.source === 'DEFAULT').map((s) => s.feature));
  return model.features.filter((f) => filled.has(f.code)).map((f) => f.code);
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
  version: ModelVersionRecord,
  model: ProductModel,
  chosen: Selection,
  quantity: number,
  filledIn: readonly string[] = [],
): ConfiguredProduct {
  const propagation = propagate(model, chosen, { filledIn: new Set(filledIn) });
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
  let conflict: ConfiguredProduct['conflict'] = null;
  // Propagation's conflict is a minimal one; autocomplete's stands in for a search that gave up.
  if (propagation.conflict) conflict = propagation.conflict;
  else if (!completion.found && completion.cause === 'conflict')
    conflict = { features: completion.conflictingChoices, reasons: completion.reasons };
  const sources: Record<string, ValueSource> = {};
  for (const feature of model.features) {
    const state = propagation.features.find((f) => f.code === feature.code)!;
    if (feature.code in chosen && !filledIn.includes(feature.code)) sources[feature.code] = 'USER';
    else if (isImplied(state) && !(feature.code in chosen)) sources[feature.code] = 'IMPLIED';
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
    cacheKey: null,
    quantity,
    chosen,
    filledIn: [...filledIn],
    values,
    sources,
    check: check(model, values),
    propagation,
    consistent: conflict === null,
    remaining: propagation.remaining,
    conflict,
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

/** The same value in selection form; a multiple choice's options in any order. */
function sameText(a: SelectionValue | null | undefined, b: SelectionValue | null | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const codes = new Set(a);
    return codes.size === new Set(b).size && b.every((code) => codes.has(code));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
