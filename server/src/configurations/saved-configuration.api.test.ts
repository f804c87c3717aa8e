import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODELS_DIR } from '../catalog/demo-models.js';
import { ModelCache } from '../catalog/model-cache.js';
import { createCatalogService } from '../services.js';
import {
  type Dialect,
  type GraphQLResponse,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';
import { ConfigurationService } from './configuration.service.js';
import { type ConfigurationView, selectionsOf } from './configuration.test-support.js';
import { SavedConfiguration } from './saved-configuration.entity.js';

/** saveConfiguration and savedConfiguration over real HTTP with the shared operations, on every database. */

interface SavedView {
  code: string;
  url: string;
  productCode: string;
  modelVersion: number;
  quantity: number;
  createdAt: string;
  choices: { feature: string; value: string | null; values: string[] | null }[];
  configuration: ConfigurationView;
}

const dialects = await testDialects();

describe.each(dialects)('saved configurations over GraphQL on %s', (dialect: Dialect) => {
  let server: TestServer;
  const saveRaw = (
    input: Record<string, unknown>,
  ): Promise<GraphQLResponse<{ saveConfiguration: SavedView }>> =>
    server.graphql(operation('save-configuration'), { input });
  const save = async (input: Record<string, unknown>): Promise<SavedView> => {
    const result = await saveRaw(input);
    expect(result.errors).toBeUndefined();
    return result.data!.saveConfiguration;
  };
  const load = async (code: string): Promise<SavedView | null> => {
    const result = await server.graphql<{ savedConfiguration: SavedView | null }>(
      operation('saved-configuration'),
      { code },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.savedConfiguration;
  };
  const configure = async (input: Record<string, unknown>): Promise<ConfigurationView> => {
    const result = await server.graphql<{ configure: ConfigurationView }>(operation('configure'), { input });
    expect(result.errors).toBeUndefined();
    return result.data!.configure;
  };
  const storedRow = async (code: string) =>
    server.running.orm.em.fork().findOneOrFail(SavedConfiguration, { code });

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  const bikeInput = {
    productCode: 'e-bike',
    selections: selectionsOf({ cargo_box: 'true', accessories: ['kickstand_dual', 'rack', 'lights'] }),
    quantity: 2,
  };

  describe('scenario: a customer shares a cargo e-bike', () => {
    it('stores the choices made (not the defaults), the model version and the quantity under a random code', async () => {
      const before = await server.rowCounts();
      const saved = await save(bikeInput);
      expect(saved.code).toMatch(/^[a-z0-9]{10}$/);
      expect(saved.url).toBe(`/configure/e-bike?c=${saved.code}`);
      expect(saved).toMatchObject({ productCode: 'e-bike', modelVersion: 1, quantity: 2 });
      expect(Date.now() - Date.parse(saved.createdAt)).toBeLessThan(60_000);
      expect(saved.choices).toEqual([
        { feature: 'cargo_box', value: 'true', values: null, source: 'CHOSEN' },
        {
          feature: 'accessories',
          value: null,
          values: ['rack', 'lights', 'kickstand_dual'],
          source: 'CHOSEN',
        },
      ]);
      expect(saved.configuration).toMatchObject({ valid: true, complete: true, consistent: true });
      expect(await server.rowCounts()).toEqual({
        ...before,
        saved_configuration: before.saved_configuration! + 1,
      });
      const row = await storedRow(saved.code);
      expect(row).toMatchObject({ productCode: 'e-bike', modelVersion: 1, quantity: 2 });
      expect(row.selections.map((s) => s.feature)).toEqual(['cargo_box', 'accessories']);
    });

    it('opening the link restores exactly the same values, option states and price as configuring them', async () => {
      const saved = await save(bikeInput);
      const opened = await load(saved.code);
      expect(opened).not.toBeNull();
      expect(opened).toMatchObject({
        code: saved.code,
        url: saved.url,
        createdAt: saved.createdAt,
        choices: saved.choices,
        modelVersion: 1,
        quantity: 2,
      });
      const configured = await configure(bikeInput);
      // The whole configuration: selected values and sources, every option state with its reasons, price.
      expect(opened!.configuration).toEqual(configured);
      expect(opened!.configuration.price.total).toEqual(saved.configuration.price.total);
    });

    it('gives every save its own code', async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 5; i++)
        codes.add((await save({ productCode: 'standing-desk', selections: [] })).code);
      expect(codes.size).toBe(5);
    });

    it('an unknown code opens nothing: null', async () => {
      expect(await load('nosuchcode')).toBeNull();
      expect(await load('')).toBeNull();
    });

    it('a configuration that breaks a rule can be shared too, and opens with the same violations', async () => {
      const input = {
        productCode: 'standing-desk',
        selections: selectionsOf({ top_material: 'walnut', width_mm: '2000' }),
      };
      const saved = await save(input);
      expect(saved.configuration).toMatchObject({ valid: false, consistent: false });
      const opened = await load(saved.code);
      expect(opened!.configuration).toEqual(await configure(input));
      expect(opened!.configuration.violations.map((v) => v.ruleId)).toContain('walnut-max-width');
    });

    it('opening a saved configuration runs at most 2 SQL queries (the saved row, its model version)', async () => {
      const saved = await save(bikeInput);
      server.queries.length = 0;
      await load(saved.code);
      expect(server.queries.length).toBeLessThanOrEqual(2);
    });
  });

  describe('bad input writes nothing', () => {
    it.each([
      ['an unknown product', { productCode: 'hoverboard', selections: [] }, 'input.productCode'],
      [
        'an unknown feature',
        { productCode: 'standing-desk', selections: [{ feature: 'colour', value: 'red' }] },
        'input.selections[0].feature',
      ],
      [
        'an unknown option',
        { productCode: 'e-bike', selections: [{ feature: 'frame_size', value: 'xxl' }] },
        'input.selections[0].value',
      ],
      [
        'a width out of range',
        {
          productCode: 'standing-desk',
          selections: [
            { feature: 'depth_mm', value: '800' },
            { feature: 'width_mm', value: '3000' },
          ],
        },
        'input.selections[1].value',
      ],
      [
        'a width that is not a number',
        { productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: '1.6 m' }] },
        'input.selections[0].value',
      ],
      ['a quantity of 0', { productCode: 'standing-desk', selections: [], quantity: 0 }, 'input.quantity'],
      [
        'a negative quantity',
        { productCode: 'standing-desk', selections: [], quantity: -1 },
        'input.quantity',
      ],
    ])('%s: BAD_USER_INPUT naming the field, and no row written', async (_, input, field) => {
      const before = await server.rowCounts();
      const result = await saveRaw(input);
      expect(result.status).toBeLessThan(500);
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(result.errors![0]!.message.length).toBeGreaterThan(10);
      expect(await server.rowCounts()).toEqual(before);
    });

    it('a price or a validity sent by the client is refused, and nothing is written', async () => {
      const before = await server.rowCounts();
      const result = await saveRaw({
        productCode: 'standing-desk',
        selections: [],
        valid: true,
        price: { total: '1.00' },
      });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await server.rowCounts()).toEqual(before);
    });
  });

  describe('collisions and model versions', () => {
    it('a code that is already taken is drawn again, not overwritten', async () => {
      const codes = ['collide001', 'collide001', 'collide002'];
      const service = () => {
        const em = server.running.orm.em.fork();
        return new ConfigurationService(em, createCatalogService(em, new ModelCache()), () => codes.shift()!);
      };
      const first = await service().save({ productCode: 'standing-desk', selections: [] });
      const second = await service().save({
        productCode: 'standing-desk',
        selections: [{ feature: 'width_mm', value: '1800' }],
      });
      expect(first.saved.code).toBe('collide001');
      expect(second.saved.code).toBe('collide002');
      expect(codes).toEqual([]);
      expect((await storedRow('collide001')).selections).toEqual([]);
      expect(
        (await load('collide002'))!.configuration.features.find((f) => f.code === 'width_mm')!.selected,
      ).toEqual(['1800']);
    });

    it('a saved configuration opens on its own model version after a new version is published', async () => {
      const input = { productCode: 'standing-desk', selections: selectionsOf({ width_mm: '1400' }) };
      const saved = await save(input);
      const before = await load(saved.code);
      // Publish version 2 of the desk with a dearer base price.
      const source = readFileSync(`${DEMO_MODELS_DIR}/standing-desk.yaml`, 'utf8');
      const changed = source.replace('basePrice: "390.00"', 'basePrice: "490.00"');
      expect(changed).not.toBe(source);
      const em = server.running.orm.em.fork();
      const published = await createCatalogService(em, server.running.cache).publish(changed);
      expect(published).toMatchObject({ ok: true, created: true });

      const now = await configure(input);
      expect(now.modelVersion).toBe(2);
      const after = await load(saved.code);
      expect(after!.modelVersion).toBe(1);
      expect(after!.configuration.modelVersion).toBe(1);
      expect(after!.configuration).toEqual(before!.configuration);
      expect(Number(now.price.total.amount) - Number(after!.configuration.price.total.amount)).toBe(100);
      // A new save names the version now in force.
      expect((await save(input)).modelVersion).toBe(2);
    });
  });
});
