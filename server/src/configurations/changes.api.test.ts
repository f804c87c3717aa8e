// Nothing changes without the person seeing it (issue 13, defect 3), over GraphQL with the shared
// operations: configure's changesSince lists every value the server re-chose to fit a new choice, with
// its price delta; resolveConflict's effects list every feature the switch changes, and the deltas add
// up to the change of the total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dialect, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { operation } from '../test-support/operations.js';
import type { ConfigurationView, Money, SelectionView } from './configuration.test-support.js';

const dialects = await testDialects();
const CONFIGURE = operation('configure');
const RESOLVE = operation('resolve-conflict');

interface ValueChangeView {
  feature: string;
  label: string;
  from: string[];
  fromLabel: string;
  to: string[];
  toLabel: string;
  source: string;
  chosen: boolean;
  priceDelta: Money;
}
interface ChangesView {
  values: ValueChangeView[];
  otherPriceLines: { code: string; label: string; delta: Money }[];
  totalBefore: Money;
  totalAfter: Money;
  totalDelta: Money;
}
type Configured = ConfigurationView & { changesSince?: ChangesView };
type Choice = { feature: string; value?: string; values?: string[] };

/** Every delta listed, in minor units. */
const listedSum = (changes: ChangesView): bigint =>
  changes.values.reduce((s, v) => s + BigInt(v.priceDelta.minorUnits), 0n) +
  changes.otherPriceLines.reduce((s, l) => s + BigInt(l.delta.minorUnits), 0n);
const minor = (money: Money): bigint => BigInt(money.minorUnits);
const selected = (c: ConfigurationView, feature: string): string[] =>
  c.features.find((f) => f.code === feature)!.selected;
/** The features whose value in force differs between two configurations. */
const differing = (a: ConfigurationView, b: ConfigurationView): string[] =>
  a.features
    .filter((f) => [...f.selected].sort().join() !== [...selected(b, f.code)].sort().join())
    .map((f) => f.code);
const asInput = (selections: SelectionView[]): Choice[] =>
  selections.map(({ feature, value, values }) => (values ? { feature, values } : { feature, value: value! }));

