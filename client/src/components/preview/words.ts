/**
 * The previews' descriptions (each drawing's aria-label and title) in the reader's language: a known option
 * code is named by the `preview` messages, an unknown one by the drawing data's fallback name.
 */
import { i18n } from '../../i18n';
import { formatList } from '../../i18n/format';

/** A message of the `preview` area. */
export function say(key: string, named: Record<string, unknown> = {}): string {
  return i18n.global.t(`preview.${key}`, named);
}

/** An option's name: `preview.<table>.<code>` when the messages know the code, else the fallback. */
export function nameOf(table: string, code: string | null, fallback: string): string {
  const key = `preview.${table}.${code}`;
  return code !== null && i18n.global.te(key) ? i18n.global.t(key) : fallback;
}

/** Items joined as the language joins them: "oak, walnut and ash". */
export function listOf(items: readonly string[]): string {
  return formatList(items);
}
