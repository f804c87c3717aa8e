import { Field, InputType, Int, ObjectType } from 'type-graphql';

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
}

@ObjectType({
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
}
