import { GraphQLError } from 'graphql';

/**
 * Bad input from a client: a GraphQL error with code BAD_USER_INPUT and the field at fault
 * (`input.selections[2].value`), so a partner's code and a person can both see what to fix.
 */
export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function notFound(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND', field } });
}
