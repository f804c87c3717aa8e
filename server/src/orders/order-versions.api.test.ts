import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModelFiles } from '../catalog/demo-models.js';
import { createCatalogService } from '../services.js';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';

const dialects = await testDialects();
const PLACE_ORDER = operation('place-order');
const ORDER = operation('order');

const deskSource = demoModelFiles().find((file) => file.code === 'standing-desk')!.text;
const bikeSource = demoModelFiles().find((file) => file.code === 'e-bike')!.text;

/** The desk with a dearer base price and more corner protectors in the box: its version 2. */
const deskVersion2 = deskSource
  .replace('basePrice: "390.00"', 'basePrice: "410.00"')
  .replace(
    '{ part: DSK-PKG-CRN, when: "not preassembled", quantity: 8 }',
    '{ part: DSK-PKG-CRN, when: "not preassembled", quantity: 12 }',
  );

const desk = {
  productCode: 'standing-desk',
  quantity: 1,
  selections: [
    { feature: 'width_mm', value: '1400' },
    { feature: 'top_material', value: 'bamboo' },
  ],
};
const customer = { name: 'Margaret Hamilton', email: 'margaret@example.com' };

interface OrderView {
  number: string;
  total: { currency: string; amount: string };
  lines: {
    modelVersion: number;
    product: { modelVersion: number };
    price: { lines: { code: string; amount: { amount: string } }[]; total: { amount: string } };
    bom: { partNumber: string; quantity: string }[];
  }[];
}
type Result = { __typename: 'Order' } & OrderView;
type Invalid = { __typename: 'InvalidOrderInput'; code: string; field: string; message: string };

describe.each(dialects)('orders and model versions on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function placeOrder(input: Record<string, unknown>): Promise<Result | Invalid> {
    const result = await server.graphql<{ placeOrder: Result | Invalid }>(PLACE_ORDER, {
      input: { ...DEMO_CHECKOUT, ...input },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.placeOrder;
  }
  async function placed(input: Record<string, unknown>): Promise<OrderView> {
    const result = await placeOrder(input);
    if (result.__typename !== 'Order') throw new Error(`not placed: ${JSON.stringify(result)}`);
    // Only placing answers the tracking token and the account: the rest is the order as read.
    const { __typename, trackingToken, account, ...order } = result as typeof result & {
      trackingToken?: string;
      account?: unknown;
    };
    return order;
  }
  async function findOrder(number: string): Promise<OrderView> {
    const result = await server.graphql<{ order: OrderView }>(ORDER, { number });
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  }
  async function publish(source: string): Promise<number> {
    const catalog = createCatalogService(server.running.orm.em.fork(), server.running.cache);
    const result = await catalog.publish(source);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.version.version;
  }

  it('keeps an order exactly as placed when its model gets a new version; new orders take the new version', async () => {
    const order = await placed({ lines: [desk], customer, idempotencyKey: `before-v2-${dialect}` });
    const before = await findOrder(order.number);
    expect(before).toEqual(order);
    expect(before.lines[0]!.modelVersion).toBe(1);
    expect(before.lines[0]!.bom.find((b) => b.partNumber === 'DSK-PKG-CRN')!.quantity).toBe('8');

    expect(await publish(deskVersion2)).toBe(2);

    const after = await findOrder(order.number);
    expect(after).toEqual(before);
    expect(after.lines[0]!.modelVersion).toBe(1);
    expect(after.lines[0]!.product.modelVersion).toBe(1);
    expect(after.lines[0]!.price.lines.find((l) => l.code === 'base')!.amount.amount).toBe('390.00');

    // A retry of the first request is still the first order, though the desk has changed since.
    expect(await placed({ lines: [desk], customer, idempotencyKey: `before-v2-${dialect}` })).toEqual(before);

    const newer = await placed({ lines: [desk], customer });
    expect(newer.lines[0]!.modelVersion).toBe(2);
    expect(newer.lines[0]!.product.modelVersion).toBe(2);
    expect(newer.lines[0]!.price.lines.find((l) => l.code === 'base')!.amount.amount).toBe('410.00');
    expect(Number(newer.total.amount) - Number(before.total.amount)).toBeCloseTo(20, 2);
    expect(newer.lines[0]!.bom.find((b) => b.partNumber === 'DSK-PKG-CRN')!.quantity).toBe('12');

    // A line may pin the version it was configured in.
    const pinned = await placed({ lines: [{ ...desk, modelVersion: 1 }], customer });
    expect(pinned.lines[0]!.modelVersion).toBe(1);
    expect(pinned.lines).toEqual(before.lines);
  });

  it('refuses lines priced in different currencies, naming the first line that differs, and writes nothing', async () => {
    const dollarBike = bikeSource
      .replace('code: e-bike', 'code: e-bike-us')
      .replace('currency: EUR', 'currency: USD');
    expect(dollarBike).not.toBe(bikeSource);
    await publish(dollarBike);
    const before = await server.rowCounts();
    const result = await placeOrder({
      lines: [desk, { productCode: 'e-bike', selections: [] }, { productCode: 'e-bike-us', selections: [] }],
      customer,
    });
    expect(result).toMatchObject({
      __typename: 'InvalidOrderInput',
      code: 'MIXED_CURRENCIES',
      field: 'input.lines[2].productCode',
    });
    expect((result as Invalid).message).toMatch(/USD.*EUR/);
    expect(await server.rowCounts()).toEqual(before);

    const dollars = await placed({ lines: [{ productCode: 'e-bike-us', selections: [] }], customer });
    expect(dollars.total.currency).toBe('USD');
  });
});
