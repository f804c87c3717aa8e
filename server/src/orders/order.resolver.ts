import { Arg, Ctx, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { Allow, ApiScope } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import {
  cursorArgument,
  invalidOrderCode,
  orderNumberArgument,
  pageSize,
  placeOrderInput,
} from './order.inputs.js';
import { toOrder, toOrderConnection, toPlaceOrderResult } from './order.mapper.js';
import { Order, OrderConnection, PlaceOrderInput, PlaceOrderResult } from './order.types.js';

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
    @Ctx() { orders, catalog }: RequestContext,
  ): Promise<typeof PlaceOrderResult> {
    return toPlaceOrderResult(await orders.placeOrder(input), catalog);
  }

  @Query(() => Order, {
    nullable: true,
    description:
      'One order by its number (case, dashes and O/0, I/L/1 look-alikes do not matter); null when there is none.',
  })
  @UseMiddleware(ValidArgs(orderNumberArgument))
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_READ })
  async order(
    @Arg('number', () => String) number: string,
    @Ctx() { orders, catalog }: RequestContext,
  ): Promise<Order | null> {
    const order = await orders.findByNumber(number);
    return order ? toOrder(order, catalog) : null;
  }

  @Query(() => OrderConnection, {
    description:
      'Orders, newest first. `first`: 1 to 100, default 20; `after`: an edge’s cursor. A bad `first` or ' +
      '`after` is a BAD_USER_INPUT error naming it.',
  })
  @UseMiddleware(ValidArgs({ first: pageSize, ...cursorArgument }))
  @Allow({ users: 'signed-in', scope: ApiScope.ORDERS_READ })
  async orders(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { orders, catalog }: RequestContext,
  ): Promise<OrderConnection> {
    return toOrderConnection(await orders.list(first, after), catalog);
  }
}
