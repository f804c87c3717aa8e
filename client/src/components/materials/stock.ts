/**
 * Stock figures and the adjustStock form's errors: the server names the argument at fault in the
 * GraphQL error's extensions.field (partNumber, quantity, reason); each message goes next to its field.
 */
export interface AdjustErrors {
  quantity?: string;
  reason?: string;
  /** Not about a field of the form (an unknown part, the server down): said above the form. */
  form?: string;
}

interface ErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null;
}

/** The server's errors, each under the form field it names (extensions.field); the rest for the form. */
export function errorsByField(errors: readonly ErrorLike[]): AdjustErrors {
  const found: AdjustErrors = {};
  for (const error of errors) {
    const field = error.extensions?.field;
    const key: keyof AdjustErrors = field === 'quantity' || field === 'reason' ? field : 'form';
    found[key] = found[key] ? `${found[key]} ${error.message}` : error.message;
  }
  return found;
}

/** The checks made before asking the server (it checks again): a signed non-zero number and a reason. */
export function checkAdjustment(quantity: string, reason: string): AdjustErrors {
  const found: AdjustErrors = {};
  const text = quantity.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) {
    found.quantity = 'Type the change as a signed number: 12 to add, -3 to remove.';
  } else if (Number(text) === 0) {
    found.quantity = 'A change of 0 changes nothing.';
  }
  if (reason.trim() === '') found.reason = 'Say why (a count, a breakage, a return…): it is audited.';
  return found;
}

/** "+5 working days" late, or "on time". */
export function delayText(days: number): string {
  return days > 0 ? `${days} working ${days === 1 ? 'day' : 'days'} late` : 'on time';
}
