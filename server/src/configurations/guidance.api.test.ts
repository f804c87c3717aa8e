import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dialect, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

const dialects = await testDialects();

interface OptionView {
  code: string;
  state: string;
  count: string | null;
  blockedBy: string[];
  reasons: { ruleId: string }[];
  priceDelta: { amount: string } | null;
}
interface ConfigurationView {
  consistent: boolean;
  valid: boolean;
  complete: boolean;
  remainingConfigurations: string | null;
  features: { code: string; selected: string[]; options: OptionView[] }[];
  choices: { feature: string; value: string | null; values: string[] | null }[];
}

const CONFIGURATION = `
  consistent valid complete remainingConfigurations
  features { code selected options { code state count blockedBy reasons { ruleId } priceDelta { amount } } }
  choices { feature value values }`;

const CONFIGURE = `query($input: ConfigurationInput!) { configure(input: $input) { ${CONFIGURATION} } }`;
const RESOLVE = `query($input: ConfigurationInput!, $feature: String!, $value: String!) {
  resolveConflict(input: $input, feature: $feature, value: $value) {
    feature value possible
    changes { feature label from to description }
    selections { feature value values }
    configuration { ${CONFIGURATION} }
  }
}`;
const AUTOCOMPLETE = `query($input: ConfigurationInput!, $preference: CompletionPreference) {
  autocomplete(input: $input, preference: $preference) {
    found preference proven selections { feature value values }
    configuration { ${CONFIGURATION} }
  }
}`;

const option = (c: ConfigurationView, feature: string, code: string): OptionView =>
  c.features.find((f) => f.code === feature)!.options.find((o) => o.code === code)!;

