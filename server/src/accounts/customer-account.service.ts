import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import type { PriceList } from '../engine/index.js';
import { badInput, notFound } from '../errors.js';
import { audit } from './audit.js';
import { AuditAction } from './audit-record.entity.js';
import {
  Address,
  type AddressKind,
  CustomerAccount,
  type CustomerAccountKind,
} from './customer-account.entity.js';

export interface NewAddress {
  kind: AddressKind;
  recipient: string;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export interface NewCustomerAccount {
  name: string;
  kind: CustomerAccountKind;
  currency: string;
  addresses: NewAddress[];
}

export const MAX_LISTED_ACCOUNTS = 200;
export const MAX_ACCOUNT_ADDRESSES = 20;

/** Customer accounts and their addresses. */
export class CustomerAccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async byId(id: number): Promise<CustomerAccount | null> {
    return this.em.findOne(CustomerAccount, { id });
  }

  async byIds(ids: readonly number[]): Promise<Map<number, CustomerAccount>> {
    const accounts = await this.em.find(CustomerAccount, { id: { $in: [...ids] } });
    return new Map(accounts.map((account) => [account.id, account]));
  }

  /** Accounts whose name contains the search (case aside), by name; at most 200. */
  async list(search: string | null | undefined): Promise<CustomerAccount[]> {
    // Filtered here, not in SQL: LIKE differs between SQLite and PostgreSQL in case and escaping.
    const accounts = await this.em.find(CustomerAccount, {}, { orderBy: { name: 'asc', id: 'asc' } });
    const wanted = search?.toLowerCase();
    return accounts
      .filter((account) => !wanted || account.name.toLowerCase().includes(wanted))
      .slice(0, MAX_LISTED_ACCOUNTS);
  }

  /** A new account and its addresses, in one transaction. */
  async create(input: NewCustomerAccount, actor: string): Promise<CustomerAccount> {
    return this.em.transactional(async (em) => {
      const account = em.create(CustomerAccount, {
        name: input.name,
        kind: input.kind,
        currency: input.currency,
        createdAt: this.clock.now(),
        createdBy: actor,
      });
      for (const address of input.addresses) em.create(Address, { ...address, account, createdBy: actor });
      await em.flush();
      return account;
    });
  }

  async addAddress(accountId: number, input: NewAddress, actor: string): Promise<Address> {
    const account = await this.byId(accountId);
    if (!account) throw notFound('accountId', `There is no customer account ${accountId}`);
    if ((await this.em.count(Address, { account })) >= MAX_ACCOUNT_ADDRESSES)
      throw badInput('accountId', `An account has at most ${MAX_ACCOUNT_ADDRESSES} addresses`);
    const address = this.em.create(Address, { ...input, account, createdBy: actor });
    await this.em.flush();
    return address;
  }

  /**
   * Gives an account its own price list (a contract list), or none (null: the default list of its
   * currency), recorded in the access audit with who did it. A list in another currency than the
   * account's is refused naming `priceListCode`: an account buys in one currency.
   */
  async setPriceList(
    accountId: number,
    list: Pick<PriceList, 'code' | 'name' | 'currency'> | null,
    actor: string,
  ): Promise<CustomerAccount> {
    const account = await this.byId(accountId);
    if (!account) throw notFound('accountId', `There is no customer account ${accountId}`);
    if (list && list.currency !== account.currency)
      throw badInput(
        'priceListCode',
        `${list.name} (${list.code}) prices in ${list.currency}, and ${account.name} buys in ${account.currency}: give it a ${account.currency} list`,
      );
    const before = account.priceListCode ?? null;
    const after = list?.code ?? null;
    if (before === after) return account;
    account.priceListCode = after;
    audit(
      this.em,
      this.clock,
      actor,
      AuditAction.ACCOUNT_PRICE_LIST_SET,
      `customer account ${account.id}`,
      `price list ${after ?? `none (the default ${account.currency} list)`}, was ${before ?? 'none'}`,
    );
    await this.em.flush();
    return account;
  }

  /** The addresses of the accounts, by account id (billing first, then in the order they were added). */
  async addressesOf(accountIds: readonly number[]): Promise<Map<number, Address[]>> {
    const addresses = await this.em.find(
      Address,
      { account: { $in: [...accountIds] } },
      { orderBy: { kind: 'asc', id: 'asc' } },
    );
    const byAccount = new Map<number, Address[]>(accountIds.map((id) => [id, []]));
    for (const address of addresses) byAccount.get(address.account.id)?.push(address);
    return byAccount;
  }
}
