import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoModels } from '../catalog/demo-models.js';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { ORDER_NUMBER_PATTERN } from './order-number.js';

const dialects = await testDialects();
const PLACE_ORDER = operation('place-order');
const ORDER = operation('order');
const ORDERS = operation('orders');
const models = new Map(loadDemoModels().map((model) => [model.code, model]));

interface Money {
  currency: string;
  amount: string;
}
interface OrderView {
  number: string;
  status: string;
  placedAt: string;
  customer: { name: string; email: string };
  total: Money;
  lines: {
    product: { code: string; name: string; modelVersion: number };
    modelVersion: number;
    quantity: number;
    chosenFeatures: string[];
    selections: { feature: string; value: string | null; values: string[] | null }[];
    price: {
      currency: string;
      quantity: number;
      lines: { code: string; label: string; kind: string; unitAmount: Money; amount: Money }[];
      unitPrice: Money;
      total: Money;
    };
    bom: {
      partNumber: string;
      description: string;
      quantity: string;
      unit: string;
      kind: string;
      level: number;
      parentPartNumber: string | null;
    }[];
    operations: { code: string; description: string; workCentre: string; minutes: string }[];
  }[];
}
type PlaceOrderResult =
  | ({ __typename: 'Order' } & OrderView)
  | {
      __typename: 'ConfigurationRejected';
      code: string;
      message: string;
      line: number;
      field: string;
      violations: { ruleId: string; message: string; severity: string; features: string[] }[];
    }
  | { __typename: 'InvalidOrderInput'; code: string; message: string; field: string };
interface OrdersPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: OrderView }[];
}

interface LineInput {
  productCode: string;
  selections: { feature: string; value?: string | null; values?: string[] | null }[];
  quantity?: number | null;
  modelVersion?: number | null;
}

/** A bamboo desk, 1400 x 700 mm, with a cable tray and a monitor arm: valid and complete as chosen. */
const bambooDesk = (quantity = 2): LineInput => ({
  productCode: 'standing-desk',
  quantity,
  selections: [
    { feature: 'width_mm', value: '1400' },
    { feature: 'depth_mm', value: '700' },
    { feature: 'top_material', value: 'bamboo' },
    { feature: 'accessories', values: ['cable_tray', 'monitor_arm'] },
  ],
});
/** An e-bike as it comes: the defaults. */
const defaultBike: LineInput = { productCode: 'e-bike', selections: [] };
/** Solid oak 2100 mm wide on four legs: the oak width rule breaks, and the choices leave no way out. */
const wideOakDesk: LineInput = {
  productCode: 'standing-desk',
  selections: [
    { feature: 'width_mm', value: '2100' },
    { feature: 'top_material', value: 'oak' },
    { feature: 'frame', value: 'leg4' },
  ],
};
const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };

