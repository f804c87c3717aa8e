import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dialect, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

const dialects = await testDialects();

/** Why an option is excluded, over the API (issue 13: explanations are proofs, defaults are told apart). */

interface OptionView {
  code: string;
  state: string;
  reasons: { ruleId: string; message: string }[];
  blockedBy: string[];
  blockingChoices: { feature: string; source: string }[];
  reasonMinimal: boolean;
}
interface ConfigurationView {
  features: { code: string; source: string; options: OptionView[] }[];
  choices: { feature: string; value: string | null; values: string[] | null; source: string }[];
}

const CONFIGURATION = `
  features { code source options { code state reasons { ruleId message } blockedBy blockingChoices { feature source } reasonMinimal } }
  choices { feature value values source }`;
const CONFIGURE = `query($input: ConfigurationInput!) { configure(input: $input) { ${CONFIGURATION} } }`;
const AUTOCOMPLETE = `query($input: ConfigurationInput!) {
  autocomplete(input: $input) { found configuration { ${CONFIGURATION} } }
}`;
const SAVE = `mutation($input: ConfigurationInput!) {
  saveConfiguration(input: $input) { code choices { feature value values source } }
}`;

const option = (c: ConfigurationView, feature: string, code: string): OptionView =>
  c.features.find((f) => f.code === feature)!.options.find((o) => o.code === code)!;

describe.each(dialects)('explanations over GraphQL, on %s', (dialect: Dialect) => {
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

  it('e-bike with the S frame: the 20-inch wheel is excluded because 20-inch wheels need the cargo box and the cargo box needs a bigger frame, not because of the 28-inch rule (issue 13, defect 1)', async () => {
    const small = await configure([{ feature: 'frame_size', value: 's' }]);
    const w20 = option(small, 'wheel_size', 'w20');
    expect(w20.state).toBe('EXCLUDED');
    expect(w20.reasons.map((r) => r.ruleId)).toEqual(['wheels-20-cargo-only', 'cargo-box-frame']);
    expect(w20.reasons.map((r) => r.message)).toEqual([
      '20-inch wheels are only for the cargo version: add the cargo box or choose bigger wheels.',
      'A cargo box needs the L or XL frame: the S and M frames are too short for the box mount.',
    ]);
    expect(w20.reasons.map((r) => r.ruleId)).not.toContain('small-frame-wheels');
    expect(w20.blockedBy).toEqual(['frame_size']);
    expect(w20.blockingChoices).toEqual([{ feature: 'frame_size', source: 'CHOSEN' }]);
    // Known minimal: without either rule, or without the S frame, the 20-inch wheel would be possible.
    expect(w20.reasonMinimal).toBe(true);
    expect(option(small, 'wheel_size', 'w28').reasonMinimal).toBe(true);
    // The 28-inch rule is the reason for the 28-inch wheel.
    expect(option(small, 'wheel_size', 'w28').reasons.map((r) => r.ruleId)).toEqual(['small-frame-wheels']);
  });

  it('a value filled in for the person (source DEFAULT) restricts like a choice, and the reason says it was a default', async () => {
    const kept = await configure([{ feature: 'frame_size', value: 'm', source: 'DEFAULT' }]);
    const cargo = option(kept, 'cargo_box', 'true');
    expect(cargo.state).toBe('EXCLUDED');
    expect(cargo.reasons.map((r) => r.ruleId)).toEqual(['cargo-box-frame']);
    expect(cargo.blockingChoices).toEqual([{ feature: 'frame_size', source: 'DEFAULT' }]);
    // M is the model's default: the value in force shows as a default, not as the person's.
    expect(kept.features.find((f) => f.code === 'frame_size')!.source).toBe('DEFAULT');
    expect(kept.choices).toEqual([{ feature: 'frame_size', value: 'm', values: null, source: 'DEFAULT' }]);

    const chosen = await configure([{ feature: 'frame_size', value: 'm' }]);
    expect(option(chosen, 'cargo_box', 'true').blockingChoices).toEqual([
      { feature: 'frame_size', source: 'CHOSEN' },
    ]);
    expect(chosen.features.find((f) => f.code === 'frame_size')!.source).toBe('USER');
  });

  it('a completion marks what it filled in; saving and opening keeps the marks', async () => {
    const result = await server.graphql<{
      autocomplete: { found: boolean; configuration: ConfigurationView };
    }>(AUTOCOMPLETE, {
      input: { productCode: 'e-bike', selections: [{ feature: 'frame_size', value: 's' }] },
    });
    expect(result.errors).toBeUndefined();
    const completed = result.data!.autocomplete.configuration;
    expect(result.data!.autocomplete.found).toBe(true);
    const sources = Object.fromEntries(completed.choices.map((c) => [c.feature, c.source]));
    expect(sources.frame_size).toBe('CHOSEN');
    expect(Object.entries(sources).filter(([, source]) => source === 'DEFAULT').length).toBe(
      completed.choices.length - 1,
    );
    // The 20-inch wheel is still blamed on the person's own choice of frame.
    expect(option(completed, 'wheel_size', 'w20').blockingChoices).toEqual([
      { feature: 'frame_size', source: 'CHOSEN' },
    ]);

    const saved = await server.graphql<{
      saveConfiguration: { code: string; choices: ConfigurationView['choices'] };
    }>(SAVE, { input: { productCode: 'e-bike', selections: completed.choices } });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveConfiguration.choices).toEqual(completed.choices);
  });

  it('a conflict says which of its choices were the person’s and which were filled in for them', async () => {
    const result = await server.graphql<{
      configure: {
        consistent: boolean;
        conflict: {
          features: string[];
          choices: { feature: string; source: string }[];
          reasons: { ruleId: string }[];
        };
      };
    }>(
      `query($input: ConfigurationInput!) { configure(input: $input) {
        consistent conflict { features choices { feature source } reasons { ruleId } } } }`,
      {
        input: {
          productCode: 'e-bike',
          selections: [
            { feature: 'frame_size', value: 's', source: 'DEFAULT' },
            { feature: 'cargo_box', value: 'true' },
          ],
        },
      },
    );
    expect(result.errors).toBeUndefined();
    const { consistent, conflict } = result.data!.configure;
    expect(consistent).toBe(false);
    expect(conflict.reasons.map((r) => r.ruleId)).toEqual(['cargo-box-frame']);
    expect(conflict.choices).toEqual(
      conflict.features.map((feature) => ({
        feature,
        source: feature === 'frame_size' ? 'DEFAULT' : 'CHOSEN',
      })),
    );
    expect(conflict.features.sort()).toEqual(['cargo_box', 'frame_size']);
  });

  it('refuses a source that is not CHOSEN or DEFAULT, naming the field', async () => {
    const result = await server.graphql(CONFIGURE, {
      input: {
        productCode: 'e-bike',
        selections: [{ feature: 'frame_size', value: 's', source: 'GUESSED' }],
      },
    });
    expect(result.errors?.[0]?.message).toMatch(/source/);
  });
});
