import { Field, ObjectType } from 'type-graphql';
import type { PriceList } from '../engine/index.js';
import { Role } from '../graphql/authorization.js';
import { PriceMode, priceModeOf } from '../graphql/model-enums.js';

/** Who sees every price list and prices for an account by naming one: sales staff and admins. */
export const PRICE_LIST_ROLES: readonly Role[] = [Role.SALES, Role.SALES_MANAGER, Role.ADMIN];

@ObjectType('PriceList', {
  description:
    'A price list: the prices of product models for some customers, in one ISO 4217 currency, in effect from one date to another. Prices are never converted between currencies.',
})
export class PriceListView {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'ISO 4217.' })
  currency!: string;

  @Field(() => PriceMode, { description: 'Whether its prices include tax.' })
  prices!: PriceMode;

  @Field(() => Boolean, {
    description:
      'The list visitors without an account (and accounts without a list of their own) get in its currency.',
  })
  isDefault!: boolean;

  @Field(() => String, { description: 'YYYY-MM-DD, the first day it is in effect.' })
  effectiveFrom!: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, the last day; null: until further notice.',
  })
  effectiveTo!: string | null;

  @Field(() => [String], { description: 'The product codes it prices.' })
  productCodes!: string[];
}

export function toPriceListView(list: PriceList): PriceListView {
  return Object.assign(new PriceListView(), {
    code: list.code,
    name: list.name,
    currency: list.currency,
    prices: priceModeOf(list.prices),
    isDefault: list.isDefault,
    effectiveFrom: list.effectiveFrom,
    effectiveTo: list.effectiveTo,
    productCodes: [...list.models.keys()],
  });
}