describe.each(dialects)('orders over GraphQL on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function placeOrder(input: Record<string, unknown>): Promise<PlaceOrderResult> {
    const result = await server.graphql<{ placeOrder: PlaceOrderResult }>(PLACE_ORDER, {
      input: { ...DEMO_CHECKOUT, ...input },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.placeOrder;
  }
  async function placed(input: Record<string, unknown>): Promise<OrderView> {
    const result = await placeOrder(input);
    if (result.__typename !== 'Order') throw new Error(`not placed: ${JSON.stringify(result)}`);
    const { __typename, ...order } = result;
    return order;
  }
  async function findOrder(number: string): Promise<OrderView | null> {
    const result = await server.graphql<{ order: OrderView | null }>(ORDER, { number });
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  }

  it('places a desk and an e-bike: lines re-priced and exploded on the server, one transaction of snapshots', async () => {
    const before = await server.rowCounts();
    const started = Date.now();
    const order = await placed({ lines: [bambooDesk(2), defaultBike], customer: ada });

    expect(order.number).toMatch(ORDER_NUMBER_PATTERN);
    expect(order.status).toBe('PLACED');
    expect(new Date(order.placedAt).toISOString()).toBe(order.placedAt);
    expect(new Date(order.placedAt).getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(order.customer).toEqual(ada);

    const [desk, bike] = order.lines;
    expect(desk!.product).toMatchObject({ code: 'standing-desk', modelVersion: 1 });
    expect(desk!.modelVersion).toBe(1);
    expect(desk!.quantity).toBe(2);
    expect([...desk!.chosenFeatures].sort()).toEqual(['accessories', 'depth_mm', 'top_material', 'width_mm']);
    // Every feature's value in force, in configurator order: the choices, then the defaults they kept.
    const deskModel = models.get('standing-desk')!;
    expect(desk!.selections.map((s) => s.feature)).toEqual(deskModel.features.map((f) => f.code));
    expect(desk!.selections).toContainEqual({ feature: 'width_mm', value: '1400', values: null });
    expect(desk!.selections).toContainEqual({ feature: 'top_material', value: 'bamboo', values: null });
    expect(desk!.selections).toContainEqual({
      feature: 'accessories',
      value: null,
      values: ['cable_tray', 'monitor_arm'],
    });
    expect(desk!.selections).toContainEqual({ feature: 'frame', value: 'leg2', values: null });
    expect(bike!.product.code).toBe('e-bike');
    expect(bike!.chosenFeatures).toEqual([]);

    // The server's price for the values in force, worked by hand from server/demo-models/*.yaml,
    // not anything a client said. Desk (1400 x 700 bamboo, defaults: dual motors, memory handset,
    // anti-collision on): 390 base + 120 + 45 + 39 cable tray + 129 arm + 1.4 x 0.7 m2 x 260 = 254.80
    // + 39 sensor = 1016.80 a desk; x 2 = 2033.60 (under 5 desks: no break).
    const amounts = (line: OrderView['lines'][number]) =>
      line.price.lines.map((l) => [l.code, l.kind, l.unitAmount.amount, l.amount.amount]);
    expect(amounts(desk!)).toEqual([
      ['base', 'base', '390.00', '780.00'],
      ['option:motors=dual', 'option', '120.00', '240.00'],
      ['option:controller=memory', 'option', '45.00', '90.00'],
      ['option:accessories=cable_tray', 'option', '39.00', '78.00'],
      ['option:accessories=monitor_arm', 'option', '129.00', '258.00'],
      ['formula:top-bamboo', 'formula', '254.80', '509.60'],
      ['formula:anti-collision', 'formula', '39.00', '78.00'],
    ]);
    expect(desk!.price).toMatchObject({
      currency: 'EUR',
      quantity: 2,
      unitPrice: { currency: 'EUR', amount: '1016.80' },
      total: { currency: 'EUR', amount: '2033.60' },
    });
    // E-bike defaults: 1990 base + 600 m500 + 290 b625 + 69 rack + 49 fenders + 119 lights
    // + 180 suspension fork = 3297.00.
    expect(amounts(bike!)).toEqual([
      ['base', 'base', '1990.00', '1990.00'],
      ['option:motor=m500', 'option', '600.00', '600.00'],
      ['option:battery=b625', 'option', '290.00', '290.00'],
      ['option:accessories=rack', 'option', '69.00', '69.00'],
      ['option:accessories=fenders', 'option', '49.00', '49.00'],
      ['option:accessories=lights', 'option', '119.00', '119.00'],
      ['formula:suspension-fork', 'formula', '180.00', '180.00'],
    ]);
    expect(bike!.price).toMatchObject({
      quantity: 1,
      unitPrice: { currency: 'EUR', amount: '3297.00' },
      total: { currency: 'EUR', amount: '3297.00' },
    });

    // The BOM and routing, by hand (area = 1.4 x 0.7 = 0.98 m2; every figure is per desk x 2 desks):
    // [partNumber, quantity, unit, kind, level, parent].
    const bomRows = (line: OrderView['lines'][number]) =>
      line.bom.map((b) => [b.partNumber, b.quantity, b.unit, b.kind, b.level, b.parentPartNumber]);
    const FRM = 'DSK-FRM-2L';
    expect(bomRows(desk!)).toEqual([
      [FRM, '2', 'pcs', 'made', 1, null], // frame = leg2
      ['DSK-COL-2S', '4', 'pcs', 'purchased', 2, FRM], // 2 columns (standard height)
      ['DSK-FOOT-650', '4', 'pcs', 'purchased', 2, FRM], // 2 feet, depth 700 <= 750
      ['DSK-XBAR-STL', '2.16', 'm', 'purchased', 2, FRM], // (1400 - 320) / 1000 = 1.08 m
      ['DSK-BRK-TOP', '4', 'pcs', 'purchased', 2, FRM], // 2 arms
      ['DSK-MOT-24V', '4', 'pcs', 'purchased', 2, FRM], // dual motors: 2
      ['DSK-CB-2CH', '2', 'pcs', 'purchased', 2, FRM],
      ['DSK-CAB-MOT', '4', 'm', 'purchased', 2, FRM], // 1.4 + 0.6 = 2 m
      ['DSK-SCR-M6-16', '32', 'pcs', 'purchased', 2, FRM], // 16
      ['DSK-TOP-BAM-25', '2.117', 'm2', 'purchased', 1, null], // 0.98 x 1.08 = 1.0584; 2.1168 up to 3 places
      ['DSK-FIN-OIL-NAT', '0.177', 'l', 'purchased', 1, null], // 0.98 x 0.09 = 0.0882; 0.1764 up to 3 places
      ['DSK-CON-ABR-180', '8', 'pcs', 'purchased', 1, null], // ceil(0.98 x 4) = 4
      ['DSK-CAB-PWR', '5.44', 'm', 'purchased', 1, null], // 1220 / 1000 + 1.5 = 2.72 m
      ['DSK-HS-MEM', '2', 'pcs', 'purchased', 1, null],
      ['DSK-SNS-GYRO', '2', 'pcs', 'purchased', 1, null],
      ['DSK-SCR-WD-5X20', '16', 'pcs', 'purchased', 1, null], // width <= 1600: 8
      ['DSK-ACC-TRAY', '2', 'pcs', 'purchased', 1, null], // width <= 1500: 1
      ['DSK-ACC-ARM1', '2', 'pcs', 'purchased', 1, null],
      ['DSK-PKG-BOX', '2', 'pcs', 'purchased', 1, null], // flat-packed
      ['DSK-PKG-CRN', '16', 'pcs', 'purchased', 1, null], // 8
      ['DSK-DOC-MAN', '2', 'pcs', 'purchased', 1, null],
    ]);
    const WHL = 'EB-WHL-ASM';
    expect(bomRows(bike!)).toEqual([
      ['EB-FRM-M', '1', 'pcs', 'purchased', 1, null],
      ['EB-PWD-GRA', '0.8', 'kg', 'purchased', 1, null], // graphite on an M frame
      ['EB-FRK-SUS', '1', 'pcs', 'purchased', 1, null],
      ['EB-MOT-M500', '1', 'pcs', 'purchased', 1, null],
      ['EB-BAT-625', '1', 'pcs', 'purchased', 1, null],
      ['EB-CHG-4A', '1', 'pcs', 'purchased', 1, null], // 625 Wh < 750
      ['EB-DSP-LCD', '1', 'pcs', 'purchased', 1, null],
      ['EB-HRN-MAIN', '1', 'pcs', 'purchased', 1, null],
      [WHL, '2', 'pcs', 'made', 1, null], // two wheels; beneath, per wheel x 2:
      ['EB-RIM-28', '2', 'pcs', 'purchased', 2, WHL],
      ['EB-SPK-290', '72', 'pcs', 'purchased', 2, WHL], // 36 spokes
      ['EB-NIP-BR', '72', 'pcs', 'purchased', 2, WHL], // 36 nipples
      ['EB-RTP-TL', '4.6', 'm', 'purchased', 2, WHL], // 2.3 m
      ['EB-VLV-TL', '2', 'pcs', 'purchased', 2, WHL],
      ['EB-SEAL-TL', '0.14', 'l', 'purchased', 2, WHL], // 0.07 l
      ['EB-TYR-28', '2', 'pcs', 'purchased', 2, WHL],
      ['EB-HUB-FRT', '1', 'pcs', 'purchased', 1, null],
      ['EB-HUB-RR-MS', '1', 'pcs', 'purchased', 1, null], // Deore on a mid-drive
      ['EB-DRV-DEORE', '1', 'pcs', 'purchased', 1, null],
      ['EB-CHN-10', '1', 'pcs', 'purchased', 1, null],
      ['EB-BRK-2P', '1', 'pcs', 'purchased', 1, null], // m500, no cargo box
      ['EB-CKP-SET', '1', 'pcs', 'purchased', 1, null],
      ['EB-SAD-01', '1', 'pcs', 'purchased', 1, null],
      ['EB-SPT-RIG', '1', 'pcs', 'purchased', 1, null],
      ['EB-KCK-1', '1', 'pcs', 'purchased', 1, null],
      ['EB-ACC-RACK', '1', 'pcs', 'purchased', 1, null],
      ['EB-ACC-FND', '1', 'pcs', 'purchased', 1, null], // 28-inch fenders
      ['EB-ACC-LGT', '1', 'pcs', 'purchased', 1, null],
      ['EB-CON-FAST', '1', 'pcs', 'purchased', 1, null],
      ['EB-PKG-BOX', '1', 'pcs', 'purchased', 1, null],
    ]);
    // Each BOM line and operation is described as the model's part and routing describe it.
    for (const line of [desk!, bike!]) {
      const model = models.get(line.product.code)!;
      for (const b of line.bom) expect(b.description).toBe(model.parts.get(b.partNumber)!.description);
      const routing = new Map(model.routing.map((o) => [o.code, o]));
      for (const o of line.operations)
        expect([o.description, o.workCentre]).toEqual([
          routing.get(o.code)!.description,
          routing.get(o.code)!.workCentre,
        ]);
    }
    const minutes = (line: OrderView['lines'][number]) => line.operations.map((o) => [o.code, o.minutes]);
    expect(minutes(desk!)).toEqual([
      ['CUT', '29.84'], // 10 set-up + (6 + 0.98 x 4 = 9.92) x 2
      ['SAND', '27.44'], // 0.98 x 14 = 13.72, x 2
      ['FINISH', '23.52'], // 0.98 x 12 (oil) = 11.76, x 2
      ['FRAME', '50'], // 25 (leg2) x 2
      ['ASSEMBLE', '60'], // 20 + 5 x 2 accessories = 30, x 2
      ['TEST', '28'], // 14 (anti-collision) x 2
      ['PACK', '40'], // 20 (flat-packed) x 2
    ]);
    expect(minutes(bike!)).toEqual([
      ['PAINT', '50'], // 10 set-up + 40 (graphite)
      ['WHEELS', '50'], // 2 x 25 (28 inch)
      ['ASSEMBLE', '113'], // 95 + 6 x 3 accessories
      ['ELECTRICS', '35'], // one battery
      ['TEST', '25'],
      ['PACK', '20'], // no cargo box
    ]);

    // Multi-level: the frame sub-assembly at level 1, its parts beneath it; exact decimal quantities.
    const frame = desk!.bom.find((b) => b.partNumber === 'DSK-FRM-2L')!;
    expect(frame).toMatchObject({ level: 1, parentPartNumber: null, quantity: '2' });
    const crossbar = desk!.bom.find((b) => b.partNumber === 'DSK-XBAR-STL')!;
    expect(crossbar).toMatchObject({ level: 2, parentPartNumber: 'DSK-FRM-2L', quantity: '2.16', unit: 'm' });
    expect(desk!.bom.indexOf(crossbar)).toBeGreaterThan(desk!.bom.indexOf(frame));
    // 1.4 m x 0.7 m x 1.08 allowance x 2 desks = 2.1168 m2 of bamboo board, rounded up to the part's scale.
    expect(desk!.bom.find((b) => b.partNumber === 'DSK-TOP-BAM-25')).toMatchObject({
      level: 1,
      quantity: '2.117',
      unit: 'm2',
    });
    for (const line of order.lines) {
      for (const bomLine of line.bom) {
        expect(bomLine.quantity).toMatch(/^\d+(\.\d+)?$/);
        expect(bomLine.level === 1).toBe(bomLine.parentPartNumber === null);
      }
      for (const op of line.operations) expect(op.minutes).toMatch(/^\d+(\.\d+)?$/);
    }
    // CUT: 10 min set-up + (6 + 1.4 x 0.7 x 4) min per desk x 2.
    expect(desk!.operations.find((o) => o.code === 'CUT')!.minutes).toBe('29.84');

    // The goods are the sum of the lines, each price's lines add up to it, and the total is the goods with the
    // shipping to Berlin (the EUR list is gross: the VAT is contained, not added).
    const cents = (money: Money) => Math.round(Number(money.amount) * 100);
    const { order: charged } = await server.data<{
      order: { goods: Money; charges: { kind: string; amount: Money; included: boolean }[] };
    }>(
      'query ($n: String!) { order(number: $n) { goods { currency amount } charges { kind included amount { currency amount } } } }',
      { n: order.number },
    );
    expect(cents(charged.goods)).toBe(cents(desk!.price.total) + cents(bike!.price.total));
    expect(charged.goods).toEqual({ currency: 'EUR', amount: '5330.60' }); // 2033.60 + 3297.00
    expect(charged.charges.map((charge) => [charge.kind, charge.included])).toEqual([
      ['SHIPPING', false],
      ['TAX', true],
    ]);
    expect(cents(order.total)).toBe(cents(charged.goods) + cents(charged.charges[0]!.amount));
    for (const line of order.lines)
      expect(line.price.lines.reduce((sum, l) => sum + cents(l.amount), 0)).toBe(cents(line.price.total));

    const after = await server.rowCounts();
    expect(after.customer).toBe(before.customer! + 1);
    expect(after.customer_order).toBe(before.customer_order! + 1);
    expect(after.order_line).toBe(before.order_line! + 2);
    expect(after.order_bom_line).toBe(before.order_bom_line! + desk!.bom.length + bike!.bom.length);
    // The routing is stored once: one work order per operation.
    expect(after.work_order).toBe(before.work_order! + desk!.operations.length + bike!.operations.length);

    // Read again, it is the order as placed, less what only placing answers (its tracking token).
    const { trackingToken, account, ...asRead } = order as typeof order & {
      trackingToken: string;
      account: null;
    };
    expect(trackingToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(account).toBeNull();
    expect(await findOrder(order.number)).toEqual(asRead);
  });

  it('finds an order by its number in any case, with look-alike letters; null for a number that is no order', async () => {
    const order = await placed({ lines: [defaultBike], customer: ada });
    expect((await findOrder(order.number.toLowerCase()))?.number).toBe(order.number);
    const typed = order.number.replace(/0/g, 'O').replace(/1/g, 'l').replace(/-/g, ' ');
    expect((await findOrder(typed))?.number).toBe(order.number);
    expect(await findOrder('MTO-0000-0000')).toBeNull();
    expect(await findOrder('not a number')).toBeNull();
  });

  it('keeps a returning customer (the e-mail in any case) as one customer, with the name as last given', async () => {
    await placed({ lines: [defaultBike], customer: { name: 'Grace Hopper', email: 'grace@example.com' } });
    const before = await server.rowCounts();
    const second = await placed({
      lines: [defaultBike],
      customer: { name: '  Grace   Brewster Hopper ', email: ' Grace@Example.COM ' },
    });
    expect(second.customer).toEqual({ name: 'Grace Brewster Hopper', email: 'grace@example.com' });
    const after = await server.rowCounts();
    expect(after.customer).toBe(before.customer);
    expect(after.customer_order).toBe(before.customer_order! + 1);
  });

  it('rejects an order with a line that cannot be built, naming the line and its violations, and writes nothing', async () => {
    const before = await server.rowCounts();
    const result = await placeOrder({ lines: [defaultBike, wideOakDesk], customer: ada });
    expect(result.__typename).toBe('ConfigurationRejected');
    if (result.__typename !== 'ConfigurationRejected') return;
    expect(result).toMatchObject({ code: 'INVALID_CONFIGURATION', line: 1, field: 'input.lines[1]' });
    expect(result.message).toMatch(/^Line 2 \(Made-to-measure standing desk\) cannot be built/);
    expect(result.message).toMatch(/oak/i);
    expect(result.violations.map((v) => v.ruleId)).toContain('oak-max-width');
    for (const violation of result.violations) expect(violation.severity).toBe('ERROR');
    expect(await server.rowCounts()).toEqual(before);
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['an empty order', { lines: [], customer: ada }, 'EMPTY_ORDER', 'input.lines'],
    [
      'more than 100 lines',
      { lines: Array.from({ length: 101 }, () => defaultBike), customer: ada },
      'TOO_MANY_LINES',
      'input.lines',
    ],
    [
      'a malformed e-mail',
      { lines: [defaultBike], customer: { name: 'Ada', email: 'ada.example.com' } },
      'INVALID_EMAIL',
      'input.customer.email',
    ],
    [
      'an e-mail with a space',
      { lines: [defaultBike], customer: { name: 'Ada', email: 'ada lovelace@example.com' } },
      'INVALID_EMAIL',
      'input.customer.email',
    ],
    [
      'an empty name',
      { lines: [defaultBike], customer: { name: '   ', email: 'ada@example.com' } },
      'INVALID_CUSTOMER_NAME',
      'input.customer.name',
    ],
    [
      'a name of 201 characters',
      { lines: [defaultBike], customer: { name: 'A'.repeat(201), email: 'ada@example.com' } },
      'INVALID_CUSTOMER_NAME',
      'input.customer.name',
    ],
    [
      'an idempotency key of 201 characters',
      { lines: [defaultBike], customer: ada, idempotencyKey: 'k'.repeat(201) },
      'INVALID_IDEMPOTENCY_KEY',
      'input.idempotencyKey',
    ],
    [
      'an empty idempotency key',
      { lines: [defaultBike], customer: ada, idempotencyKey: '' },
      'INVALID_IDEMPOTENCY_KEY',
      'input.idempotencyKey',
    ],
    [
      'an unknown product',
      { lines: [{ productCode: 'flying-carpet', selections: [] }], customer: ada },
      'INVALID_LINE',
      'input.lines[0].productCode',
    ],
    [
      'an unknown model version',
      { lines: [{ ...defaultBike, modelVersion: 9 }], customer: ada },
      'INVALID_LINE',
      'input.lines[0].modelVersion',
    ],
    [
      'an unknown feature in the second line',
      {
        lines: [
          defaultBike,
          { productCode: 'e-bike', selections: [{ feature: 'colour_of_sky', value: 'x' }] },
        ],
        customer: ada,
      },
      'INVALID_LINE',
      'input.lines[1].selections[0].feature',
    ],
    [
      'a width that is not a number',
      {
        lines: [{ productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: 'wide' }] }],
        customer: ada,
      },
      'INVALID_LINE',
      'input.lines[0].selections[0].value',
    ],
    [
      'a width out of range',
      {
        lines: [{ productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: '5000' }] }],
        customer: ada,
      },
      'INVALID_LINE',
      'input.lines[0].selections[0].value',
    ],
    [
      'a quantity of 0',
      { lines: [{ ...defaultBike, quantity: 0 }], customer: ada },
      'INVALID_LINE',
      'input.lines[0].quantity',
    ],
    [
      'a negative quantity',
      { lines: [defaultBike, { ...defaultBike, quantity: -3 }], customer: ada },
      'INVALID_LINE',
      'input.lines[1].quantity',
    ],
    [
      // e-bike.yaml: maxQuantityPerLine 20. 2,000 e-bikes once pushed every later promise back by years.
      '21 e-bikes on one line (more than the e-bike allows per line)',
      { lines: [bambooDesk(1), { ...defaultBike, quantity: 21 }], customer: ada },
      'QUANTITY_TOO_LARGE',
      'input.lines[1].quantity',
    ],
    [
      '2,000 e-bikes on one line',
      { lines: [{ ...defaultBike, quantity: 2000 }], customer: ada },
      'QUANTITY_TOO_LARGE',
      'input.lines[0].quantity',
    ],
  ];
  it.each(invalid)('refuses %s, naming the field, and writes nothing', async (_, input, code, field) => {
    const before = await server.rowCounts();
    const result = await placeOrder(input);
    expect(result).toMatchObject({ __typename: 'InvalidOrderInput', code, field });
    expect((result as { message: string }).message.length).toBeGreaterThan(10);
    expect(await server.rowCounts()).toEqual(before);
  });

  it('places one order for the same idempotency key sent twice, and answers both with it', async () => {
    const input = { lines: [bambooDesk(1)], customer: ada, idempotencyKey: `retry-${dialect}-1` };
    const before = await server.rowCounts();
    const first = await placed(input);
    const afterFirst = await server.rowCounts();
    // The choices in another order are the same request.
    const second = await placed({
      ...input,
      lines: [{ ...bambooDesk(1), selections: [...bambooDesk(1).selections].reverse() }],
    });
    // The same order; a retry gets a new tracking token (the first answer may have been lost).
    expect({ ...second, trackingToken: null }).toEqual({ ...first, trackingToken: null });
    expect(await server.rowCounts()).toEqual(afterFirst);
    expect(afterFirst.customer_order).toBe(before.customer_order! + 1);
  });

  it('places one order when the same idempotency key arrives five times at once', async () => {
    const input = { lines: [defaultBike, bambooDesk(3)], customer: ada, idempotencyKey: `burst-${dialect}` };
    const before = await server.rowCounts();
    const results = await Promise.all(Array.from({ length: 5 }, () => placed(input)));
    expect(new Set(results.map((order) => order.number)).size).toBe(1);
    for (const result of results)
      expect({ ...result, trackingToken: null }).toEqual({ ...results[0], trackingToken: null });
    const after = await server.rowCounts();
    expect(after.customer_order).toBe(before.customer_order! + 1);
    expect(after.order_line).toBe(before.order_line! + 2);
  });

  it('refuses an idempotency key reused for a different order, and neither places it nor shows the first', async () => {
    const key = `reused-${dialect}`;
    const first = await placed({ lines: [bambooDesk(1)], customer: ada, idempotencyKey: key });
    const before = await server.rowCounts();
    for (const different of [
      { lines: [bambooDesk(2)], customer: ada },
      { lines: [bambooDesk(1)], customer: { ...ada, email: 'eve@example.com' } },
      { lines: [bambooDesk(1), defaultBike], customer: ada },
    ]) {
      const result = await placeOrder({ ...different, idempotencyKey: key });
      expect(result).toMatchObject({
        __typename: 'InvalidOrderInput',
        code: 'IDEMPOTENCY_KEY_REUSED',
        field: 'input.idempotencyKey',
      });
      expect(JSON.stringify(result)).not.toContain(first.number);
    }
    expect(await server.rowCounts()).toEqual(before);
  });

  it('gives distinct, random-looking numbers to the orders it places', async () => {
    const orders = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        placed({ lines: [defaultBike], customer: { name: `Buyer ${i}`, email: `buyer${i}@example.com` } }),
      ),
    );
    const numbers = orders.map((order) => order.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) expect(number).toMatch(ORDER_NUMBER_PATTERN);
  });

  it('lists orders newest first, a page at a time, with opaque cursors and the total count', async () => {
    // 50 whole orders (lines, BOM, routing) are within the cost limit; 100 are not (README, Limits).
    const all = await server.graphql<{ orders: OrdersPage }>(ORDERS, { first: 50 });
    expect(all.errors).toBeUndefined();
    const everything = all.data!.orders;
    expect(everything.totalCount).toBe((await server.rowCounts()).customer_order);
    expect(everything.edges).toHaveLength(everything.totalCount);
    // The tests before placed more than two pages of 3: the walk below crosses pages.
    expect(everything.totalCount).toBeGreaterThan(6);
    const times = everything.edges.map((edge) => edge.node.placedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const numbers: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: { data?: { orders: OrdersPage } | null; errors?: unknown } = await server.graphql<{
        orders: OrdersPage;
      }>(ORDERS, { first: 3, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data!.orders;
      expect(edges.length).toBeLessThanOrEqual(3);
      numbers.push(...edges.map((edge) => edge.node.number));
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(numbers).toEqual(everything.edges.map((edge) => edge.node.number));
    for (const edge of everything.edges) expect(edge.cursor).not.toContain(String(edge.node.number));

    const defaults = await server.graphql<{ orders: OrdersPage }>(ORDERS, {});
    expect(defaults.data!.orders.edges).toHaveLength(Math.min(20, everything.totalCount));
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: -5 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 1000 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ after: Buffer.from('order:999999').toString('base64url') }, 'after'],
    [{ after: Buffer.from('order:1; drop table x').toString('base64url') }, 'after'],
  ])('refuses the page %j with a BAD_USER_INPUT error naming %s', async (variables, field) => {
    // A light page (a whole order per edge would pass the cost limit only up to 50 of them).
    const result = await server.graphql(
      'query ($first: Int, $after: String) { orders(first: $first, after: $after) { totalCount edges { cursor } } }',
      variables,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors![0]!.message).toContain(field);
  });

  it('lists orders with every field in the same few queries for 3 orders and for 8 more (no N+1)', async () => {
    const measure = async (): Promise<{ queries: number; orders: number }> => {
      // The acknowledgements of the orders just placed are sent in the background: not this request's queries.
      await server.running.mailDispatcher.settled();
      server.queries.length = 0;
      const result = await server.graphql<{ orders: OrdersPage }>(ORDERS, { first: 50 });
      expect(result.errors).toBeUndefined();
      const queries = server.queries.length;
      return { queries, orders: result.data!.orders.edges.length };
    };
    const placeSome = async (count: number) => {
      for (let i = 0; i < count; i++)
        await placed({ lines: i % 2 ? [bambooDesk(i + 1), defaultBike] : [defaultBike], customer: ada });
    };
    await placeSome(3);
    const few = await measure();
    await placeSome(8);
    const more = await measure();
    expect(more.orders).toBe(few.orders + 8);
    console.info(
      `[${dialect}] orders(first: 50): ${few.queries} queries for ${few.orders} orders, ${more.queries} for ${more.orders}`,
    );
    expect(more.queries).toBe(few.queries);
    expect(few.queries).toBeLessThanOrEqual(8);

    const newest = (await server.graphql<{ orders: OrdersPage }>(ORDERS, { first: 1 })).data!.orders
      .edges[0]!;
    await server.running.mailDispatcher.settled();
    server.queries.length = 0;
    expect((await findOrder(newest.node.number))?.number).toBe(newest.node.number);
    console.info(`[${dialect}] order(number): ${server.queries.length} queries`);
    // One of them reads the caller's session.
    expect(server.queries.length).toBeLessThanOrEqual(7);
  });
});
