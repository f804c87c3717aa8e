import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { costOf } from '../engine/index.js';
import { Allow, AllowField, ApiScope, isStaff, type Viewer } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { key, ValidArgs } from '../graphql/input-validation.js';
import { ConfigurationInput, SelectionInput } from '../graphql/selection.types.js';
import { choicesInput, configurationInput, conflictArguments, currencyCode } from './configuration.inputs.js';
import {
  toConfiguration,
  toConfigurationChanges,
  toConfigurationCost,
  toSavedConfiguration,
  toSelections,
  valueText,
} from './configuration.mapper.js';
import type { SavedConfigurationOwner } from './configuration.service.js';
import { selectionEntries } from './configuration.service.js';
import {
  ChoiceChange,
  Completion,
  CompletionPreference,
  Configuration,
  ConfigurationChanges,
  ConfigurationCost,
  ConflictResolution,
  SavedConfigurationView,
} from './configuration.types.js';
import { PRICING_ROLES } from './pricing.js';

const CURRENCY_ARGUMENT = {
  nullable: true,
  description:
    'ISO 4217 currency to price in (see `currencies`), as ConfigurationInput.currency; a customer account’s own currency and list apply to its contacts and keys.',
} as const;

/** Whom a saved configuration belongs to: the person who saved it, and the account of a customer or a key. */
function ownerOf(viewer: Viewer): SavedConfigurationOwner {
  if (viewer.kind === 'anonymous') return { userId: null, accountId: null };
  if (viewer.kind === 'apiKey') return { userId: null, accountId: viewer.accountId };
  return { userId: viewer.userId, accountId: isStaff(viewer) ? null : viewer.accountId };
}

@Resolver()
export class ConfigurationResolver {
  @Query(() => Configuration, {
    description:
      'Evaluates choices on the server: the values in force (choices, then defaults, implied or completing values) and where each comes from, option states with reasons, validity and the price. Bad input is a BAD_USER_INPUT error naming the field.',
  })
  @UseMiddleware(ValidArgs({ input: configurationInput }))
  @Allow({ users: 'anyone', scope: ApiScope.CONFIGURE })
  async configure(
    @Arg('input', () => ConfigurationInput) input: ConfigurationInput,
    @Ctx() { configurations, catalog, pricing, viewer }: RequestContext,
  ): Promise<Configuration> {
    const configured = await configurations.configure(
      input,
      'input',
      await pricing.forViewer(viewer, input, 'input'),
    );
    // The view is made anew (a tenth of a millisecond): an answer asked again is answered whole from the
    // remembered responses, and keeping every view too only made each new configuration cost the garbage
    // collector the copying of a few hundred objects more.
    return toConfiguration(configured, catalog.loaded(configured.version));
  }

  @Query(() => ConflictResolution, {
    description:
      'For an option that the choices exclude (feature and option code; a multiple choice: the option to tick; true/false; a number): the nearest fix (the fewest earlier choices to give up, a tick box counting as one; then a number moved the fewest steps from the value given; then the least price), what each becomes, and the configuration once resolved. Applying it is one configure call with its selections.',
  })
  @UseMiddleware(ValidArgs({ input: configurationInput, ...conflictArguments }))
  @Allow({ users: 'anyone', scope: ApiScope.CONFIGURE })
  async resolveConflict(
    @Arg('input', () => ConfigurationInput) input: ConfigurationInput,
    @Arg('feature', () => String) feature: string,
    @Arg('value', () => String) value: string,
    @Ctx() { configurations, catalog, pricing, viewer }: RequestContext,
  ): Promise<ConflictResolution> {
    const { resolution, before, after } = await configurations.resolveConflict(
      input,
      feature,
      value,
      await pricing.forViewer(viewer, input, 'input'),
    );
    const { model } = after;
    const labelOf = (code: string, values: string[]): string =>
      valueText(model.featureByCode.get(code)!, values);
    const asList = (v: unknown): string[] =>
      v === null || v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
    return Object.assign(new ConflictResolution(), {
      feature,
      value,
      possible: resolution.possible,
      changes: resolution.changes.map((change) => {
        const f = model.featureByCode.get(change.feature)!;
        const from = asList(change.from);
        const to = asList(change.to);
        return Object.assign(new ChoiceChange(), {
          feature: change.feature,
          label: f.label,
          from,
          to,
          description: `${f.label}: ${labelOf(change.feature, from)} → ${labelOf(change.feature, to)}`,
        });
      }),
      selections: toSelections(selectionEntries(model, resolution.selection)),
      configuration: toConfiguration(after, catalog.loaded(after.version)),
      effects: toConfigurationChanges(before, after),
    });
  }

  @Query(() => Completion, {
    description:
      'Completes the choices to a valid complete configuration ("complete it for me"): the defaults first, or the cheapest.',
  })
  @UseMiddleware(ValidArgs({ input: configurationInput }))
  @Allow({ users: 'anyone', scope: ApiScope.CONFIGURE })
  async autocomplete(
    @Arg('input', () => ConfigurationInput) input: ConfigurationInput,
    @Arg('preference', () => CompletionPreference, { defaultValue: CompletionPreference.DEFAULTS })
    preference: CompletionPreference,
    @Ctx() { configurations, catalog, pricing, viewer }: RequestContext,
  ): Promise<Completion> {
    const { configured, completed, proven } = await configurations.complete(
      input,
      preference,
      await pricing.forViewer(viewer, input, 'input'),
    );
    const shown = completed ?? configured;
    return Object.assign(new Completion(), {
      found: completed !== null,
      preference,
      proven,
      selections: completed ? toSelections(selectionEntries(completed.model, completed.chosen)) : [],
      configuration: toConfiguration(shown, catalog.loaded(shown.version)),
    });
  }

