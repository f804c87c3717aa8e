import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Allow, AllowField, ApiScope, Role, STAFF_ROLES } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import {
  accountIdArgument,
  cursorArgument,
  invalidOrderCode,
  orderFilterArgument,
  orderNumberArgument,
  pageSize,
  placeOrderInput,
  trackingTokenArgument,
} from './order.inputs.js';
import { toBomLines, toOrder, toOrderConnection, toPlaceOrderResult } from './order.mapper.js';
import {
  BomLine,
  Order,
  OrderConnection,
  OrderFilterInput,
  OrderLine,
  PlaceOrderInput,
  PlaceOrderResult,
} from './order.types.js';
import { placerOf } from './order-access.js';

@Resolver()
export class OrderResolver {
  @Mutation(() => PlaceOrderResult, {
    description:
      'Places an order: every line is re-validated, re-priced and exploded on the server, then the order is ' +
      'written in one transaction. An expected failure is a union member (ConfigurationRejected, ' +
      'InvalidOrderInput) and writes nothing.',
  })
  @UseMiddleware(
    ValidArgs<RequestContext>({ input: placeOrderInput }, (problem, { catalog }) =>
      toPlaceOrderResult(
        { kind: 'invalid', code: invalidOrderCode(problem), field: problem.field, message: problem.message },
        catalog,
      ),
    ),
  )
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_WRITE })
  async placeOrder(
    @Arg('input', () => PlaceOrderInput) input: PlaceOrderInput,
    @Ctx() { orders, catalog, viewer, pricing, bomRows }: RequestContext,
  ): Promise<typeof PlaceOrderResult> {
    const placer = placerOf(viewer, input.accountId);
    if ('refused' in placer) {
      return toPlaceOrderResult(
        { kind: 'invalid', code: 'ACCOUNT_NOT_ALLOWED', field: 'input.accountId', message: placer.refused },
        catalog,
      );
    }
    // Each line priced as the person saw it: the account's list (ordered for an account), else the
    // default list of the line's currency, or the list sales staff name.
    const outcome = await orders.placeOrder(input, placer, (line, field) =>
      pricing.forViewer(viewer, line, field, placer.accountId),
    );
    // The BOM just written is the answer's: not read back.
    if (outcome.kind === 'placed')
      for (const [lineId, rows] of outcome.bom ?? []) bomRows.prime(lineId, rows);
    return toPlaceOrderResult(outcome, catalog);
  }

  @Query(() => Order, {
    nullable: true,
    description:
      'The order a tracking token opens (the link a guest gets when placing an order); null for any other text.',
  })
  @UseMiddleware(ValidArgs(trackingTokenArgument))
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_READ })
  async trackedOrder(
    @Arg('token', () => String) token: string,
    @Ctx() { orders, catalog }: RequestContext,
  ): Promise<Order | null> {
    const order = await orders.findByTrackingToken(token);
    return order ? toOrder(order, catalog) : null;
  }

  @Mutation(() => Order, {
    description:
      'Attaches a guest’s order to a customer account: its contacts and keys see it from then on. An order of another account is not moved (BAD_USER_INPUT); an unknown order or account is NOT_FOUND.',
  })
  @UseMiddleware(ValidArgs({ ...orderNumberArgument, ...accountIdArgument }))
  @Allow({ users: [Role.SALES, Role.SALES_MANAGER], scope: null })
  async attachOrderToAccount(
    @Arg('number', () => String) number: string,
    @Arg('accountId', () => Int) accountId: number,
    @Ctx() { orders, catalog, actor }: RequestContext,
  ): Promise<Order> {
    return toOrder(await orders.attachToAccount(number, accountId, actor), catalog);
  }

  @Query(() => Order, {
    nullable: true,
    description:
      'One order by its number (case, dashes and O/0, I/L/1 look-alikes do not matter); null when there is none or the caller may not see it (staff see every order; a customer account’s contacts and keys its own).',
  })
  @UseMiddleware(ValidArgs(orderNumberArgument))
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_READ })
  async order(
    @Arg('number', () => String) number: string,
    @Ctx() { orders, catalog, viewer }: RequestContext,
  ): Promise<Order | null> {
    const order = await orders.findByNumber(number, viewer);
    return order ? toOrder(order, catalog) : null;
  }

  @Query(() => OrderConnection, {
    description:
      'Orders the caller may see (staff: all; a customer or a key: its account’s) that the filter matches, newest placed first. `first`: 1 to 100, default 20; `after`: the `endCursor` of the page before. Cursors are stable: orders placed or changed meanwhile never make a page repeat or skip an order. A bad `first`, `after` or filter is a BAD_USER_INPUT error naming it; a customer or key naming another account in `filter.accountId` is FORBIDDEN.',
  })
  @UseMiddleware(ValidArgs({ ...orderFilterArgument, first: pageSize, ...cursorArgument }))
  @Allow({ users: 'signed-in', scope: ApiScope.ORDERS_READ })
  async orders(
    @Arg('filter', () => OrderFilterInput, { nullable: true }) filter: OrderFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { orders, catalog, viewer }: RequestContext,
  ): Promise<OrderConnection> {
    return toOrderConnection(await orders.list(first, after, viewer, filter ?? {}), catalog);
  }
}

/** An order line's tailored BOM: mapped with the line when loaded with it, else read for every line of the request at once. */
@Resolver(() => OrderLine)
export class OrderLineBomResolver {
  @FieldResolver(() => [BomLine], {
    nullable: true,
    description:
      'The tailored BOM, multi-level: each sub-assembly followed by its lines. Internal: staff and keys with operations:read; anyone else gets null and a FORBIDDEN (or UNAUTHENTICATED) error for this field.',
  })
  @AllowField({ users: STAFF_ROLES, scope: ApiScope.OPERATIONS_READ })
  async bom(@Root() line: OrderLine, @Ctx() { bomRows, catalog }: RequestContext): Promise<BomLine[]> {
    if (line.bom) return line.bom;
    const { currency, currencyDigits } = catalog.loaded(line.entity.modelVersion).model;
    return toBomLines(await bomRows.load(line.entity.id), currency, currencyDigits);
  }
}
