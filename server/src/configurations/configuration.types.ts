import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Product } from '../catalog/catalog.types.js';
import { Money, Price, Reason, Violation } from '../graphql/common.types.js';
import { FeatureKind } from '../graphql/model-enums.js';
import { ChoiceSource, Selection } from '../graphql/selection.types.js';
import type { ConfiguredProduct } from './configuration.service.js';

/** An option's state in a configuration. */
export const OptionStateKind = {
  SELECTED: 'SELECTED',
  AVAILABLE: 'AVAILABLE',
  EXCLUDED: 'EXCLUDED',
} as const;
export type OptionStateKind = (typeof OptionStateKind)[keyof typeof OptionStateKind];

registerEnumType(OptionStateKind, {
  name: 'OptionStateKind',
  description: 'An option’s state in a configuration.',
  valuesConfig: {
    SELECTED: { description: 'Part of the values in force (chosen, a default, implied or completing).' },
    AVAILABLE: { description: 'Not in force, but some valid configuration keeping the choices has it.' },
    EXCLUDED: {
      description: 'No valid configuration keeping the choices has it: see reasons and blockedBy.',
    },
  },
});

/** Where a feature's value in force comes from. */
export const ValueSource = {
  USER: 'USER',
  DEFAULT: 'DEFAULT',
  IMPLIED: 'IMPLIED',
  COMPLETED: 'COMPLETED',
} as const;
export type ValueSource = (typeof ValueSource)[keyof typeof ValueSource];

registerEnumType(ValueSource, {
  name: 'ValueSource',
  description: 'Where a feature’s value in force comes from. A user’s choice is never overridden.',
  valuesConfig: {
    USER: { description: 'Chosen by the user.' },
    DEFAULT: { description: 'The model’s default, which the choices allow.' },
    IMPLIED: { description: 'The only value the rules leave after the choices.' },
    COMPLETED: {
      description:
        'Filled in to complete a valid configuration, because the default is not possible with the choices.',
    },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: 'An earlier choice behind an exclusion, and whether the person made it.',
})
export class BlockingChoice {
  @Field(() => String)
  feature!: string;

  @Field(() => ChoiceSource, {
    description: 'CHOSEN: the person’s own choice; DEFAULT: a value filled in for them (a default) and kept.',
  })
  source!: ChoiceSource;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One option of a choice or boolean feature ("true"/"false"), with its state.',
})
export class OptionState {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => OptionStateKind)
  state!: OptionStateKind;

  @Field(() => Boolean, {
    description: 'Not chosen, but every valid configuration keeping the choices has it: the rules imply it.',
  })
  implied!: boolean;

  @Field(() => [Reason], {
    description:
      'Why it is excluded: the rules responsible, those on its own feature first. A proof: with only these rules and only the choices in blockedBy, no valid configuration has it.',
  })
  reasons!: Reason[];

  @Field(() => [String], {
    description: 'The earlier choices (feature codes, configurator order) that exclude it.',
  })
  blockedBy!: string[];

  @Field(() => [BlockingChoice], {
    description:
      'blockedBy with where each value came from: the person’s choice, or a default filled in for them.',
  })
  blockingChoices!: BlockingChoice[];

  @Field(() => Boolean, {
    description:
      'For an excluded option: whether its reason is known to be minimal (without any one of its rules or of the choices in blockedBy, the option would be possible). False when the choices conflict among themselves or a search gave up: the reason is still a proof. False for an option that is not excluded.',
  })
  reasonMinimal!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Valid complete configurations with this option, as a decimal integer of any size: given every choice for a feature still open, and given the other choices for an option of a feature already chosen (what switching to it leaves). A number feature counts as its finite domain, min to max by its step (a model must give min and max, so none is unbounded); a multiple choice as its tick boxes. Null when the model is too large to count.',
  })
  count!: string | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Its surcharge per unit (null when it costs nothing).',
  })
  priceDelta!: Money | null;

  @Field(() => Int, { description: 'Working days it adds to the lead time.' })
  leadTimeDays!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One feature of a configuration: its value in force, where it comes from, its options.',
})
export class FeatureState {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => FeatureKind)
  kind!: FeatureKind;

  @Field(() => String, { nullable: true, description: 'The configurator step (group code).' })
  group!: string | null;

  @Field(() => Boolean, {
    description:
      'A complete configuration must decide it: false only for an optional single choice, which may be left open (the other kinds always have a value).',
  })
  required!: boolean;

  @Field(() => ValueSource)
  source!: ValueSource;

  @Field(() => [String], {
    description:
      'The value in force: option codes; "true"/"false" for booleans; decimal text for numbers; [] for an optional choice left open.',
  })
  selected!: string[];

  @Field(() => [OptionState], { description: 'Choice and boolean features: every option, in model order.' })
  options!: OptionState[];

  @Field(() => String, {
    nullable: true,
    description: 'Numbers: the lowest value still allowed by the other choices (decimal text).',
  })
  min!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Numbers: the highest value still allowed by the other choices (decimal text).',
  })
  max!: string | null;

  @Field(() => String, { nullable: true, description: 'Numbers: the step between allowed values.' })
  step!: string | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Numbers: the lowest value the feature takes at all (outside it, input is refused).',
  })
  rangeMin!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Numbers: the highest value the feature takes at all (outside it, input is refused).',
  })
  rangeMax!: string | null;

  @Field(() => Int, { nullable: true, description: 'Multiple choice: the fewest options to tick.' })
  minSelected!: number | null;

  @Field(() => Int, { nullable: true, description: 'Multiple choice: the most options to tick.' })
  maxSelected!: number | null;
}

