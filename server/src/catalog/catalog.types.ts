import { Field, Int, ObjectType } from 'type-graphql';
import { Selection } from '../graphql/selection.types.js';
import type { ModelVersionRecord } from './model-cache.js';

@ObjectType({
  simpleResolvers: true,
  description: 'A step of the configurator.',
})
export class FeatureGroup {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  description!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A configurable product, in the version of its model now in force.',
})
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

  @Field(() => String, {
    description:
      'ISO 4217 currency of the model’s own prices; price lists price it in theirs (startingPrice, configure).',
  })
  currency!: string;

  @Field(() => Int, {
    description:
      'The most units one order line may ask for; placeOrder refuses more (QUANTITY_TOO_LARGE): larger orders are quoted by a person.',
  })
  maxQuantityPerLine!: number;

  /** The version described, read by `startingPrice` (configurations/starting-price.resolver.ts). */
  version!: ModelVersionRecord;

  @Field(() => [FeatureGroup], { description: 'The configurator’s steps, in order.' })
  groups!: FeatureGroup[];

  @Field(() => [Selection], {
    description:
      'The default build: every feature’s value with nothing chosen (what the catalogue pictures and prices).',
  })
  defaultSelections!: Selection[];
}
