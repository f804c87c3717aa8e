import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const BOM =
  'bom { partNumber description quantity unit kind level parentPartNumber unitCost { currency amount } }';
const PICK = 'pickList { partNumber quantity reserved issued short }';
const ONE = `query ($number: String!) { order(number: $number) { number lines { ${BOM} } fulfilment { ${PICK} } } }`;
const LIST_WITH_BOM = `query { orders(first: 10) { nodes { number lines { ${BOM} } fulfilment { ${PICK} } } } }`;
const LIST_WITHOUT_BOM =
  'query { orders(first: 10) { nodes { number lines { quantity product { code } } } } }';
const BOARD = `query { operationsBoard { columns { status orders { number lines { quantity } fulfilment { allowedActions ${PICK} } } } } }`;

interface Read {
  number: string;
  lines: { bom: unknown[] }[];
  fulfilment: { pickList: unknown[] };
}

/**
 * A list of orders (a page of orders, the operations board) is loaded without its BOM lines, which are
 * read for the whole list at once when asked: the same BOM and pick list as an order read alone, with one
 * BOM query for the list and none when the BOM is not asked.
 */
describe.each(await testDialects())('BOM of listed orders on %s', (dialect) => {
  let server: TestServer;
  const numbers: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const [index, productCode] of ['e-bike', 'standing-desk', 'e-bike'].entries()) {
      const order = await server.placeTracked<{ number: string }>({
        lines: [{ productCode, selections: [] }],
        customer: { name: 'Bom Reader', email: `bom.${index}@example.com` },
      });
      numbers.push(order.number);
    }
    // A customer's own order: what the customer may list, BOM asked or not.
    const { placeOrder } = await server.data<{ placeOrder: { __typename: string } }>(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename } }',
      {
        input: {
          ...DEMO_CHECKOUT,
          lines: [{ productCode: 'e-bike', selections: [] }],
          customer: { name: 'Anna A', email: 'anna@customer-a.test' },
        },
      },
      { as: 'customerA' },
    );
    expect(placeOrder.__typename).toBe('Order');
  });
  afterAll(() => server?.close());

  const bomQueries = () => server.queries.filter((sql) => /order_bom_line/.test(sql));

  it('a page of orders answers each BOM and pick list as the order alone does, reading the BOM once for both', async () => {
    server.queries.length = 0;
    const { orders } = await server.data<{ orders: { nodes: Read[] } }>(LIST_WITH_BOM, {}, { as: 'staff' });
    expect(bomQueries()).toHaveLength(1);
    for (const number of numbers) {
      const listed = orders.nodes.find((node) => node.number === number)!;
      const { order } = await server.data<{ order: Read }>(ONE, { number }, { as: 'staff' });
      expect(listed.lines[0]!.bom.length).toBeGreaterThan(5);
      expect(listed.lines).toEqual(order.lines);
      expect(listed.fulfilment.pickList.length).toBeGreaterThan(3);
      expect(listed.fulfilment.pickList).toEqual(order.fulfilment.pickList);
    }
  });

  it('a page of orders and the board asking no BOM read none', async () => {
    server.queries.length = 0;
    await server.data(LIST_WITHOUT_BOM, {}, { as: 'staff' });
    expect(bomQueries()).toEqual([]);
    const { operationsBoard } = await server.data<{
      operationsBoard: { columns: { orders: { number: string; fulfilment: { pickList: unknown[] } }[] }[] };
    }>(BOARD, {}, { as: 'staff' });
    // The board's pick lists need the BOM: read once for the board, and the same as the order's own.
    expect(bomQueries()).toHaveLength(1);
    const onBoard = operationsBoard.columns.flatMap((column) => column.orders);
    for (const number of numbers) {
      const { order } = await server.data<{ order: Read }>(ONE, { number }, { as: 'staff' });
      expect(onBoard.find((card) => card.number === number)!.fulfilment.pickList).toEqual(
        order.fulfilment.pickList,
      );
    }
  });

  it('the BOM stays internal on a list: a customer asking it gets FORBIDDEN for the field', async () => {
    const response = await server.graphql(
      `query { orders(first: 5) { nodes { number lines { ${BOM} } } } }`,
      {},
      { as: 'customerA' },
    );
    expect(response.errors?.some((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});
