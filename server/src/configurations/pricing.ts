import type { EntityManager } from '@mikro-orm/core';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import type { Clock } from '../db/clock.js';
import { inEffect } from '../engine/index.js';
import { badInput } from '../errors.js';
import { hasRole, isStaff, type Role, type Viewer } from '../graphql/authorization.js';
import type { PriceListService } from '../price-lists/price-list.service.js';
import { PRICE_LIST_ROLES } from '../price-lists/price-list.types.js';
import type { PricingContext } from './configuration.service.js';

/** The currency a visitor who names none is priced in. */
export const DEFAULT_CURRENCY = 'EUR';

/** Staff who price for an account by naming a price list (ConfigurationInput.priceListCode) and see costs. */
export const PRICING_ROLES: readonly Role[] = PRICE_LIST_ROLES;

/** What a request asks of its pricing (ConfigurationInput.currency and priceListCode). */
export interface PricingRequest {
  currency?: string | null;
  priceListCode?: string | null;
}

/** The customer account whose price list prices what a viewer sees: a customer's, or an account key's. */
export function pricedAccountOf(viewer: Viewer): number | null {
  if (viewer.kind === 'anonymous' || isStaff(viewer)) return null;
  return viewer.accountId;
}

/**
 * Which price list prices a configuration for whoever asks, on the server's today:
 * - sales staff may name a list (`priceListCode`), to price for an account as it buys;
 * - a customer account (a customer's contacts, its keys, an order placed for it) buys by its own list,
 *   else by the default list of its currency: another currency is refused;
 * - everyone else by the default list of the currency they ask for (EUR when they name none).
 * A model the account's own list does not price is priced by the default list of the account's currency
 * (a contract names only some products); a model the default list does not price, when the visitor named no
 * currency, keeps its own prices. Every refusal names the field at fault.
 */
export class ViewerPricing {
  constructor(
    private readonly em: EntityManager,
    private readonly priceLists: PriceListService,
    private readonly clock: Clock,
  ) {}

  /**
   * The pricing of `request` (its fields under `field`, e.g. `input` or `input.lines[1]`; '' for arguments of
   * their own) for the viewer; `accountId`
   * is the account priced for (default: the viewer's own, for a customer or an account's key).
   */
  async forViewer(
    viewer: Viewer,
    request: PricingRequest,
    field: string,
    accountId: number | null = pricedAccountOf(viewer),
  ): Promise<PricingContext | undefined> {
    const onDate = this.clock.today();
    const currency = request.currency ?? null;
    const at = (name: string) => (field ? `${field}.${name}` : name);
    if (request.priceListCode !== undefined && request.priceListCode !== null)
      return this.named(viewer, request.priceListCode, currency, at, onDate);
    if (accountId !== null) {
      const account = await this.em.findOne(CustomerAccount, { id: accountId });
      if (account) return this.forAccount(account, currency, at, onDate);
    }
    const list = await this.priceLists.defaultFor(currency ?? DEFAULT_CURRENCY, onDate);
    if (list) return { priceList: list, onDate, otherwise: currency === null ? 'model' : undefined };
    if (currency === null) return undefined;
    const offered = await this.priceLists.currencies(onDate);
    throw badInput(
      at('currency'),
      `We do not price in '${currency}' (currencies: ${offered.join(', ') || 'none'})`,
    );
  }

  /** A list named by sales staff: it must exist, be in effect, and be in the currency asked for. */
  private async named(
    viewer: Viewer,
    code: string,
    currency: string | null,
    at: (name: string) => string,
    onDate: string,
  ): Promise<PricingContext> {
    if (!hasRole(viewer, ...PRICING_ROLES))
      throw badInput(
        at('priceListCode'),
        'Only sales staff choose a price list: leave priceListCode out (your prices are your account’s)',
      );
    const list = await this.priceLists.byCode(code);
    if (!list) {
      const codes = (await this.priceLists.all()).map((known) => known.code);
      throw badInput(at('priceListCode'), `No price list '${code}' (price lists: ${codes.join(', ')})`);
    }
    if (!inEffect(list, onDate))
      throw badInput(
        at('priceListCode'),
        `${list.name} (${list.code}) is in effect ${list.effectiveFrom} to ${list.effectiveTo ?? 'further notice'}, not on ${onDate}`,
      );
    if (currency !== null && currency !== list.currency)
      throw badInput(
        at('currency'),
        `${list.name} (${list.code}) prices in ${list.currency}, not ${currency}: leave currency out or give ${list.currency}`,
      );
    return { priceList: list, onDate };
  }

  /** An account's list; a model it does not price goes by the default list of the account's currency. */
  private async forAccount(
    account: CustomerAccount,
    currency: string | null,
    at: (name: string) => string,
    onDate: string,
  ): Promise<PricingContext> {
    if (currency !== null && currency !== account.currency)
      throw badInput(
        at('currency'),
        `${account.name} buys in ${account.currency}: prices in ${currency} are not offered to it (leave currency out)`,
      );
    const list = await this.priceLists.forAccount(account, onDate);
    if (!list)
      throw badInput(
        at('currency'),
        `No price list in ${account.currency} (the currency ${account.name} buys in) is in effect on ${onDate}`,
      );
    const fallback = list.isDefault ? null : await this.priceLists.defaultFor(account.currency, onDate);
    return {
      priceList: list,
      onDate,
      otherwise: fallback ? { priceList: fallback, onDate } : undefined,
    };
  }
}
