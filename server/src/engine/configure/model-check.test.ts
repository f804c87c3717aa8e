import { describe, expect, it } from 'vitest';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { checkModel, modelCheckProblems } from './model-check.js';

const BIKE = `
code: bike
name: Bike
currency: EUR
features:
  - { code: frame, label: Frame, kind: single, options: [{ code: S, label: S }, { code: M, label: M }, { code: L, label: L }] }
  - { code: motor, label: Motor, kind: single, options: [{ code: m250, label: "250 W" }, { code: m750, label: "750 W" }] }
  - { code: cargo, label: Cargo box, kind: boolean }
  - { code: lights, label: Lights, kind: boolean }
rules:
  - { id: no-small-frames, kind: expression, expression: "frame != 'S'", message: S is discontinued }
  - { id: cargo-big-motor, kind: requires, if: "cargo", then: "motor = 'm750'", message: cargo needs 750 W }
  - { id: lights-on, kind: requires, if: "motor = 'm250'", then: "lights", message: lights }
`;

describe('the model check on publish', () => {
  it('reports dead options with the rule that rules each out', () => {
    const check = checkModel(loadModelOrThrow(BIKE));
    expect(check.consistent).toBe(true);
    expect(check.deadOptions).toEqual([{ feature: 'frame', option: 'S', rules: ['no-small-frames'] }]);
    // 2 frames x (motor, cargo, lights: 8 minus cargo with m250 (2) minus m250 without lights (2), one counted twice) = 2 x 5
    expect(check.totalConfigurations).toBe(10n);
    const { problems, warnings } = modelCheckProblems(check);
    expect(problems).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.path).toBe('features.frame.options.S');
  });

  it('refuses a model with no valid configuration, naming a minimal set of conflicting rules', () => {
    const broken = `${BIKE}  - { id: big-motor-only, kind: expression, expression: "motor = 'm750'", message: only 750 W }
  - { id: big-motor-small-frame, kind: requires, if: "motor = 'm750'", then: "frame = 'S'", message: 750 W on S }
`;
    const check = checkModel(loadModelOrThrow(broken));
    expect(check.consistent).toBe(false);
    expect(check.totalConfigurations).toBe(0n);
    expect([...check.conflictingRules].sort()).toEqual([
      'big-motor-only',
      'big-motor-small-frame',
      'no-small-frames',
    ]);
    const { problems } = modelCheckProblems(check);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('big-motor-small-frame');
  });
});
