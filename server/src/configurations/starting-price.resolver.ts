import { Arg, Ctx, FieldResolver, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Product } from '../catalog/catalog.types.js';
import { Money } from '../graphql/common.types.js';
import type { RequestContext } from '../graphql/context.js';
import { key, ValidArgs } from '../graphql/input-validation.js';
import { currencyCode } from './configuration.inputs.js';

/**
 * The catalogue's price of a product, priced as configure prices it for the same caller: here, not in the
 * catalogue, since which price list prices whom is this module's (pricing.ts).
 */
@Resolver(() => Product)
export class StartingPriceResolver {
  @FieldResolver(() => Money, {
    nullable: true,
    description:
      'The price of one unit of the default build, by the price list configure would use for the same caller and arguments (ConfigurationInput.currency and priceListCode): a visitor’s the default list of `currency` (EUR when none is given), a customer’s or an account key’s its account’s list, sales staff’s the list they name. Null if the model has no default build or that list does not price it. Bad arguments are refused naming `currency` or `priceListCode`.',
  })
  @UseMiddleware(
    ValidArgs({ currency: currencyCode.nullish(), priceListCode: key('A price list code').nullish() }),
  )
  async startingPrice(
    @Root() product: Product,
    // type-graphql lists arguments in the schema last first: currency is the first argument there.
    @Arg('priceListCode', () => String, {
      nullable: true,
      description: 'Sales staff: the price list to price by, as ConfigurationInput.priceListCode.',
    })
    priceListCode: string | null,
    @Arg('currency', () => String, {
      nullable: true,
      description: 'ISO 4217 currency to price in (see `currencies`), as ConfigurationInput.currency.',
    })
    currency: string | null,
    @Ctx() { configurations, pricing, viewer }: RequestContext,
  ): Promise<Money | null> {
    const price = configurations.startingPrice(
      product.version,
      await pricing.forViewer(viewer, { currency, priceListCode }, ''),
    );
    return price ? Money.of(price.totalMinor, price.currency, price.currencyDigits) : null;
  }
}