@ObjectType({
  description:
    'One feature whose value in force differs between two configurations of a product: from what the earlier one showed to what this one shows, and what that does to the price.',
})
export class ValueChange {
  @Field(() => String)
  feature!: string;

  @Field(() => String, { description: 'The feature’s label.' })
  label!: string;

  @Field(() => [String], {
    description:
      'The value before: option codes (a multiple choice in model order); "true"/"false"; decimal text for numbers; [] for an optional choice left open.',
  })
  from!: string[];

  @Field(() => String, {
    description: 'The value before in words, e.g. "Solid European oak, 25 mm" or "1600 mm".',
  })
  fromLabel!: string;

  @Field(() => [String], { description: 'The value now, as `from`.' })
  to!: string[];

  @Field(() => String, { description: 'The value now in words.' })
  toLabel!: string;

  @Field(() => ValueSource, { description: 'Where the value now comes from.' })
  source!: ValueSource;

  @Field(() => Boolean, {
    description:
      'True when the person’s own choice of this feature is what changed (chosen, changed or withdrawn); false when the server re-chose its value to fit the other choices (a default, a value they imply, or one that completes the configuration): a change the person did not make and must be shown.',
  })
  chosen!: boolean;

  @Field(() => Money, {
    description:
      'What this change does to the total (every unit of the quantity), in exact minor units: the change of its options’ surcharges and of the price formulas whose condition reads this feature alone (the desk’s price per m² of an oak top belongs to the top material). Price lines no single feature accounts for are in ConfigurationChanges.otherPriceLines; together they add up to totalDelta exactly.',
  })
  priceDelta!: Money;
}

@ObjectType({ description: 'A price line whose amount changes and that no single feature accounts for.' })
export class PriceLineChange {
  @Field(() => String, { description: 'The line’s code in Price.lines, e.g. formula:four-piston-brakes.' })
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Money, {
    description: 'Its amount now less its amount before (a line that is gone: minus it).',
  })
  delta!: Money;
}

@ObjectType({
  description:
    'Everything that differs between an earlier configuration and this one, as the person saw it then and sees it now: every feature whose value in force changed, each with its price delta, and the other price lines that changed. The deltas of `values` and `otherPriceLines` add up exactly to totalDelta.',
})
export class ConfigurationChanges {
  @Field(() => [ValueChange], { description: 'Configurator order.' })
  values!: ValueChange[];

  @Field(() => [PriceLineChange], {
    description:
      'Price lines that change but belong to no one feature: a formula over several features (or over one that did not change), a quantity break.',
  })
  otherPriceLines!: PriceLineChange[];

  @Field(() => Money, { description: 'The total before.' })
  totalBefore!: Money;

  @Field(() => Money, { description: 'The total now.' })
  totalAfter!: Money;

  @Field(() => Money, { description: 'totalAfter less totalBefore.' })
  totalDelta!: Money;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Choices that cannot hold together: the rules linking them.',
})
export class ConfigurationConflict {
  @Field(() => [String], {
    description: 'The choices in conflict (feature codes); changing one of them can resolve it.',
  })
  features!: string[];

