import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** Any JSON value, as is: an event's `data`, whose shape its type and version (`data.version`) define. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value (object, array, text, number, boolean or null), as is.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