describe.each(dialects)('the changes a choice brings, over GraphQL, on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function configure(productCode: string, selections: Choice[], since?: Choice[]): Promise<Configured> {
    const result = await server.graphql<{ configure: Configured }>(CONFIGURE, {
      input: { productCode, selections },
      ...(since ? { since, compare: true } : {}),
    });
    expect(result.errors).toBeUndefined();
    return result.data!.configure;
  }

  async function resolve(productCode: string, selections: Choice[], feature: string, value: string) {
    const result = await server.graphql<{
      resolveConflict: {
        possible: boolean;
        selections: SelectionView[];
        configuration: ConfigurationView;
        effects: ChangesView;
      };
    }>(RESOLVE, { input: { productCode, selections }, feature, value });
    expect(result.errors).toBeUndefined();
    return result.data!.resolveConflict;
  }

  it('defect 3: width 2100 on the default desk lists the top (oak → white melamine) and the frame (2 → 4 legs) with their price deltas; undo is the earlier choices', async () => {
    const before = await configure('standing-desk', []);
    expect(before.changesSince).toBeUndefined();
    const after = await configure('standing-desk', [{ feature: 'width_mm', value: '2100' }], []);
    const changes = after.changesSince!;
    const byFeature = new Map(changes.values.map((v) => [v.feature, v]));
    expect(byFeature.get('width_mm')).toMatchObject({
      from: ['1600'],
      to: ['2100'],
      chosen: true,
      source: 'USER',
    });
    expect(byFeature.get('top_material')).toEqual({
      feature: 'top_material',
      label: 'Top material',
      from: ['oak'],
      fromLabel: 'Solid European oak, 25 mm',
      to: ['melamine'],
      toLabel: 'White melamine on chipboard, 25 mm',
      source: 'COMPLETED',
      chosen: false,
      // Oak at 1600 x 800 mm (537.60) gives way to melamine at 2100 x 800 mm (201.60).
      priceDelta: { currency: 'EUR', amount: '-336.00', minorUnits: '-33600' },
    });
    expect(byFeature.get('frame')).toMatchObject({
      from: ['leg2'],
      fromLabel: '2-leg T-frame, black powder coat',
      to: ['leg4'],
      toLabel: '4-leg frame, black powder coat',
      chosen: false,
      priceDelta: { amount: '290.00' },
    });
    // The finish follows the melamine top; nothing else moves.
    expect(changes.values.map((v) => v.feature)).toEqual(['width_mm', 'top_material', 'top_finish', 'frame']);
    expect(changes.values.filter((v) => !v.chosen).map((v) => v.feature)).toEqual([
      'top_material',
      'top_finish',
      'frame',
    ]);
    expect(changes.values.map((v) => v.feature)).toEqual(differing(before, after));
    expect(changes.totalBefore).toEqual(before.price.total);
    expect(changes.totalAfter).toEqual(after.price.total);
    expect(minor(changes.totalDelta)).toBe(minor(after.price.total) - minor(before.price.total));
    expect(listedSum(changes)).toBe(minor(changes.totalDelta));

    // Undo: the earlier choices, sent again, give back exactly what was shown before.
    const undone = await configure('standing-desk', [], [{ feature: 'width_mm', value: '2100' }]);
    expect(selected(undone, 'width_mm')).toEqual(['1600']);
    expect(selected(undone, 'top_material')).toEqual(['oak']);
    expect(selected(undone, 'frame')).toEqual(['leg2']);
    expect(undone.price.total).toEqual(before.price.total);
    expect(undone.features).toEqual(before.features);
    // And it says so: the top and the frame go back to their defaults.
    expect(
      undone.changesSince!.values.filter((v) => !v.chosen).map((v) => [v.feature, v.to, v.source]),
    ).toEqual([
      ['top_material', ['oak'], 'DEFAULT'],
      ['top_finish', ['oil_natural'], 'DEFAULT'],
      ['frame', ['leg2'], 'DEFAULT'],
    ]);
  });

  it('defect 3: the dual-battery switch on an M frame lists the motor 500 W → 750 W (+500 EUR) besides the frame, and the deltas add up', async () => {
    const input: Choice[] = [{ feature: 'frame_size', value: 'm' }];
    const before = await configure('e-bike', input);
    const resolution = await resolve('e-bike', input, 'battery', 'b1000');
    expect(resolution.possible).toBe(true);
    const { effects } = resolution;
    expect(effects.values.map((v) => [v.feature, v.from, v.to, v.chosen, v.priceDelta.amount])).toEqual([
      ['frame_size', ['m'], ['l'], true, '0.00'],
      ['motor', ['m500'], ['m750'], false, '500.00'],
      ['battery', ['b625'], ['b1000'], true, '400.00'],
    ]);
    expect(effects.values[1]).toMatchObject({
      fromLabel: '500 W mid-drive motor, 85 Nm',
      toLabel: '750 W mid-drive motor, 120 Nm',
      // The dual battery takes only the 750 W motor.
      source: 'IMPLIED',
    });
    // The brakes come with the 750 W motor or the cargo box: a line of its own.
    expect(effects.otherPriceLines).toEqual([
      {
        code: 'formula:four-piston-brakes',
        label: '4-piston hydraulic brakes, 203 mm rotors',
        delta: { currency: 'EUR', amount: '90.00', minorUnits: '9000' },
      },
    ]);
    expect(effects.totalBefore).toEqual(before.price.total);
    expect(effects.totalAfter).toEqual(resolution.configuration.price.total);
    expect(listedSum(effects)).toBe(99_000n);
    expect(minor(effects.totalDelta)).toBe(99_000n);

    // Applied, the switch shows the same changes as a notice would (the motor re-chosen).
    const applied = await configure('e-bike', asInput(resolution.selections), input);
    expect(applied.changesSince).toEqual(effects);
  });

  it('over every excluded option of the e-bike and the desk at a few states, the listed features are those that change, and their deltas sum to the change of the total', async () => {
    const states: [string, Choice[]][] = [
      ['e-bike', []],
      ['e-bike', [{ feature: 'cargo_box', value: 'true' }]],
      [
        'e-bike',
        [
          { feature: 'frame_size', value: 's' },
          { feature: 'gear_type', value: 'nexus_5' },
        ],
      ],
      ['standing-desk', [{ feature: 'width_mm', value: '2100' }]],
      [
        'standing-desk',
        [
          { feature: 'accessories', values: ['castors', 'drawer'] },
          { feature: 'depth_mm', value: '950' },
        ],
      ],
    ];
    let cases = 0;
    for (const [productCode, input] of states) {
      const before = await configure(productCode, input);
      for (const feature of before.features) {
        for (const option of feature.options.filter((o) => o.state === 'EXCLUDED')) {
          const resolution = await resolve(productCode, input, feature.code, option.code);
          if (!resolution.possible) continue;
          const label = `${productCode} ${JSON.stringify(input)} -> ${feature.code}=${option.code}`;
          const { effects, configuration } = resolution;
          expect(
            effects.values.map((v) => v.feature),
            label,
          ).toEqual(differing(before, configuration));
          expect(listedSum(effects), label).toBe(
            minor(configuration.price.total) - minor(before.price.total),
          );
          expect(minor(effects.totalDelta), label).toBe(listedSum(effects));
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(15);
  });

  it('refuses bad earlier choices naming the field, as configure refuses its own', async () => {
    const result = await server.graphql(CONFIGURE, {
      input: { productCode: 'standing-desk', selections: [] },
      since: [{ feature: 'width_mm', value: '99999' }],
      compare: true,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'choices[0].value',
    });
    const unknown = await server.graphql(CONFIGURE, {
      input: { productCode: 'standing-desk', selections: [] },
      since: [{ feature: 'wings', value: '2' }],
      compare: true,
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'choices[0].feature',
    });
  });
});