  @Query(() => SavedConfigurationView, {
    nullable: true,
    description:
      'A saved configuration, evaluated on the model version it was saved with; null for an unknown code.',
  })
  @UseMiddleware(ValidArgs({ code: key('A code'), currency: currencyCode.nullish() }))
  @Allow({ users: 'anyone', scope: ApiScope.CONFIGURE })
  async savedConfiguration(
    @Arg('code', () => String) code: string,
    @Arg('currency', () => String, CURRENCY_ARGUMENT) currency: string | null,
    @Ctx() { configurations, catalog, pricing, viewer }: RequestContext,
  ): Promise<SavedConfigurationView | null> {
    const found = await configurations.findSaved(code, await pricing.forViewer(viewer, { currency }, ''));
    return found ? toSavedConfiguration(found, catalog.loaded(found.configuration.version)) : null;
  }

  @Mutation(() => SavedConfigurationView, {
    description:
      'Saves the choices (not the defaults), the model version and the quantity under a short random code to share. Bad input is refused and writes nothing.',
  })
  @UseMiddleware(ValidArgs({ input: configurationInput }))
  @Allow({ users: 'anyone', scope: ApiScope.CONFIGURE })
  async saveConfiguration(
    @Arg('input', () => ConfigurationInput) input: ConfigurationInput,
    @Ctx() { configurations, catalog, pricing, viewer }: RequestContext,
  ): Promise<SavedConfigurationView> {
    const saved = await configurations.save(
      input,
      ownerOf(viewer),
      'input',
      await pricing.forViewer(viewer, input, 'input'),
    );
    return toSavedConfiguration(saved, catalog.loaded(saved.configuration.version));
  }

  @Query(() => [SavedConfigurationView], {
    description:
      'The configurations saved by the signed-in person, or for their customer account (a customer; a key: its account’s), newest first, at most 50.',
  })
  @UseMiddleware(ValidArgs({ currency: currencyCode.nullish() }))
  @Allow({ users: 'signed-in', scope: ApiScope.CONFIGURE })
  async mySavedConfigurations(
    @Arg('currency', () => String, CURRENCY_ARGUMENT) currency: string | null,
    @Ctx() { configurations, catalog, pricing, viewer }: RequestContext,
  ): Promise<SavedConfigurationView[]> {
    const found = await configurations.savedBy(
      ownerOf(viewer),
      undefined,
      await pricing.forViewer(viewer, { currency }, ''),
    );
    return found.map((saved) => toSavedConfiguration(saved, catalog.loaded(saved.configuration.version)));
  }
}

/** What changed since earlier choices, asked of any configuration: the configurator's notice, and a partner's. */
@Resolver(() => Configuration)
export class ConfigurationChangesResolver {
  @FieldResolver(() => ConfigurationChanges, {
    description:
      'What differs from the configuration that `choices` gave (the choices sent before the last change; same product, model version and quantity) to this one: every feature whose value in force changed, with from, to and its price delta, and the other price lines that changed; the deltas add up to totalDelta. The server keeps no history: the caller says what it showed before, and the server evaluates both. Values with chosen false are changes the person did not make (a default re-chosen to fit their choice): show them, with a way back to `choices`.',
  })
  @UseMiddleware(ValidArgs({ choices: choicesInput }))
  changesSince(
    @Root() configuration: Configuration,
    @Arg('choices', () => [SelectionInput], {
      description: 'The earlier choices, as they were sent to configure (ConfigurationInput.selections).',
    })
    choices: SelectionInput[],
    @Ctx() { configurations }: RequestContext,
  ): ConfigurationChanges {
    const before = configurations.earlier(configuration.configured, choices);
    return toConfigurationChanges(before, configuration.configured);
  }
}

/** What a configuration costs to make and the margin of its price: sales staff only. */
@Resolver(() => Configuration)
export class ConfigurationCostResolver {
  @FieldResolver(() => ConfigurationCost, {
    nullable: true,
    description:
      'Sales staff only (SALES, SALES_MANAGER, ADMIN; FORBIDDEN to customers and API keys): what the configuration costs to make and the margin of its price over that cost. Null when it cannot be costed (not valid and complete).',
  })
  @AllowField({ users: PRICING_ROLES, scope: null })
  cost(@Root() configuration: Configuration, @Ctx() { catalog }: RequestContext): ConfigurationCost | null {
    const { configured } = configuration;
    const { version, values, quantity } = configured;
    // The model's own currency and parts: a price list reprices what is sold, not what the plant pays.
    const { model } = catalog.loaded(version);
    const cost = catalog.memoConfiguration(
      `cost|${version.id}|${quantity}|${JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)))}`,
      () => costOf(model, values, quantity),
    );
    return toConfigurationCost(configured, cost);
  }
}
