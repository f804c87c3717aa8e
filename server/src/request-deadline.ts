import { AsyncLocalStorage } from 'node:async_hooks';

/** The code of a request cut off at its deadline (`extensions.code`; graphql/limits.ts lists it). */
export const DEADLINE_CODE = 'REQUEST_TIMEOUT';

/**
 * One GraphQL request's time budget: when it is up (set as its first root field starts) and whether it may
 * be cut inside a root field. Only a query may: a mutation is checked before each root field starts, never
 * while its transaction runs, and the answer of one that ran is given whole.
 */
export interface RequestDeadline {
  /** Date.now() past which the request is cut; undefined until its first root field starts. */
  at: number | undefined;
  ms: number;
  cuttable: boolean;
}

/** The request being served, for code that has no GraphQL context (services' loops, DataLoader batches). */
const current = new AsyncLocalStorage<RequestDeadline>();

/** Runs `work` (the rest of a request's handling) with a deadline of its own, not yet started. */
export function withRequestDeadline<T>(ms: number, work: () => T): T {
  return current.run({ at: undefined, ms, cuttable: false }, work);
}

/** The deadline of the request being served (undefined outside one: scripts, tests calling services). */
export function requestDeadline(): RequestDeadline | undefined {
  return current.getStore();
}

/**
 * A request cut off at its deadline. It carries its code in `extensions`, which graphql-js keeps when it
 * wraps the error, so the caller reads REQUEST_TIMEOUT and the server does not log it as unexpected.
 */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
  readonly extensions = { code: DEADLINE_CODE };
  constructor(ms: number, what: string) {
    super(
      `The request ran over its ${ms / 1000} s deadline: ${what} was not read. Ask for less in one request.`,
    );
  }
}

/** Whether `deadline` may cut its request now. */
export function isPast(deadline: RequestDeadline | undefined): deadline is RequestDeadline {
  return deadline?.cuttable === true && deadline.at !== undefined && Date.now() > deadline.at;
}

/**
 * Throws DeadlineExceeded when the query being served is past its deadline; nothing otherwise (a mutation,
 * no request). For loops that can run long inside one field: call it before each costly step.
 */
export function checkDeadline(what: string): void {
  const deadline = current.getStore();
  if (isPast(deadline)) throw new DeadlineExceeded(deadline.ms, what);
}
