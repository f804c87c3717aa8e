import { Field, Int, ObjectType } from 'type-graphql';
import { Money } from '../graphql/common.types.js';
import { Selection } from '../graphql/selection.types.js';

@ObjectType({ description: 'A step of the configurator.' })
export class FeatureGroup {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  description!: string;
}

@ObjectType({ description: 'A configurable product, in the version of its model now in force.' })
export class Product {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'One line for the catalogue.' })
  pitch!: string;

  @Field(() => Int, {
    description: 'The product model version this describes; configurations and orders name it.',
  })
  modelVersion!: number;

  @Field(() => String, { description: 'ISO 4217 currency of its prices.' })
  currency!: string;

  @Field(() => Int, {
    description:
      'The most units one order line may ask for; placeOrder refuses more (QUANTITY_TOO_LARGE): larger orders are quoted by a person.',
  })
  maxQuantityPerLine!: number;

  @Field(() => Money, {
    nullable: true,
    description: 'The price of one unit of the default build (null if the model has none).',
  })
  startingPrice!: Money | null;

  @Field(() => [FeatureGroup], { description: 'The configurator’s steps, in order.' })
  groups!: FeatureGroup[];

  @Field(() => [Selection], {
    description:
      'The default build: every feature’s value with nothing chosen (what the catalogue pictures and prices).',
  })
  defaultSelections!: Selection[];
}
