import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Field, InputType } from 'type-graphql';

// One DateTime scalar for the API's new fields and filters (Order.updatedAt, OrderFilterInput, the events feed):
// older fields keep their ISO 8601 strings, which this scalar writes identically.

/** ISO 8601 with a date, a time and a zone: 2026-12-07T09:30:00Z or 2026-12-07T10:30:00.000+01:00. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function parse(value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new GraphQLError(
      `A DateTime is ISO 8601 text with a zone (2026-12-07T09:30:00Z), not ${JSON.stringify(value)?.slice(0, 40)}`,
    );
  return date;
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A point in time: ISO 8601 text with a zone; answers are in UTC (2026-12-07T09:30:00.000Z).',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    return parse(value).toISOString();
  },
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A DateTime is ISO 8601 text, in quotes');
    return parse(ast.value);
  },
});

@InputType({ description: 'A span of time: `from` inclusive, `to` exclusive; either may be left out.' })
export class DateTimeRangeInput {
  @Field(() => DateTime, { nullable: true, description: 'Inclusive.' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Exclusive: after `from`.' })
  to?: Date | null;
}
