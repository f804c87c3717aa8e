import { describe, expect, it } from 'vitest';
import { ChoiceSource, FeatureKind, OptionStateKind } from '../../graphql/graphql';
import { checkNumber, configurationInput, exclusionText, nextChoices, withUnit } from './model';
import { feature, option } from './test-fixtures';

const frameSize = feature('frame_size', 'Frame size', { selected: ['s'], options: [option('s', 'S')] });
const fork = feature('suspension_fork', 'Suspension fork', { kind: FeatureKind.Boolean, selected: ['true'] });
const w20 = (blocking: { feature: string; source: ChoiceSource }[]) =>
  option('w20', '20 inch', {
    state: OptionStateKind.Excluded,
    reasons: [
      {
        ruleId: 'wheels-20-cargo-only',
        message: '20-inch wheels are only for the cargo version.',
        features: [],
      },
      { ruleId: 'cargo-box-frame', message: 'A cargo box needs the L or XL frame.', features: [] },
    ],
    blockedBy: blocking.map((b) => b.feature),
    blockingChoices: blocking,
  });

describe('why an option is excluded, in words', () => {
  it('names the person’s own choice as theirs', () => {
    expect(exclusionText(w20([{ feature: 'frame_size', source: ChoiceSource.Chosen }]), [frameSize])).toBe(
      '20-inch wheels are only for the cargo version. A cargo box needs the L or XL frame. Because of your choice of Frame size: S.',
    );
  });

  it('says a value filled in for the person is a default, not their choice', () => {
    const text = exclusionText(
      w20([
        { feature: 'frame_size', source: ChoiceSource.Default },
        { feature: 'suspension_fork', source: ChoiceSource.Chosen },
      ]),
      [frameSize, fork],
    );
    expect(text).toContain('Because of your choice of Suspension fork: yes.');
    expect(text).toContain('Because the standard Frame size is S.');
    expect(text).not.toContain('your choice of Frame size');
  });
});

describe('choices after a completion or a switch', () => {
  const before = [{ feature: 'frame_size', value: 's' }];
  const answer = [
    { feature: 'frame_size', value: 's' },
    { feature: 'wheel_size', value: 'w26' },
  ];

  it('a completion marks what it filled in; the person’s choices stay theirs, and the server is told', () => {
    const next = nextChoices(before, answer, 'completion');
    expect(next).toEqual([
      { feature: 'frame_size', value: 's' },
      { feature: 'wheel_size', value: 'w26', filledIn: true },
    ]);
    expect(configurationInput('e-bike', next, 1).selections).toEqual([
      { feature: 'frame_size', value: 's' },
      { feature: 'wheel_size', value: 'w26', source: ChoiceSource.Default },
    ]);
  });

  it('a switch the person confirmed makes what it changes theirs; a filled-in value it keeps stays filled in', () => {
    const filled = [
      { feature: 'frame_size', value: 's', filledIn: true },
      { feature: 'wheel_size', value: 'w26', filledIn: true },
    ];
    const switched = [
      { feature: 'frame_size', value: 'l' },
      { feature: 'wheel_size', value: 'w26' },
      { feature: 'cargo_box', value: 'true' },
    ];
    expect(nextChoices(filled, switched, 'switch')).toEqual([
      { feature: 'frame_size', value: 'l' },
      { feature: 'wheel_size', value: 'w26', filledIn: true },
      { feature: 'cargo_box', value: 'true' },
    ]);
  });
});

describe('numbers with their unit, in the plural the number takes', () => {
  it('says "1 module" and "4 modules" (Intl.PluralRules), and other units as the model writes them', () => {
    expect(withUnit('1', 'modules')).toBe('1 module');
    expect(withUnit('4', 'modules')).toBe('4 modules');
    expect(withUnit('1600', 'mm')).toBe('1600 mm');
    expect(withUnit('7', null)).toBe('7');
    expect(
      checkNumber('9', { kind: FeatureKind.Integer, unit: 'modules', rangeMin: '1', rangeMax: '8' }),
    ).toEqual({
      ok: false,
      message: '9 modules is too large: choose between 1 module and 8 modules.',
    });
  });
});
