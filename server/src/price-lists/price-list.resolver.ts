import { Ctx, Query, Resolver } from 'type-graphql';
import { Allow, ApiScope } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { PRICE_LIST_ROLES, PriceListView, toPriceListView } from './price-list.types.js';

/** Which currencies are offered, and (to sales staff) every price list. */
@Resolver()
export class PriceListResolver {
  @Query(() => [String], {
    description:
      'The ISO 4217 currencies a visitor may be priced in today (each has a default price list in effect), in alphabetical order: what the configurator’s currency switch offers.',
  })
  @Allow({ users: 'anyone', scope: ApiScope.CATALOG_READ })
  async currencies(@Ctx() { priceLists, clock }: RequestContext): Promise<string[]> {
    return priceLists.currencies(clock.today());
  }

  @Query(() => [PriceListView], {
    description:
      'Every published price list (in effect or not), by code: sales staff price for an account by one (ConfigurationInput.priceListCode) and give an account its list (setAccountPriceList).',
  })
  @Allow({ users: PRICE_LIST_ROLES, scope: null })
  async priceLists(@Ctx() { priceLists }: RequestContext): Promise<PriceListView[]> {
    return (await priceLists.all()).map(toPriceListView);
  }
}
