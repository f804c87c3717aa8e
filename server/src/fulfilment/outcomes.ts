import type { Order } from '../orders/order.entity.js';
import type { RefusalCode } from './refusal-code.js';

/** Who did the steps that happen by themselves (a person or key is named by actorOf). */
export const SYSTEM = 'system';

/** An expected refusal: nothing was changed. `field` names the argument at fault. */
export interface Refusal {
  kind: 'refused';
  code: RefusalCode;
  message: string;
  field: string;
}

export type ActionOutcome = { kind: 'done'; order: Order } | Refusal;

export function refuse(code: RefusalCode, field: string, message: string): Refusal {
  return { kind: 'refused', code, message, field };
}

/** Thrown inside a transaction to roll it back and answer with the refusal. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** Ends the transaction with a refusal (rolled back). */
export function refused(code: RefusalCode, field: string, message: string): never {
  throw new Refused(refuse(code, field, message));
}
