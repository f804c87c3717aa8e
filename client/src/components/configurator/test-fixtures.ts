/** Configurations for the component tests: the standing desk at 2100 mm, as the server answers. */
import {
  ChoiceSource,
  FeatureKind,
  OptionStateKind,
  PriceLineKind,
  PriceMode,
  ValueSource,
} from '../../graphql/graphql';
import type { ConfigurationView, FeatureView, OptionView, PriceView } from './model';

const money = (amount: string, currency = 'EUR') => ({
  currency,
  amount,
  minorUnits: amount.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'),
});

export function option(code: string, label: string, extra: Partial<OptionView> = {}): OptionView {
  return {
    code,
    label,
    description: null,
    state: OptionStateKind.Available,
    implied: false,
    blockedBy: [],
    blockingChoices: [],
    count: null,
    leadTimeDays: 0,
    reasons: [],
    priceDelta: null,
    ...extra,
  };
}

export function feature(code: string, label: string, extra: Partial<FeatureView> = {}): FeatureView {
  return {
    code,
    label,
    description: null,
    kind: FeatureKind.Single,
    group: 'frame',
    required: true,
    source: ValueSource.Default,
    selected: [],
    min: null,
    max: null,
    step: null,
    unit: null,
    rangeMin: null,
    rangeMax: null,
    minSelected: null,
    maxSelected: null,
    options: [],
    ...extra,
  };
}

export const width = feature('width_mm', 'Width', {
  kind: FeatureKind.Integer,
  group: 'size',
  source: ValueSource.User,
  selected: ['2100'],
  min: '1000',
  max: '2200',
  step: '10',
  unit: 'mm',
  rangeMin: '1000',
  rangeMax: '2200',
});

export const frame = feature('frame', 'Frame', {
  source: ValueSource.Implied,
  selected: ['leg4'],
  options: [
    option('leg2', '2-leg T-frame', {
      state: OptionStateKind.Excluded,
      blockedBy: ['width_mm'],
      blockingChoices: [{ feature: 'width_mm', source: ChoiceSource.Chosen }],
      reasons: [
        {
          ruleId: 'wide-needs-leg4',
          message: 'Tops wider than 1800 mm need the 4-leg frame.',
          features: ['width_mm', 'frame'],
        },
      ],
    }),
    option('leg4', '4-leg frame', {
      state: OptionStateKind.Selected,
      implied: true,
      priceDelta: money('290.00'),
      leadTimeDays: 2,
    }),
  ],
});

export const accessories = feature('accessories', 'Accessories', {
  kind: FeatureKind.Multiple,
  group: 'extras',
  required: false,
  selected: ['cable_tray'],
  options: [
    option('cable_tray', 'Steel cable tray', { state: OptionStateKind.Selected, priceDelta: money('39.00') }),
    option('drawer', 'Drawer', { priceDelta: money('79.00') }),
    option('castors', 'Castor wheels', {
      state: OptionStateKind.Excluded,
      blockedBy: ['width_mm'],
      blockingChoices: [{ feature: 'width_mm', source: ChoiceSource.Chosen }],
      reasons: [
        {
          ruleId: 'castors-leg2',
          message: 'Castor wheels fit the T-feet of the 2-leg frame only',
          features: [],
        },
      ],
      priceDelta: money('59.00'),
    }),
  ],
});

export const antiCollision = feature('anti_collision', 'Anti-collision sensor', {
  kind: FeatureKind.Boolean,
  selected: ['true'],
  options: [option('false', 'No'), option('true', 'Yes', { state: OptionStateKind.Selected })],
});

export const features: FeatureView[] = [width, frame, accessories, antiCollision];

export const price: PriceView = {
  currency: 'EUR',
  priceList: { code: 'eur-list', name: 'List prices EUR', currency: 'EUR', prices: PriceMode.Gross },
  quantity: 2,
  rounding: 'half-up',
  lines: [
    {
      code: 'base',
      label: 'Base price',
      kind: PriceLineKind.Base,
      unitAmount: money('390.00'),
      amount: money('780.00'),
    },
    {
      code: 'option:frame=leg4',
      label: 'Frame: 4-leg frame',
      kind: PriceLineKind.Option,
      unitAmount: money('290.00'),
      amount: money('580.00'),
    },
    {
      code: 'formula:top',
      label: 'Oak top, per m2',
      kind: PriceLineKind.Formula,
      unitAmount: money('1234.50'),
      amount: money('2469.00'),
    },
  ],
  unitPrice: money('1914.50'),
  total: money('3829.00'),
};

/** The desk's configuration as `configure` answers it (override any field). */
export function configuration(over: Partial<ConfigurationView> = {}): ConfigurationView {
  return {
    product: {
      code: 'standing-desk',
      name: 'Made-to-measure standing desk',
      modelVersion: 1,
      currency: 'EUR',
      maxQuantityPerLine: 50,
      groups: [
        { code: 'size', label: 'Size', description: 'Width and depth.' },
        { code: 'frame', label: 'Frame and lift', description: '' },
      ],
    },
    modelVersion: 1,
    quantity: 1,
    valid: true,
    complete: true,
    consistent: true,
    conflict: null,
    violations: [],
    undecided: [],
    remainingConfigurations: null,
    features: [width, frame],
    selections: [],
    choices: [],
    price,
    ...over,
  };
}

/** resolveConflict's answer for the 2-leg frame at 2100 mm: the width comes down to 1800 mm, the widest it carries. */
export const leg2Resolution = {
  feature: 'frame',
  value: 'leg2',
  possible: true,
  changes: [
    {
      feature: 'width_mm',
      label: 'Width',
      from: ['2100'],
      to: ['1800'],
      description: 'Width: 2100 mm → 1800 mm',
    },
  ],
  selections: [
    { feature: 'width_mm', value: '1800', values: null },
    { feature: 'frame', value: 'leg2', values: null },
    { feature: 'accessories', value: null, values: ['cable_tray'] },
  ],
  configuration: configuration({ remainingConfigurations: '12480' }),
  // Everything the switch changes: the width given up, the frame taken, and the top and its finish
  // re-chosen to fit (back to their defaults); + 336.00 - 290.00 = + 46.00.
  effects: {
    values: [
      valueChange('width_mm', 'Width', ['2100', '2100 mm'], ['1600', '1600 mm'], '0.00'),
      valueChange(
        'top_material',
        'Top material',
        ['melamine', 'White melamine'],
        ['oak', 'Solid oak'],
        '336.00',
        {
          chosen: false,
          source: ValueSource.Default,
        },
      ),
      valueChange(
        'top_finish',
        'Surface finish',
        ['factory', 'Factory surface'],
        ['oil_natural', 'Natural oil'],
        '0.00',
        {
          chosen: false,
          source: ValueSource.Default,
        },
      ),
      valueChange('frame', 'Frame', ['leg4', '4-leg frame'], ['leg2', '2-leg T-frame'], '-290.00'),
    ],
    otherPriceLines: [],
    totalBefore: money('3783.00'),
    totalAfter: money('3829.00'),
    totalDelta: money('46.00'),
  },
};

/** One value that changes: [code, label] before and after, its price delta. */
export function valueChange(
  feature: string,
  label: string,
  [from, fromLabel]: [string, string],
  [to, toLabel]: [string, string],
  delta: string,
  extra: { chosen?: boolean; source?: ValueSource } = {},
) {
  return {
    feature,
    label,
    from: [from],
    fromLabel,
    to: [to],
    toLabel,
    source: extra.source ?? ValueSource.User,
    chosen: extra.chosen ?? true,
    priceDelta: money(delta),
  };
}

export { money };