describe.each(dialects)('complete guidance over GraphQL, on %s', (dialect: Dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function configure(selections: unknown[]): Promise<ConfigurationView> {
    const result = await server.graphql<{ configure: ConfigurationView }>(CONFIGURE, {
      input: { productCode: 'e-bike', selections },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.configure;
  }

  it('counts the configurations left and, per option, those that contain it', async () => {
    const open = await configure([]);
    const all = BigInt(open.remainingConfigurations!);
    expect(all).toBeGreaterThan(1000n);
    // Every configuration has exactly one frame size: the sizes' counts add up to the whole.
    const sizes = open.features.find((f) => f.code === 'frame_size')!.options;
    expect(sizes.reduce((sum, o) => sum + BigInt(o.count!), 0n)).toBe(all);

    const cargo = await configure([{ feature: 'cargo_box', value: 'true' }]);
    const left = BigInt(cargo.remainingConfigurations!);
    expect(left).toBeLessThan(all);
    expect(left).toBe(BigInt(option(open, 'cargo_box', 'true').count!));
    // Switching the cargo box off again is what the count of its alternative says.
    expect(option(cargo, 'cargo_box', 'false').count).toBe(option(open, 'cargo_box', 'false').count);
  });

  it('explains an excluded option by a minimal set of choices, with a count of 0', async () => {
    const cargo = await configure([
      { feature: 'cargo_box', value: 'true' },
      { feature: 'colour', value: 'sage' },
    ]);
    const small = option(cargo, 'frame_size', 's');
    expect(small).toMatchObject({ state: 'EXCLUDED', count: '0', blockedBy: ['cargo_box'] });
    expect(small.reasons.map((r) => r.ruleId)).toContain('cargo-box-frame');
  });

  it('resolves a conflict with the fewest choices given up; applying it is one configure call', async () => {
    const input = {
      productCode: 'e-bike',
      selections: [
        { feature: 'cargo_box', value: 'true' },
        { feature: 'colour', value: 'sage' },
      ],
    };
    const result = await server.graphql<{
      resolveConflict: {
        possible: boolean;
        changes: { feature: string; from: string[]; to: string[]; description: string }[];
        selections: { feature: string; value: string | null; values: string[] | null }[];
        configuration: ConfigurationView;
      };
    }>(RESOLVE, { input, feature: 'frame_size', value: 's' });
    expect(result.errors).toBeUndefined();
    const resolution = result.data!.resolveConflict;
    expect(resolution.possible).toBe(true);
    expect(resolution.changes).toEqual([
      {
        feature: 'cargo_box',
        label: 'Front cargo box',
        from: ['true'],
        to: ['false'],
        description: 'Front cargo box: Yes → No',
      },
    ]);
    expect(resolution.configuration.consistent).toBe(true);
    expect(option(resolution.configuration, 'frame_size', 's').state).toBe('SELECTED');
    // The colour was not in the way: it is kept.
    expect(resolution.selections).toContainEqual({ feature: 'colour', value: 'sage', values: null });
    const applied = await configure(
      resolution.selections.map(({ feature, value, values }) =>
        values ? { feature, values } : { feature, value },
      ),
    );
    expect(applied).toEqual(resolution.configuration);
  });

  it('proposes the nearest fix: a desk 2100 mm wide in melamine, then oak, comes down to 2000 mm, walnut to 1800 mm (issue 13)', async () => {
    const input = {
      productCode: 'standing-desk',
      selections: [
        { feature: 'width_mm', value: '2100' },
        { feature: 'top_material', value: 'melamine' },
      ],
    };
    for (const [material, width] of [
      ['oak', '2000'],
      ['walnut', '1800'],
    ] as const) {
      const result = await server.graphql<{
        resolveConflict: {
          possible: boolean;
          changes: { feature: string; from: string[]; to: string[]; description: string }[];
          selections: { feature: string; value: string | null; values: string[] | null }[];
          configuration: ConfigurationView;
        };
      }>(RESOLVE, { input, feature: 'top_material', value: material });
      expect(result.errors).toBeUndefined();
      const resolution = result.data!.resolveConflict;
      expect(resolution.possible).toBe(true);
      expect(resolution.changes).toEqual([
        {
          feature: 'width_mm',
          label: 'Width',
          from: ['2100'],
          to: [width],
          description: `Width: 2100 mm → ${width} mm`,
        },
      ]);
      expect(resolution.selections).toEqual([
        { feature: 'width_mm', value: width, values: null },
        { feature: 'top_material', value: material, values: null },
      ]);
      expect(resolution.configuration.consistent).toBe(true);
      expect(option(resolution.configuration, 'top_material', material).state).toBe('SELECTED');
      expect(resolution.configuration.features.find((f) => f.code === 'width_mm')!.selected).toEqual([width]);
    }
  });

  it('refuses a resolution for an unknown feature or option, naming the field', async () => {
    const input = { productCode: 'e-bike', selections: [] };
    const unknownFeature = await server.graphql(RESOLVE, { input, feature: 'wings', value: 'x' });
    expect(unknownFeature.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'feature',
    });
    const unknownOption = await server.graphql(RESOLVE, { input, feature: 'frame_size', value: 'xxl' });
    expect(unknownOption.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });

  it('completes the choices by defaults, or by the least total of option surcharges', async () => {
    const input = { productCode: 'e-bike', selections: [{ feature: 'cargo_box', value: 'true' }] };
    const surcharges = (c: ConfigurationView): number =>
      c.features.reduce(
        (sum, f) =>
          sum +
          f.options
            .filter((o) => o.state === 'SELECTED' && o.priceDelta)
            .reduce((s, o) => s + Number(o.priceDelta!.amount), 0),
        0,
      );
    const answers: Record<
      string,
      { found: boolean; configuration: ConfigurationView; selections: unknown[] }
    > = {};
    for (const preference of ['DEFAULTS', 'CHEAPEST']) {
      const result = await server.graphql<{
        autocomplete: { found: boolean; configuration: ConfigurationView; selections: unknown[] };
      }>(AUTOCOMPLETE, { input, preference });
      expect(result.errors).toBeUndefined();
      const answer = result.data!.autocomplete;
      expect(answer.found).toBe(true);
      expect(answer.configuration).toMatchObject({
        valid: true,
        complete: true,
        remainingConfigurations: '1',
      });
      expect(option(answer.configuration, 'cargo_box', 'true').state).toBe('SELECTED');
      answers[preference] = answer;
    }
    expect(surcharges(answers.CHEAPEST!.configuration)).toBeLessThanOrEqual(
      surcharges(answers.DEFAULTS!.configuration),
    );
  });

  it('the cheapest completion is the cheapest by the whole price, formula lines included (the desk’s price per m² of top)', async () => {
    const answer = async (preference: string) => {
      const result = await server.graphql<{
        autocomplete: {
          found: boolean;
          proven: boolean | null;
          configuration: { price: { total: { amount: string } } };
        };
      }>(
        `query($input: ConfigurationInput!, $preference: CompletionPreference) {
          autocomplete(input: $input, preference: $preference) {
            found proven configuration { price { total { amount } } }
          }
        }`,
        { input: { productCode: 'standing-desk', selections: [] }, preference },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.autocomplete;
    };
    const cheapest = await answer('CHEAPEST');
    expect(cheapest).toMatchObject({ found: true, proven: true });
    // 462.00: the smallest top in the cheapest material, as worked out by hand in the engine's tests.
    expect(cheapest.configuration.price.total.amount).toBe('462.00');
    const defaults = await answer('DEFAULTS');
    expect(defaults.proven).toBeNull();
    expect(Number(defaults.configuration.price.total.amount)).toBeGreaterThan(462);
  });
});
