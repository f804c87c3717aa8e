import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService } from '../services.js';
import { type Dialect, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { eventually } from '../test-support/webhook-receiver.js';
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
    for (const product of products) expect(product.modelVersion).toBe(1);
    // The default build's price, worked from server/demo-models/*.yaml.
    expect(Object.fromEntries(products.map((p) => [p.code, p.startingPrice]))).toEqual({
      // 1990 base + 600 m500 + 290 b625 + 69 rack + 49 fenders + 119 lights + 180 suspension fork
      'e-bike': { amount: '3297.00', currency: 'EUR' },
      // 390 base + 120 dual motors + 45 memory handset + 39 cable tray + 1.6 x 0.8 m2 x 420 oak
      // (537.60) + 39 anti-collision sensor
      'standing-desk': { amount: '1170.60', currency: 'EUR' },
      // 249 base + 599 Ryzen 9 9950X + 479 X870E + 2 x 32 GB x 3.10 (198.40) + 649 RTX 4070 Super
      // + 139 850 W + 179 2 TB NVMe + 179 Define 7 + 149 tower cooler + 199 Windows 11 Pro
      'workstation-pc': { amount: '3019.40', currency: 'EUR' },
    });
  });

  it('says how many of each product one order line may ask for (maxQuantityPerLine in each model)', async () => {
    const result = await server.graphql<{ products: { code: string; maxQuantityPerLine: number }[] }>(
      '{ products { code maxQuantityPerLine } }',
    );
    expect(result.errors).toBeUndefined();
    expect(Object.fromEntries(result.data!.products.map((p) => [p.code, p.maxQuantityPerLine]))).toEqual({
      'e-bike': 20,
      'standing-desk': 50,
      'workstation-pc': 20,
    });
  });

  it('gives each product its default build, which configures as valid and complete', async () => {
    const result = await server.graphql<{
      products: {
        code: string;
        defaultSelections: { feature: string; value: string | null; values: string[] | null }[];
      }[];
    }>('{ products { code defaultSelections { feature value values } } }');
    expect(result.data!.products).toHaveLength(3);
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

  it(
    dialect === 'postgresql'
      ? 'is in force for this server on its next request (it hears the publication by NOTIFY)'
      : 'is in force for this server too within LATEST_VERSION_TTL_MS (SQLite has no NOTIFY)',
    async () => {
      const query = '{ product(code: "e-bike") { modelVersion name } }';
      expect(
        (await server.graphql<{ product: { modelVersion: number } }>(query)).data!.product.modelVersion,
      ).toBe(1);
      // Another process: its own cache, the same database.
      const text = demoModelFiles()
        .find((file) => file.code === 'e-bike')!
        .text.replace(/^name: .*$/m, 'name: Custom e-bike (2027)');
      const heardBefore = server.running.processChanges?.noticesHeard ?? 0;
      const published = await createCatalogService(server.running.orm.em.fork(), new ModelCache()).publish(
        text,
      );
      expect(published.ok && published.version.version).toBe(2);
      if (dialect === 'sqlite')
        await new Promise((resolve) => setTimeout(resolve, LATEST_VERSION_TTL_MS + 100));
      // The notice travels on its own connection: the request after it has arrived serves the new version
      // (the cache's safety time-to-live is a minute, far past this test).
      else
        await eventually(
          () => server.running.processChanges!.noticesHeard > heardBefore,
          'the publication’s notice',
        );
      const after = await server.graphql<{ product: { modelVersion: number; name: string } }>(query);
      expect(after.data!.product).toEqual({ modelVersion: 2, name: 'Custom e-bike (2027)' });
    },
  );
});
