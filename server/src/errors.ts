/**
 * Domain errors: what a caller got wrong, with the field at fault (`input.selections[2].value`), so a
 * partner's code and a person can both see what to fix. Services throw these; the GraphQL layer turns
 * them into errors with a code (http/app.ts), so no service knows about GraphQL.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something named by the caller that does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function badInput(field: string, message: string): InputError {
  return new InputError(field, message);
}

export function notFound(field: string, message: string): NotFoundError {
  return new NotFoundError(field, message);
}
