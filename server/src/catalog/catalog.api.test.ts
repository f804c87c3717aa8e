import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService } from '../services.js';
import { type Dialect, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { demoModelFiles } from './demo-models.js';
import { LATEST_VERSION_TTL_MS, ModelCache } from './model-cache.js';

const dialects = await testDialects();

describe.each(dialects)('the catalogue over GraphQL on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists the demo products in force with a starting price and their steps', async () => {
    const result = await server.graphql<{
      products: { code: string; modelVersion: number; startingPrice: { amount: string; currency: string } }[];
    }>('{ products { code name modelVersion startingPrice { amount currency } groups { code label } } }');
    expect(result.errors).toBeUndefined();
    const products = result.data!.products;
    expect(products.map((p) => p.code).sort()).toEqual(['e-bike', 'standing-desk', 'workstation-pc']);
    for (const product of products) {
      expect(product.modelVersion).toBe(1);
      expect(product.startingPrice.currency).toBe('EUR');
      expect(product.startingPrice.amount).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('gives each product its default build, which configures as valid and complete', async () => {
    const result = await server.graphql<{
      products: {
        code: string;
        defaultSelections: { feature: string; value: string | null; values: string[] | null }[];
      }[];
    }>('{ products { code defaultSelections { feature value values } } }');
    for (const product of result.data!.products) {
      expect(product.defaultSelections.length, product.code).toBeGreaterThan(5);
      const selections = product.defaultSelections.map(({ feature, value, values }) =>
        values ? { feature, values } : { feature, value },
      );
      const configured = await server.graphql<{ configure: { valid: boolean; complete: boolean } }>(
        'query($input: ConfigurationInput!) { configure(input: $input) { valid complete } }',
        { input: { productCode: product.code, selections } },
      );
      expect(configured.data!.configure, product.code).toEqual({ valid: true, complete: true });
    }
  });

  it('finds one product by code, and answers null for an unknown code', async () => {
    const result = await server.graphql<{ desk: { name: string } | null; nothing: null }>(
      '{ desk: product(code: "standing-desk") { name } nothing: product(code: "no-such-thing") { name } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.desk!.name).toBe('Made-to-measure standing desk');
    expect(result.data!.nothing).toBeNull();
  });

  it('answers /healthz when the database is reachable', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('seeds parts from the published models', async () => {
    const counts = await server.rowCounts();
    expect(counts.part).toBeGreaterThanOrEqual(60);
    expect(counts.product_model_version).toBe(3);
  });

  it('refuses to publish a model with no valid configuration, naming the rules, and writes nothing', async () => {
    const before = await server.rowCounts();
    // Two rules that no frame size satisfies together (the size has no default, so the file loads).
    const text = demoModelFiles()
      .find((file) => file.code === 'e-bike')!
      .text.replace(/^ {4}default: m$/m, '')
      .replace(
        /^rules:\n/m,
        `rules:
  - { id: small-frames-only, kind: expression, expression: "frame_size in ['s', 'm']", message: "Small frames only." }
  - { id: large-frames-only, kind: expression, expression: "frame_size in ['l', 'xl']", message: "Large frames only." }
`,
      );
    const result = await createCatalogService(server.running.orm.em.fork(), server.running.cache).publish(
      text,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ path: 'rules' });
    expect(result.problems[0]!.message).toMatch(/small-frames-only, large-frames-only cannot all hold/);
    expect(await server.rowCounts()).toEqual(before);
  });
});

describe.each(dialects)('a version published by another process, on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is in force for this server too within LATEST_VERSION_TTL_MS', async () => {
    const query = '{ product(code: "e-bike") { modelVersion name } }';
    expect(
      (await server.graphql<{ product: { modelVersion: number } }>(query)).data!.product.modelVersion,
    ).toBe(1);
    // Another process: its own cache, the same database.
    const text = demoModelFiles()
      .find((file) => file.code === 'e-bike')!
      .text.replace(/^name: .*$/m, 'name: Custom e-bike (2027)');
    const published = await createCatalogService(server.running.orm.em.fork(), new ModelCache()).publish(
      text,
    );
    expect(published.ok && published.version.version).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, LATEST_VERSION_TTL_MS + 100));
    const after = await server.graphql<{ product: { modelVersion: number; name: string } }>(query);
    expect(after.data!.product).toEqual({ modelVersion: 2, name: 'Custom e-bike (2027)' });
  });
});
