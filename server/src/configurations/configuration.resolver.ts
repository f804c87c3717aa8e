import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { ConfigurationInput } from '../graphql/selection.types.js';
import { toConfiguration, toSavedConfiguration } from './configuration.mapper.js';
import { Configuration, SavedConfigurationView } from './configuration.types.js';

@Resolver()
export class ConfigurationResolver {
  @Query(() => Configuration, {
    description:
      'Evaluates choices on the server: the values in force (choices, then defaults, implied or completing values) and where each comes from, option states with reasons, validity and the price. Bad input is a BAD_USER_INPUT error naming the field.',
  })
  async configure(
    @Arg('input', () => ConfigurationInput) input: ConfigurationInput,
    @Ctx() { configurations, catalog }: RequestContext,
  ): Promise<Configuration> {
    const configured = await configurations.configure(input);
    const map = (): Configuration => toConfiguration(configured, catalog.loaded(configured.version));
    // The GraphQL view of a remembered answer is remembered too (it is only read, never changed).
    return configured.cacheKey ? catalog.memoConfiguration(`graphql|${configured.cacheKey}`, map) : map();
  }

  @Query(() => SavedConfigurationView, {
    nullable: true,
    description:
      'A saved configuration, evaluated on the model version it was saved with; null for an unknown code.',
  })
  async savedConfiguration(
    @Arg('code', () => String) code: string,
    @Ctx() { configurations, catalog }: RequestContext,
  ): Promise<SavedConfigurationView | null> {
    const found = await configurations.findSaved(code);
    return found ? toSavedConfiguration(found, catalog.loaded(found.configuration.version)) : null;
  }

  @Mutation(() => SavedConfigurationView, {
    description:
      'Saves the choices (not the defaults), the model version and the quantity under a short random code to share. Bad input is refused and writes nothing.',
  })
  async saveConfiguration(
    @Arg('input', () => ConfigurationInput) input: ConfigurationInput,
    @Ctx() { configurations, catalog }: RequestContext,
  ): Promise<SavedConfigurationView> {
    const saved = await configurations.save(input);
    return toSavedConfiguration(saved, catalog.loaded(saved.configuration.version));
  }
}
