import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { badInput, NotFoundError } from '../errors.js';
import { Allow, AllowField, Role, STAFF_ROLES } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import { PRICE_LIST_ROLES, PriceListView, toPriceListView } from '../price-lists/price-list.types.js';
import {
  addAccountAddressArguments,
  newCustomerAccountArguments,
  searchArgument,
  setAccountPriceListArguments,
} from './accounts.inputs.js';
import { toAddressView, toCustomerAccountView, toUserView } from './accounts.mapper.js';
import {
  AddressInput,
  AddressView,
  CustomerAccountView,
  NewCustomerAccountInput,
  UserView,
} from './accounts.types.js';
import type { NewAddress, NewCustomerAccount } from './customer-account.service.js';

const SALES_STAFF = [Role.SALES, Role.SALES_MANAGER, Role.ADMIN] as const;

/** Customer accounts: sales staff see and create them; a CUSTOMER sees and adds addresses to their own. */
@Resolver(() => CustomerAccountView)
export class CustomerAccountResolver {
  @FieldResolver(() => [AddressView])
  async addresses(
    @Root() account: CustomerAccountView,
    @Ctx() { accountReads }: RequestContext,
  ): Promise<AddressView[]> {
    return (await accountReads.addresses.load(account.id)).map(toAddressView);
  }

  @FieldResolver(() => [UserView], { description: 'The account’s users (role CUSTOMER).' })
  async contacts(
    @Root() account: CustomerAccountView,
    @Ctx() { accountReads }: RequestContext,
  ): Promise<UserView[]> {
    return (await accountReads.contacts.load(account.id)).map(toUserView);
  }

  @FieldResolver(() => PriceListView, {
    nullable: true,
    description:
      'The price list the account buys by today: its own list (a contract) while in effect, else the default list of its currency; null when there is none. Staff and the account’s own contacts.',
  })
  @AllowField({ users: [Role.CUSTOMER, ...STAFF_ROLES], scope: null })
  async priceList(
    @Root() account: CustomerAccountView,
    @Ctx() { priceLists, clock }: RequestContext,
  ): Promise<PriceListView | null> {
    const list = await priceLists.forAccount(account, clock.today());
    return list ? toPriceListView(list) : null;
  }

  @FieldResolver(() => PriceListView, {
    nullable: true,
    description:
      'The account’s own price list (a contract) as setAccountPriceList gave it, in effect today or not (a list to come, one that ended); null: none, it buys by the default list of its currency. Sales staff and admins.',
  })
  @AllowField({ users: PRICE_LIST_ROLES, scope: null })
  async ownPriceList(
    @Root() account: CustomerAccountView,
    @Ctx() { priceLists }: RequestContext,
  ): Promise<PriceListView | null> {
    if (!account.priceListCode) return null;
    const list = await priceLists.byCode(account.priceListCode);
    return list ? toPriceListView(list) : null;
  }

  @Mutation(() => CustomerAccountView, {
    description:
      'Gives a customer account its own price list (a contract list, in the account’s currency), or none (null: the default list of its currency). Recorded in the access audit with who did it. An unknown list, or one in another currency, is refused naming priceListCode; an unknown account is NOT_FOUND.',
  })
  @UseMiddleware(ValidArgs(setAccountPriceListArguments))
  @Allow({ users: [Role.SALES_MANAGER, Role.ADMIN], scope: null })
  async setAccountPriceList(
    @Arg('accountId', () => Int) accountId: number,
    @Arg('priceListCode', () => String, { nullable: true }) priceListCode: string | null,
    @Ctx() { customerAccounts, priceLists, catalog, actor }: RequestContext,
  ): Promise<CustomerAccountView> {
    let list = null;
    if (priceListCode !== null) {
      list = await priceLists.byCode(priceListCode);
      if (!list) {
        const codes = (await priceLists.all()).map((known) => known.code);
        throw badInput(
          'priceListCode',
          `No price list '${priceListCode}' (price lists: ${codes.join(', ')})`,
        );
      }
    }
    const account = await customerAccounts.setPriceList(accountId, list, actor);
    // Its contacts' and keys' remembered answers were priced by the list it had.
    await catalog.pricesChanged();
    return toCustomerAccountView(account);
  }

  @Query(() => [CustomerAccountView], {
    description: 'Accounts whose name contains `search` (case aside), by name; at most 200.',
  })
  @UseMiddleware(ValidArgs(searchArgument))
  @Allow({ users: SALES_STAFF, scope: null })
  async customerAccounts(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() { customerAccounts }: RequestContext,
  ): Promise<CustomerAccountView[]> {
    return (await customerAccounts.list(search)).map(toCustomerAccountView);
  }

  @Query(() => CustomerAccountView, {
    nullable: true,
    description:
      'One account; null when there is none, or when a CUSTOMER asks for another account than their own.',
  })
  @Allow({ users: [Role.CUSTOMER, ...SALES_STAFF], scope: null })
  async customerAccount(
    @Arg('id', () => Int) id: number,
    @Ctx() { customerAccounts, viewer }: RequestContext,
  ): Promise<CustomerAccountView | null> {
    if (!hasSalesRole(viewer) && (viewer.kind !== 'user' || viewer.accountId !== id)) return null;
    const account = await customerAccounts.byId(id);
    return account ? toCustomerAccountView(account) : null;
  }

  @Mutation(() => CustomerAccountView, {
    description: 'A new customer account with its addresses (ISO 4217 currency, ISO 3166 countries).',
  })
  @UseMiddleware(ValidArgs(newCustomerAccountArguments))
  @Allow({ users: SALES_STAFF, scope: null })
  async createCustomerAccount(
    @Arg('input', () => NewCustomerAccountInput) input: NewCustomerAccountInput,
    @Ctx() { customerAccounts, actor }: RequestContext,
  ): Promise<CustomerAccountView> {
    return toCustomerAccountView(await customerAccounts.create(input as NewCustomerAccount, actor));
  }

  @Mutation(() => AddressView, {
    description: 'Adds an address to an account (sales staff to any, a CUSTOMER to their own); at most 20.',
  })
  @UseMiddleware(ValidArgs(addAccountAddressArguments))
  @Allow({ users: [Role.CUSTOMER, ...SALES_STAFF], scope: null })
  async addAccountAddress(
    @Arg('accountId', () => Int) id: number,
    @Arg('input', () => AddressInput) input: AddressInput,
    @Ctx() { customerAccounts, viewer, actor }: RequestContext,
  ): Promise<AddressView> {
    // Another account is answered as one that does not exist: its id alone reveals nothing.
    if (!hasSalesRole(viewer) && (viewer.kind !== 'user' || viewer.accountId !== id))
      throw new NotFoundError('accountId', `There is no customer account ${id}`);
    return toAddressView(await customerAccounts.addAddress(id, input as NewAddress, actor));
  }
}

function hasSalesRole(viewer: RequestContext['viewer']): boolean {
  return viewer.kind === 'user' && SALES_STAFF.some((role) => viewer.roles.includes(role));
}
