import { formatPrice } from '../../products';

export { formatPrice };

/** An instant for people, in the browser's time zone: "26 Nov 2026, 05:48". */
export function formatDateTime(iso: string, locale = 'en-GB'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "width_mm" -> "Width mm": a readable name for a feature or option code when no label is known. */
export function humanise(code: string): string {
  const text = code.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A selection's value(s) as text: "1600", "oak", "cable tray, drawer", "none". */
export function selectionText(selection: {
  value?: string | null;
  values?: readonly string[] | null;
}): string {
  if (selection.values) return selection.values.length === 0 ? 'none' : selection.values.join(', ');
  return selection.value ?? 'not chosen';
}

/** Minutes as the server writes them ("32.24") -> "32.24 min"; a total in hours and minutes when long. */
export function formatMinutes(minutes: number): string {
  const rounded = Math.round(minutes * 100) / 100;
  if (rounded < 60) return `${rounded} min`;
  const h = Math.floor(rounded / 60);
  const m = Math.round(rounded - h * 60);
  return `${h} h ${m} min`;
}

/** A key that makes a retried order safe (PlaceOrderInput.idempotencyKey), random per page load. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
