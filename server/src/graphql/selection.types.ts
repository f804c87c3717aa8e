import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Whether a value sent as a choice was the person's own or filled in for them. */
export const ChoiceSource = {
  CHOSEN: 'CHOSEN',
  DEFAULT: 'DEFAULT',
} as const;
export type ChoiceSource = (typeof ChoiceSource)[keyof typeof ChoiceSource];

registerEnumType(ChoiceSource, {
  name: 'ChoiceSource',
  description:
    'Whether a value sent as a choice was picked by the person, or filled in for them and kept (a default, or a completion they took). Both restrict alike; explanations say which it was.',
  valuesConfig: {
    CHOSEN: { description: 'Picked by the person.' },
    DEFAULT: { description: 'Filled in for the person (a default or a completion), not picked by them.' },
  },
});

@InputType({
  description:
    'One choice: `value` for single choice, boolean ("true"/"false") and numbers (decimal text); `values` for multiple choice.',
})
export class SelectionInput {
  @Field(() => String)
  feature!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'An option code, "true"/"false", or a number as decimal text ("1600"). Null leaves an optional choice open.',
  })
  value?: string | null;

  @Field(() => [String], { nullable: true, description: 'The option codes of a multiple choice feature.' })
  values?: string[] | null;

  @Field(() => ChoiceSource, {
    nullable: true,
    description: 'Whether the person picked this value or it was filled in for them (default CHOSEN).',
  })
  source?: ChoiceSource | null;
}

@InputType({ description: 'A product, the choices made, and the quantity (default 1).' })
export class ConfigurationInput {
  @Field(() => String)
  productCode!: string;

  @Field(() => [SelectionInput])
  selections!: SelectionInput[];

  @Field(() => Int, { nullable: true, description: 'Units of this configuration (default 1).' })
  quantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Pin a model version (default: the version in force).' })
  modelVersion?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO 4217 currency to be priced in (see `currencies`), by its default price list; default EUR. A customer account buys by its own list in its own currency: another currency is refused.',
  })
  currency?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Sales staff only: price by this price list (see `priceLists`), e.g. to price for a customer account as it buys. Refused for anyone else.',
  })
  priceListCode?: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A feature’s value: `value` for single choice, boolean and numbers; `values` for multiple choice.',
})
export class Selection {
  @Field(() => String)
  feature!: string;

  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field(() => [String], { nullable: true })
  values!: string[] | null;

  @Field(() => ChoiceSource, {
    nullable: true,
    description:
      'In a list of choices: whether the person picked it or it was filled in for them. Null in a list of values in force (see FeatureState.source).',
  })
  source!: ChoiceSource | null;
}
