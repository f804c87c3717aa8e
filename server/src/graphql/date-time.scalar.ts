import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** An instant: ISO 8601 text in UTC out (`2026-12-07T12:00:00.000Z`); in, ISO 8601 text with its offset. */
export const DateTimeScalar = new GraphQLScalarType<Date | null, string>({
  name: 'DateTime',
  description: 'An instant, as ISO 8601 text in UTC (e.g. 2026-12-07T12:00:00.000Z).',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseInstant(ast.value) : parseInstant(null)),
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date {
  const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new GraphQLError(`DateTime must be ISO 8601 text with its offset, such as 2026-12-07T12:00:00Z`);
  return date;
}
