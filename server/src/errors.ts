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

/**
 * An action the rules do not allow now (a quote sent without its approval, an expired quote accepted):
 * its code names the rule (the engine's refusal code), its message says what to do instead.
 */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export function refused(code: string, message: string, field: string | null = null): RefusedError {
  return new RefusedError(code, message, field);
}

/**
 * What another request got to first (the stock or capacity an order planned with was taken meanwhile):
 * the transaction was rolled back whole, nothing was written, and the same request may simply be sent again.
 */
export class ContendedError extends Error {
  override readonly name = 'ContendedError';
}