  @Field(() => [BlockingChoice], {
    description:
      'features with where each value came from: the person’s choice, or a value filled in for them (a default) and kept.',
  })
  choices!: BlockingChoice[];

  @Field(() => [Reason])
  reasons!: Reason[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A product configured: the values in force (the choices, then defaults, implied or completing values), validity, option states and the price. Computed by the server on every request.',
})
export class Configuration {
  @Field(() => Product)
  product!: Product;

  @Field(() => Int, { description: 'The product model version this was evaluated on.' })
  modelVersion!: number;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Boolean, { description: 'No error: no error rule broken by the values in force.' })
  valid!: boolean;

  @Field(() => Boolean, { description: 'Every required feature decided.' })
  complete!: boolean;

  @Field(() => Boolean, {
    description: 'Whether the user’s choices can hold together (some valid configuration keeps them all).',
  })
  consistent!: boolean;

  @Field(() => ConfigurationConflict, {
    nullable: true,
    description:
      'When not consistent: a minimal set of choices that cannot hold together, and the rules linking them.',
  })
  conflict!: ConfigurationConflict | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Valid complete configurations that keep every choice, as a decimal integer of any size (numbers count as their finite domains, min to max by step). Null when the model is too large to count.',
  })
  remainingConfigurations!: string | null;

  @Field(() => [Violation], { description: 'Every rule the values in force break (errors and warnings).' })
  violations!: Violation[];

  @Field(() => [String], { description: 'Required features still to decide, in configurator order.' })
  undecided!: string[];

  @Field(() => [FeatureState], { description: 'Every feature, in configurator order.' })
  features!: FeatureState[];

  @Field(() => [Selection], {
    description: 'The values in force in input form, every feature, to send back as choices.',
  })
  selections!: Selection[];

  @Field(() => [Selection], { description: 'The user’s own choices, as read (normalised).' })
  choices!: Selection[];

  @Field(() => Price)
  price!: Price;

  /** Not in the schema: what it was mapped from (the promise is resolved from it on demand). */
  configured!: ConfiguredProduct;
}

@ObjectType({
  description:
    'What a configuration costs to make, for sales staff: the tailored BOM’s material at each part’s standard cost plus the routing’s minutes at each work centre’s rate, in the product model’s currency (what the plant pays), and the margin of the configuration’s price over it. Computed exactly; each figure is rounded half-up to minor units once, from its exact value.',
})
export class ConfigurationCost {
  @Field(() => String, {
    description: 'ISO 4217: the model’s currency, in which its parts and rates are costed.',
  })
  currency!: string;

  @Field(() => Int, { description: 'Units costed: the configuration’s quantity (setup shared among them).' })
  quantity!: number;

  @Field(() => Money, {
    description:
      'The cost of one unit: the quantity’s cost divided by its units, rounded half-up to minor units.',
  })
  unitCost!: Money;

  @Field(() => String, {
    description: 'The unit cost exactly, as decimal text in major units (before rounding).',
  })
  unitCostExact!: string;

  @Field(() => Money, {
    description:
      'The material part of the unit cost (BOM parts at standard cost), rounded on its own: material and labour may differ from unitCost by one minor unit.',
  })
  unitMaterialCost!: Money;

  @Field(() => Money, {
    description: 'The labour part of the unit cost (routing minutes at work centre rates).',
  })
  unitLabourCost!: Money;

  @Field(() => Money, { description: 'The cost of the whole quantity.' })
  totalCost!: Money;

  @Field(() => Boolean, {
    description:
      'False when some part or work centre has no cost (see missing): the figures then leave them out, never count them as 0.',
  })
  complete!: boolean;

  @Field(() => [String], {
    description:
      'Where the model lacks a cost, e.g. "parts (DSK-SCR-M6-16).standardCost"; empty when complete.',
  })
  missing!: string[];

  @Field(() => Boolean, {
    description:
      'Whether the price is in the cost’s currency. False (a price list in another currency): no margin is given, since prices are never converted.',
  })
  comparable!: boolean;

  @Field(() => Money, {
    nullable: true,
    description:
      'The price’s total less the total cost (negative below cost), in the cost’s currency; null when not comparable.',
  })
  margin!: Money | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The margin as a percentage of the price, 2 places ("23.40"); null when not comparable or the price is 0.',
  })
  marginPercent!: string | null;
}

