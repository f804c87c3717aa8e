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

/**
 * At most this much of a caller's input is quoted back in an error message (with "…" when cut): enough to
 * recognise it, never a page of it.
 */
export const MAX_QUOTED_INPUT = 40;

/** A caller's input as an error message quotes it: `'abc'` (or `“abc”`), cut to MAX_QUOTED_INPUT characters. */
export function quoted(input: unknown, marks: 'plain' | 'typographic' = 'plain'): string {
  const given = String(input);
  const shown = given.length > MAX_QUOTED_INPUT ? `${given.slice(0, MAX_QUOTED_INPUT)}…` : given;
  return marks === 'plain' ? `'${shown}'` : `“${shown}”`;
}

/**
 * Where the first control character is (C0, DEL, C1: a NUL also breaks PostgreSQL's text), or -1; a
 * multi-line text (notes, a reason) may hold tab, line feed and carriage return.
 */
function firstControlCharacter(text: string, multiline: boolean): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const allowed = multiline && (code === 0x09 || code === 0x0a || code === 0x0d);
    if ((code < 0x20 && !allowed) || (code >= 0x7f && code <= 0x9f)) return i;
  }
  return -1;
}

/** Characters that show nothing (spaces, zero-width, joiners, BOM, fillers): a text made only of them is empty. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Every free text (names, reasons, notes, keys, codes) the API takes; `text(...)` builds its schema. */
export interface TextRule {
  /** The text as a person calls it, for messages: "The customer’s name", "A reason". */
  label: string;
  /** The most characters once trimmed. */
  max: number;
  /** Refused with this message when empty once trimmed (or made only of invisible characters). */
  required?: string;
  /** What too long says (default: "<label> has at most <max> characters, not <n>"). */
  tooLong?: string | ((length: number) => string);
  /** Tab and line breaks allowed (notes, a reason); any other control character is refused everywhere. */
  multiline?: boolean;
  /** Runs of white space made one space (a name). */
  collapseSpaces?: boolean;
  /** Leading and trailing spaces kept (a code or key is looked up as given). */
  untrimmed?: boolean;
}

/**
 * The one schema of a text argument: control characters refused (naming the first, by code point), then
 * trimmed (unless untrimmed; runs of spaces made one when asked), a text of only invisible characters read as empty,
 * refused when empty if required, and refused when longer than `max`.
 */
export function text(rule: TextRule): z.ZodType<string, string> {
  const tooLong =
    rule.tooLong ?? ((length: number) => `${rule.label} has at most ${rule.max} characters, not ${length}`);
  return z
    .string()
    .check((context) => {
      const at = firstControlCharacter(context.value, rule.multiline === true);
      if (at < 0) return;
      const code = context.value.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
      context.issues.push({
        code: 'custom',
        input: context.value,
        params: { reason: 'control_character' },
        message: `${rule.label}: a control character (U+${code}) at position ${at + 1} is not allowed`,
      });
    })
    .transform((given) => {
      if (rule.untrimmed) return given;
      const trimmed = rule.collapseSpaces ? given.trim().replace(/\s+/g, ' ') : given.trim();
      return trimmed.replace(INVISIBLE, '') === '' ? '' : trimmed;
    })
    .pipe(
      z
        .string()
        .min(rule.required ? 1 : 0, rule.required)
        .max(rule.max, {
          error: (issue) => (typeof tooLong === 'string' ? tooLong : tooLong((issue.input as string).length)),
        }),
    );
}

/** Whether zod's issue is a control character found by `text(...)`. */
export function isControlCharacter(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.reason === 'control_character';
}

/**
 * Codes and keys a caller names (a product code, an order number, a part number, a feature, an option, a
 * saved configuration's code, a cursor): at most 100 characters, longer than any the server makes.
 */
export const MAX_KEY_LENGTH = 100;
export const key = (label: string) => text({ label, max: MAX_KEY_LENGTH, untrimmed: true });

/** Why an action is taken (a stock change, a cancellation): 1 to 500 characters once trimmed. */
export const MAX_REASON_LENGTH = 500;
export const reasonText = (emptyMessage: string) =>
  text({
    label: 'A reason',
    max: MAX_REASON_LENGTH,
    required: emptyMessage,
    tooLong: `A reason has at most ${MAX_REASON_LENGTH} characters`,
    multiline: true,
  });
