/**
 * Stock figures and the adjustStock form's errors: the server names the argument at fault in the
 * GraphQL error's extensions.field (partNumber, quantity, reason); each message goes next to its field.
 */
import { i18n } from '../../i18n';

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
    found.quantity = i18n.global.t('plant.adjust.signed');
  } else if (Number(text) === 0) {
    found.quantity = i18n.global.t('plant.adjust.zero');
  }
  if (reason.trim() === '') found.reason = i18n.global.t('plant.adjust.why');
  return found;
}

/** "+5 working days" late, or "on time". */
export function delayText(days: number): string {
  const { t } = i18n.global;
  return days > 0 ? t('plant.materials.late', { n: days }, days) : t('plant.materials.onTime');
}
