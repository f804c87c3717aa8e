import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService } from '../services.js';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { DEMO_CHECKOUT } from '../test-support/checkout.js';
import { demoModelFiles } from './demo-models.js';

const dialects = await testDialects();

const COMPLETE_DESK = {
  productCode: 'standing-desk',
  selections: [
    { feature: 'width_mm', value: '1600' },
    { feature: 'top_material', value: 'oak' },
  ],
};

describe.each(dialects)('remembered answers to pure queries, on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers the same configure again from memory, with the same answer', async () => {
    const query = operation('configure');
    const first = await server.graphql(query, { input: COMPLETE_DESK });
    expect(first.errors).toBeUndefined();
    const hits = server.running.responses.hits;
    const second = await server.graphql(query, { input: COMPLETE_DESK });
    expect(server.running.responses.hits).toBe(hits + 1);
    expect(second).toEqual(first);
    // Other choices are another question.
    const other = await server.graphql<{ configure: { price: { total: { amount: string } } } }>(query, {
      input: { ...COMPLETE_DESK, selections: [{ feature: 'width_mm', value: '1200' }] },
    });
    expect(server.running.responses.hits).toBe(hits + 1);
    expect(other.data!.configure.price.total.amount).not.toBe(
      (first.data as { configure: { price: { total: { amount: string } } } }).configure.price.total.amount,
    );
  });

  it('sends a remembered answer as the same bytes, with the same headers', async () => {
    const body = JSON.stringify({
      query: operation('configure'),
      variables: { input: { ...COMPLETE_DESK, selections: [{ feature: 'width_mm', value: '1400' }] } },
    });
    const post = () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body,
      });
    // What differs from one answer to the next by nature: the time, and the request's own id.
    const headersOf = (response: Response) => {
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (name !== 'date' && name !== 'x-request-id') headers.push([name, value]);
      });
      return headers;
    };
    const hits = server.running.responses.hits;
    const first = await post();
    const firstText = await first.text();
    const second = await post();
    const secondText = await second.text();
    expect(server.running.responses.hits).toBe(hits + 1);
    expect(second.status).toBe(first.status);
    expect(secondText).toBe(firstText);
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(JSON.parse(secondText).data.configure.valid).toBe(true);
  });

  it('does not remember a refused request: it is refused again, in full', async () => {
    const query = 'query($input: ConfigurationInput!) { configure(input: $input) { valid } }';
    const input = { productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: 'wide' }] };
    const hits = server.running.responses.hits;
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await server.graphql(query, { input });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.field).toBe('input.selections[0].value');
    }
    expect(server.running.responses.hits).toBe(hits);
  });

  it('never remembers orders, saved configurations or mutations', async () => {
    const saved = operation('save-configuration');
    const codes = new Set<string>();
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await server.graphql<{ saveConfiguration: { code: string } }>(saved, {
        input: COMPLETE_DESK,
      });
      codes.add(result.data!.saveConfiguration.code);
    }
    expect(codes.size).toBe(2);
    const ordersQuery = '{ orders(first: 50) { edges { node { number } } } }';
    const before = await server.graphql<{ orders: { edges: unknown[] } }>(ordersQuery);
    const placed = await server.graphql<{ placeOrder: { number?: string } }>(operation('place-order'), {
      input: {
        lines: [{ ...COMPLETE_DESK, quantity: 1 }],
        ...DEMO_CHECKOUT,
        customer: { name: 'Grace Hopper', email: 'grace@example.com' },
      },
    });
    expect(placed.data!.placeOrder.number).toMatch(/^MTO-/);
    const after = await server.graphql<{ orders: { edges: unknown[] } }>(ordersQuery);
    expect(after.data!.orders.edges.length).toBe(before.data!.orders.edges.length + 1);
  });

  it('forgets at once what a version published by this process changes', async () => {
    const query = '{ product(code: "e-bike") { modelVersion name } }';
    const before = await server.graphql<{ product: { modelVersion: number } }>(query);
    await server.graphql(query);
    const text = demoModelFiles()
      .find((file) => file.code === 'e-bike')!
      .text.replace(/^name: .*$/m, 'name: Remembered e-bike (2027)');
    // This process: its own cache, as the publish script and the seed use it.
    const published = await createCatalogService(server.running.orm.em.fork(), server.running.cache).publish(
      text,
    );
    expect(published.ok && published.version.version).toBe(before.data!.product.modelVersion + 1);
    const after = await server.graphql<{ product: { modelVersion: number; name: string } }>(query);
    expect(after.data!.product).toEqual({
      modelVersion: before.data!.product.modelVersion + 1,
      name: 'Remembered e-bike (2027)',
    });
  });
});
