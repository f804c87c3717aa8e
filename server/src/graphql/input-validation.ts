import type { MiddlewareFn } from 'type-graphql';
import { z } from 'zod';
import { badInput } from '../errors.js';

/** A bad argument: the field by its path (`input.customer.email`), the message, and zod's issue. */
export interface InputProblem {
  field: string;
  message: string;
  issue: z.core.$ZodIssue;
}

/** Zod schemas of a resolver's arguments, by argument name. */
export type ArgumentSchemas = Record<string, z.ZodType>;

/** `input` + ['lines', 2, 'quantity'] -> `input.lines[2].quantity`. */
export function fieldPath(argument: string, path: readonly PropertyKey[]): string {
  let field = argument;
  for (const key of path) field += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return field;
}

/** The arguments read by their schemas (the parsed values), or the first problem, in the schemas' order. */
export function readArguments(
  schemas: ArgumentSchemas,
  args: Record<string, unknown>,
): { ok: true; values: Record<string, unknown> } | { ok: false; problem: InputProblem } {
  const values: Record<string, unknown> = {};
  for (const [argument, schema] of Object.entries(schemas)) {
    const read = schema.safeParse(args[argument]);
    if (!read.success) {
      const issue = read.error.issues[0]!;
      return {
        ok: false,
        problem: { field: fieldPath(argument, issue.path), message: issue.message, issue },
      };
    }
    values[argument] = read.data;
  }
  return { ok: true, values };
}

/**
 * The one place where GraphQL arguments are checked (used as `@UseMiddleware(ValidArgs({...}))` on a
 * resolver): each argument named in `schemas` is read by its zod schema before the resolver, and so
 * the service, runs; the resolver gets the parsed values (trimmed, normalised). A bad argument is a
 * BAD_USER_INPUT error naming the field by its path, or, for a mutation that answers refusals as a
 * member of its result union, what `refused` makes of the problem.
 */
export function ValidArgs<Context extends object = object>(
  schemas: ArgumentSchemas,
  refused?: (problem: InputProblem, context: Context) => unknown,
): MiddlewareFn<Context> {
  return async ({ args, context }, next) => {
    const read = readArguments(schemas, args);
    if (!read.ok) {
      if (refused) return refused(read.problem, context);
      throw badInput(read.problem.field, read.problem.message);
    }
    Object.assign(args, read.values);
    return next();
  };
}

/** Text as given, without leading and trailing spaces. */
export const trimmed = z.string().transform((text) => text.trim());

/** Who does an action (recorded with it): optional; at most 100 characters once trimmed. */
export const MAX_ACTOR_LENGTH = 100;
export const actor = trimmed
  .pipe(z.string().max(MAX_ACTOR_LENGTH, `'by' has at most ${MAX_ACTOR_LENGTH} characters`))
  .nullish();

/** Why an action is taken (a stock change, a cancellation): 1 to 500 characters once trimmed. */
export const MAX_REASON_LENGTH = 500;
export const reasonText = (emptyMessage: string) =>
  trimmed.pipe(
    z
      .string()
      .min(1, emptyMessage)
      .max(MAX_REASON_LENGTH, `A reason has at most ${MAX_REASON_LENGTH} characters`),
  );
