import { i18n } from '../../i18n';
import { formatNumber } from '../../i18n/format';

/** An instant for people, in the reader's locale and time zone: "26 Nov 2026, 05:48". */
export { formatDateTime } from '../../i18n/format';

/** "width_mm" -> "Width mm": a readable name for a feature or option code when no label is known. */
export function humanise(code: string): string {
  const text = code.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A selection's value(s) as text: "1600", "oak", "cable tray, drawer", "none" (in the reader's language). */
export function selectionText(selection: {
  value?: string | null;
  values?: readonly string[] | null;
}): string {
  const { t } = i18n.global;
  if (selection.values)
    return selection.values.length === 0 ? t('fulfilment.selection.none') : selection.values.join(', ');
  return selection.value ?? t('fulfilment.selection.notChosen');
}

/**
 * Minutes as the server writes them ("32.24") -> "32.24 min" (the number in the reader's locale); a total
 * in hours and minutes when long.
 */
export function formatMinutes(minutes: number): string {
  const { t } = i18n.global;
  const rounded = Math.round(minutes * 100) / 100;
  if (rounded < 60) return t('fulfilment.minutes.short', { minutes: formatNumber(rounded) });
  const h = Math.floor(rounded / 60);
  const m = Math.round(rounded - h * 60);
  return t('fulfilment.minutes.long', { hours: formatNumber(h), minutes: formatNumber(m) });
}

/** A key that makes a retried order safe (PlaceOrderInput.idempotencyKey), random per page load. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
