import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  type GraphQLResponse,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';

import {
  type Choices,
  type ConfigurationView,
  type FeatureView,
  type OptionView,
  selectionsOf,
} from './configuration.test-support.js';

/** `configure` over real HTTP with the shared `Configure` operation, on every database. */

const feature = (configuration: ConfigurationView, code: string): FeatureView => {
  const found = configuration.features.find((f) => f.code === code);
  if (!found) throw new Error(`no feature ${code}`);
  return found;
};
const option = (configuration: ConfigurationView, featureCode: string, code: string): OptionView => {
  const found = feature(configuration, featureCode).options.find((o) => o.code === code);
  if (!found) throw new Error(`no option ${featureCode}=${code}`);
  return found;
};
const line = (configuration: ConfigurationView, code: string) =>
  configuration.price.lines.find((l) => l.code === code);
const sum = (amounts: string[]): number => amounts.reduce((total, amount) => total + Number(amount), 0);

const dialects = await testDialects();

describe.each(dialects)('configure over GraphQL on %s', (dialect: Dialect) => {
  let server: TestServer;
  const configureRaw = (
    input: Record<string, unknown>,
  ): Promise<GraphQLResponse<{ configure: ConfigurationView }>> =>
    server.graphql(operation('configure'), { input });
  const configure = async (productCode: string, choices: Choices = {}, quantity?: number) => {
    const result = await configureRaw({ productCode, selections: selectionsOf(choices), quantity });
    expect(result.errors).toBeUndefined();
    return result.data!.configure;
  };
  /** The error of a request that must be refused: one BAD_USER_INPUT naming the field, no data, no stack. */
  const refused = async (input: Record<string, unknown>) => {
    const result = await configureRaw(input);
    expect(result.status).toBeLessThan(500);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(error)).not.toMatch(/stacktrace|at .*\.ts:\d+/i);
    return { field: error.extensions?.field, message: error.message };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('scenario: a customer opens each demo product', () => {
    it.each(['standing-desk', 'e-bike', 'workstation-pc'])(
      '%s with no choices is valid and complete, every value its default',
      async (code) => {
        const configuration = await configure(code);
        expect(configuration).toMatchObject({
          modelVersion: 1,
          quantity: 1,
          valid: true,
          complete: true,
          consistent: true,
          conflict: null,
          undecided: [],
          choices: [],
        });
        expect(configuration.product).toMatchObject({ code, modelVersion: 1 });
        expect(configuration.violations.filter((v) => v.severity === 'ERROR')).toEqual([]);
        for (const f of configuration.features) {
          expect(f.source, f.code).toBe('DEFAULT');
          // Every option in force shows SELECTED, and only those.
          if (f.options.length > 0) {
            expect(
              f.options.filter((o) => o.state === 'SELECTED').map((o) => o.code),
              f.code,
            ).toEqual(f.kind === 'multiple' ? f.selected : f.selected.slice(0, 1));
          }
          // Defaults are not choices: nothing is excluded because of them.
          for (const o of f.options) expect(o.blockedBy, `${f.code}=${o.code}`).toEqual([]);
        }
        // The values in force, one per feature, in input form: a client can send them back.
        expect(configuration.selections.map((s) => s.feature)).toEqual(
          configuration.features.map((f) => f.code),
        );
        const { lines, total, unitPrice, quantity } = configuration.price;
        expect(sum(lines.map((l) => l.amount.amount))).toBeCloseTo(Number(total.amount), 6);
        expect(total).toEqual(unitPrice);
        expect(quantity).toBe(1);
      },
    );

    it('the desk shows each kind of value in force as text: numbers, options, booleans, ticked options', async () => {
      const desk = await configure('standing-desk');
      expect(feature(desk, 'width_mm')).toMatchObject({
        kind: 'integer',
        selected: ['1600'],
        min: '1000',
        max: '2200',
        step: '10',
        unit: 'mm',
        rangeMin: '1000',
        rangeMax: '2200',
        group: 'size',
        options: [],
      });
      expect(feature(desk, 'top_material').selected).toEqual(['oak']);
      expect(feature(desk, 'anti_collision')).toMatchObject({ kind: 'boolean', selected: ['true'] });
      expect(option(desk, 'anti_collision', 'true').state).toBe('SELECTED');
      expect(option(desk, 'anti_collision', 'false').state).toBe('AVAILABLE');
      expect(feature(desk, 'preassembled').selected).toEqual(['false']);
      expect(feature(desk, 'accessories')).toMatchObject({ kind: 'multiple', selected: ['cable_tray'] });
      expect(desk.selections).toContainEqual({ feature: 'width_mm', value: '1600', values: null });
      expect(desk.selections).toContainEqual({ feature: 'accessories', value: null, values: ['cable_tray'] });
      expect(desk.selections).toContainEqual({ feature: 'anti_collision', value: 'true', values: null });
    });

    it('an option’s surcharge per unit is its priceDelta; an option that costs nothing has none', async () => {
      const desk = await configure('standing-desk');
      expect(option(desk, 'frame', 'leg4').priceDelta).toEqual({
        currency: 'EUR',
        amount: '290.00',
        minorUnits: '29000',
      });
      expect(option(desk, 'frame', 'leg4').leadTimeDays).toBe(2);
      expect(option(desk, 'frame', 'leg2').priceDelta).toBeNull();
      expect(option(desk, 'accessories', 'monitor_arm').priceDelta?.amount).toBe('129.00');
      expect(option(desk, 'anti_collision', 'true').priceDelta).toBeNull();
    });
  });

  describe('scenario: the desk is made 2000 mm wide', () => {
    it('prices the wider oak top in its formula line, and the total follows', async () => {
      const before = await configure('standing-desk');
      const after = await configure('standing-desk', { width_mm: '2000' });
      // 1600 x 800 mm of oak at 420/m2 = 537.60; 2000 x 800 mm = 672.00.
      expect(line(before, 'formula:top-oak')?.amount.amount).toBe('537.60');
      expect(line(after, 'formula:top-oak')?.amount.amount).toBe('672.00');
      expect(Number(after.price.total.amount)).toBeGreaterThan(Number(before.price.total.amount));
      expect(sum(after.price.lines.map((l) => l.amount.amount))).toBeCloseTo(
        Number(after.price.total.amount),
        6,
      );
      expect(feature(after, 'width_mm')).toMatchObject({ source: 'USER', selected: ['2000'] });
      expect(after.choices).toEqual([{ feature: 'width_mm', value: '2000', values: null, source: 'CHOSEN' }]);
    });

    it('keeps the user’s width and moves the frame off its default to the 4-leg frame the rules imply', async () => {
      const desk = await configure('standing-desk', { width_mm: '2000' });
      expect(desk).toMatchObject({ valid: true, complete: true, consistent: true });
      expect(feature(desk, 'frame')).toMatchObject({ source: 'IMPLIED', selected: ['leg4'] });
      expect(option(desk, 'frame', 'leg4')).toMatchObject({ state: 'SELECTED', implied: true });
      // The 4-leg frame's surcharge is now a line of the price.
      expect(line(desk, 'option:frame=leg4')?.amount.amount).toBe('290.00');
      const leg2 = option(desk, 'frame', 'leg2');
      expect(leg2.state).toBe('EXCLUDED');
      expect(leg2.reasons.map((r) => r.ruleId)).toEqual(['wide-needs-4-legs']);
      expect(leg2.reasons[0]!.message).toBe('Tops wider than 1800 mm need the 4-leg frame.');
      expect(leg2.blockedBy).toEqual(['width_mm']);
      // Walnut is made up to 1800 mm: excluded by the width, with the rule's words.
      expect(option(desk, 'top_material', 'walnut')).toMatchObject({
        state: 'EXCLUDED',
        blockedBy: ['width_mm'],
        reasons: [expect.objectContaining({ ruleId: 'walnut-max-width' })],
      });
    });

    it('at 2100 mm the oak default cannot be kept: another top completes the desk, and says so', async () => {
      const desk = await configure('standing-desk', { width_mm: '2100' });
      expect(desk).toMatchObject({ valid: true, complete: true, consistent: true });
      const top = feature(desk, 'top_material');
      expect(top.source).toBe('COMPLETED');
      expect(top.selected).not.toEqual(['oak']);
      expect(option(desk, 'top_material', 'oak')).toMatchObject({
        state: 'EXCLUDED',
        blockedBy: ['width_mm'],
        reasons: [expect.objectContaining({ ruleId: 'oak-max-width' })],
      });
      expect(feature(desk, 'width_mm').selected).toEqual(['2100']);
    });

    it('a chosen walnut top narrows the widths still allowed to 1800 mm, within the whole range', async () => {
      const desk = await configure('standing-desk', { top_material: 'walnut' });
      expect(feature(desk, 'width_mm')).toMatchObject({
        min: '1000',
        max: '1800',
        rangeMin: '1000',
        rangeMax: '2200',
        source: 'DEFAULT',
        selected: ['1600'],
      });
    });
  });

  describe('scenario: the e-bike gets a cargo box', () => {
    it('excludes the S and M frames with the rule’s reason and the cargo box as the choice behind it', async () => {
      const bike = await configure('e-bike', { cargo_box: 'true' });
      expect(bike).toMatchObject({ valid: true, complete: true, consistent: true });
      for (const size of ['s', 'm']) {
        const frame = option(bike, 'frame_size', size);
        expect(frame.state, size).toBe('EXCLUDED');
        expect(frame.reasons[0]).toEqual({
          ruleId: 'cargo-box-frame',
          message: 'A cargo box needs the L or XL frame: the S and M frames are too short for the box mount.',
          features: ['cargo_box', 'frame_size'],
        });
        expect(frame.blockedBy).toEqual(['cargo_box']);
      }
      // The frame's default (M) cannot stay: the user's cargo box wins, the frame is filled in.
      expect(feature(bike, 'frame_size').source).toBe('COMPLETED');
      expect(['l', 'xl']).toContain(feature(bike, 'frame_size').selected[0]);
      // 20-inch wheels are the only ones left: implied, and shown as such.
      expect(feature(bike, 'wheel_size')).toMatchObject({ source: 'IMPLIED', selected: ['w20'] });
      expect(feature(bike, 'cargo_box')).toMatchObject({ source: 'USER', selected: ['true'] });
      expect(feature(bike, 'accessories').selected).toContain('kickstand_dual');
    });
  });

  describe('scenario: choices that cannot hold together', () => {
    it('a walnut top 2000 mm wide is invalid, names the rule, and keeps both choices as they were made', async () => {
      const desk = await configure('standing-desk', { top_material: 'walnut', width_mm: '2000' });
      expect(desk.valid).toBe(false);
      expect(desk.consistent).toBe(false);
      expect(desk.conflict).toEqual({
        features: ['width_mm', 'top_material'],
        // Both are the person's own choices (none was filled in for them).
        choices: [
          { feature: 'width_mm', source: 'CHOSEN' },
          { feature: 'top_material', source: 'CHOSEN' },
        ],
        reasons: [expect.objectContaining({ ruleId: 'walnut-max-width' })],
      });
      expect(desk.violations).toContainEqual(
        expect.objectContaining({ ruleId: 'walnut-max-width', severity: 'ERROR' }),
      );
      expect(feature(desk, 'top_material')).toMatchObject({ source: 'USER', selected: ['walnut'] });
      expect(feature(desk, 'width_mm')).toMatchObject({ source: 'USER', selected: ['2000'] });
      expect(option(desk, 'top_material', 'walnut')).toMatchObject({
        state: 'SELECTED',
        reasons: [expect.objectContaining({ ruleId: 'walnut-max-width' })],
      });
      // Still priced, so a person sees what the choices would cost.
      expect(Number(desk.price.total.amount)).toBeGreaterThan(0);
    });

    it('a warning informs without making the configuration invalid', async () => {
      const pc = await configure('workstation-pc', { memory_modules: '3' });
      expect(pc.valid).toBe(true);
      expect(pc.violations).toEqual([
        expect.objectContaining({ ruleId: 'memory-bandwidth', severity: 'WARNING' }),
      ]);
    });
  });

  describe('scenario: choices sent back', () => {
    it('an optional choice left open on purpose stays open: selected is empty', async () => {
      const pc = await configure('workstation-pc', { gpu: null });
      expect(feature(pc, 'gpu')).toMatchObject({ source: 'USER', selected: [], required: false });
      expect(pc.choices).toEqual([{ feature: 'gpu', value: null, values: null, source: 'CHOSEN' }]);
      expect(pc.selections).toContainEqual({ feature: 'gpu', value: null, values: null });
    });

    it('the values in force sent back as choices give the same values and price, all the user’s', async () => {
      const first = await configure('e-bike', { cargo_box: 'true' });
      const again = await server.graphql<{ configure: ConfigurationView }>(operation('configure'), {
        input: { productCode: 'e-bike', selections: first.selections },
      });
      expect(again.errors).toBeUndefined();
      const second = again.data!.configure;
      expect(second.features.map((f) => [f.code, f.selected])).toEqual(
        first.features.map((f) => [f.code, f.selected]),
      );
      expect(second.price).toEqual(first.price);
      expect(new Set(second.features.map((f) => f.source))).toEqual(new Set(['USER']));
    });

    it('prices the quantity: the total is the unit price times the quantity', async () => {
      const desk = await configure('standing-desk', {}, 3);
      expect(desk.quantity).toBe(3);
      expect(desk.price.quantity).toBe(3);
      expect(Number(desk.price.total.minorUnits)).toBe(Number(desk.price.unitPrice.minorUnits) * 3);
    });
  });

  describe('bad input is refused with the field at fault', () => {
    it('an unknown product names input.productCode and lists the products', async () => {
      const error = await refused({ productCode: 'hoverboard', selections: [] });
      expect(error.field).toBe('input.productCode');
      expect(error.message).toMatch(/No product 'hoverboard'.*standing-desk/);
    });

    it('an unknown feature or option names the selection', async () => {
      expect(
        await refused({ productCode: 'standing-desk', selections: [{ feature: 'colour', value: 'red' }] }),
      ).toMatchObject({ field: 'input.selections[0].feature', message: expect.stringMatching(/'colour'/) });
      expect(
        await refused({
          productCode: 'standing-desk',
          selections: [
            { feature: 'width_mm', value: '1600' },
            { feature: 'top_material', value: 'marble' },
          ],
        }),
      ).toMatchObject({
        field: 'input.selections[1].value',
        message: expect.stringMatching(/'marble' is not an option of 'top_material'/),
      });
    });

    it.each([
      ['2500', /at most 2200 mm/],
      ['900', /at least 1000 mm/],
      ['1605', /steps of 10 mm/],
      ['wide', /takes a number/],
    ])('a width of %s names input.selections[i].value', async (width, message) => {
      const error = await refused({
        productCode: 'standing-desk',
        selections: [
          { feature: 'top_material', value: 'oak' },
          { feature: 'width_mm', value: width },
        ],
      });
      expect(error.field).toBe('input.selections[1].value');
      expect(error.message).toMatch(message);
    });

    it.each([0, -2])('a quantity of %i names input.quantity', async (quantity) => {
      const error = await refused({ productCode: 'standing-desk', selections: [], quantity });
      expect(error.field).toBe('input.quantity');
      expect(error.message).toMatch(/whole number from 1/);
    });

    it('nothing in the input can set a price or validity: such fields are refused', async () => {
      const result = await configureRaw({
        productCode: 'standing-desk',
        selections: [],
        valid: true,
        price: { total: '1.00' },
      });
      expect(result.status).toBeLessThan(500);
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/"valid" is not defined by type "ConfigurationInput"/);
    });
  });

  describe('performance', () => {
    it('configuring a complete desk runs at most 2 SQL queries (the model version, remembered briefly; the model is cached)', async () => {
      const defaults = await configure('standing-desk');
      // Every feature chosen: the heaviest configure for the engine, and still one lookup.
      const complete = { productCode: 'standing-desk', selections: defaults.selections, quantity: 2 };
      await configureRaw(complete); // the model is compiled and cached by now either way
      server.queries.length = 0;
      const result = await configureRaw(complete);
      expect(result.errors).toBeUndefined();
      expect(result.data!.configure.features.every((f) => f.source === 'USER')).toBe(true);
      const counted = [...server.queries];
      console.info(
        `[${dialect}] configure of a complete desk: ${counted.length} SQL quer${counted.length === 1 ? 'y' : 'ies'}`,
      );
      expect(counted.length).toBeLessThanOrEqual(2);
    });
  });
});