@ObjectType('SavedConfiguration', {
  description: 'A configuration saved to share: its code (and url) restores exactly the same state.',
})
export class SavedConfigurationView {
  @Field(() => String, { description: 'Short, random and unguessable.' })
  code!: string;

  @Field(() => String, { description: 'The configurator page that opens it: /configure/<product>?c=<code>.' })
  url!: string;

  @Field(() => String)
  productCode!: string;

  @Field(() => Int, { description: 'The model version it was saved with; it is evaluated on that version.' })
  modelVersion!: number;

  @Field(() => Int)
  quantity!: number;

  @Field(() => [Selection], { description: 'The choices stored (not the defaults).' })
  choices!: Selection[];

  @Field(() => String, { description: 'When it was saved, ISO 8601 in UTC.' })
  createdAt!: string;

  @Field(() => Configuration, { description: 'The stored choices evaluated on the stored model version.' })
  configuration!: Configuration;
}

@ObjectType({ description: 'One earlier choice to give up, and what it becomes.' })
export class ChoiceChange {
  @Field(() => String)
  feature!: string;

  @Field(() => String)
  label!: string;

  @Field(() => [String], { description: 'The value chosen (option codes; empty: left open).' })
  from!: string[];

  @Field(() => [String], { description: 'What it becomes (option codes; empty: left open).' })
  to!: string[];

  @Field(() => String, { description: 'In words, e.g. "Motors: Single motor → Dual motors".' })
  description!: string;
}

@ObjectType({
  description:
    'How to reach an option that the choices exclude: the fewest earlier choices to give up. Apply it with configure(selections), or read `configuration`.',
})
export class ConflictResolution {
  @Field(() => String)
  feature!: string;

  @Field(() => String)
  value!: string;

  @Field(() => Boolean, {
    description: 'False when no valid configuration has this option at all, whatever is given up.',
  })
  possible!: boolean;

  @Field(() => [ChoiceChange], {
    description: 'The fewest choices to give up (a tick box counts as one), in configurator order.',
  })
  changes!: ChoiceChange[];

  @Field(() => [Selection], {
    description: 'The choices once resolved: send them as configure’s selections.',
  })
  selections!: Selection[];

  @Field(() => Configuration, { description: 'The configuration once resolved.' })
  configuration!: Configuration;

  @Field(() => ConfigurationChanges, {
    description:
      'Everything the switch changes, from the configuration sent to the one once resolved: the option taken, the choices given up and every value the server re-chooses to fit them (chosen false), each with its price delta; they add up to the change of the total.',
  })
  effects!: ConfigurationChanges;
}

/** How autocomplete fills in the features left open. */
export const CompletionPreference = {
  DEFAULTS: 'DEFAULTS',
  CHEAPEST: 'CHEAPEST',
} as const;
export type CompletionPreference = (typeof CompletionPreference)[keyof typeof CompletionPreference];

registerEnumType(CompletionPreference, {
  name: 'CompletionPreference',
  description: 'How autocomplete fills in the features left open.',
  valuesConfig: {
    DEFAULTS: { description: 'Each feature’s default where the rules allow it, earlier features first.' },
    CHEAPEST: {
      description:
        'The least price: the whole price, base, option surcharges and price formula lines (per m², per GB...) included, every choice kept; see Completion.proven.',
    },
  },
});

@ObjectType({ description: 'A valid complete configuration that keeps every choice, or why there is none.' })
export class Completion {
  @Field(() => Boolean)
  found!: boolean;

  @Field(() => CompletionPreference)
  preference!: CompletionPreference;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'CHEAPEST: true when no valid completion costs less (by the whole price: surcharges and price formulas such as per m² or per GB); false when that could not be proven (the search stopped at its limit, a price formula has too many combinations to weigh, or the model is too large to count) and this is the cheapest found. Null for DEFAULTS or when none is found.',
  })
  proven!: boolean | null;

  @Field(() => [Selection], {
    description:
      'Every feature decided (the choices kept): send them as configure’s selections. Empty when none is found.',
  })
  selections!: Selection[];

  @Field(() => Configuration, {
    description:
      'The completed configuration; when none is found, the configuration as chosen (see its conflict).',
  })
  configuration!: Configuration;
}
