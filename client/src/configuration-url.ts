/**
 * A configuration in a URL that a person can read and share:
 *   /configure/standing-desk?width_mm=1600&top_material=oak&accessories=cable_tray,drawer&qty=2
 * Only the choices made go in the URL (the defaults apply again when it is opened); `c` is a saved
 * configuration's code instead; `currency` the currency a visitor picked (`currency=USD`). Feature codes are
 * identifiers, so they never clash with `qty` or `c` (a model may not name a feature `currency`).
 * A value filled in for the person and kept (a completion's default) is marked `default:`
 * (`frame_size=default:m`), so that it is still told apart from their own choices when the link opens.
 */
import { currencyCodeOf } from './currency-choice';

export interface Choice {
  feature: string;
  value?: string | null;
  values?: string[] | null;
  /** Filled in for the person (a default they kept), not picked by them. */
  filledIn?: boolean;
}

export interface ConfigurationQuery {
  choices: Choice[];
  quantity: number;
  savedCode: string | null;
  /** The ISO 4217 currency picked (three capital letters); null: none in the URL. */
  currency: string | null;
}

/**
 * Where the configurator was opened from, not a choice: `quote` (a quote's id, to add the configuration to
 * it) and `line` (one of its lines, to replace). Kept in the URL as the choices change.
 */
export const CONTEXT_PARAMS = ['quote', 'line'] as const;
/** The interface language (?lang=de, client/src/i18n): the page's, not the product's. */
const PAGE_PARAMS = ['lang'] as const;
const RESERVED = new Set<string>(['qty', 'c', 'currency', ...CONTEXT_PARAMS, ...PAGE_PARAMS]);

/** The URL's context parameters (CONTEXT_PARAMS) that have a value, to keep beside the choices. */
export function contextOf(query: Record<string, unknown>): Record<string, string> {
  const context: Record<string, string> = {};
  for (const key of CONTEXT_PARAMS) {
    const value = query[key];
    if (typeof value === 'string' && value !== '') context[key] = value;
  }
  return context;
}
/** Marks a multiple choice, so that one option (or none) still reads back as a list. */
const LIST_PREFIX = 'list:';
/** Marks a value filled in for the person (before the list mark of a multiple choice). */
const DEFAULT_PREFIX = 'default:';

export function toQuery(
  choices: Choice[],
  quantity = 1,
  currency: string | null = null,
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const choice of choices) {
    const mark = choice.filledIn ? DEFAULT_PREFIX : '';
    if (choice.values) query[choice.feature] = `${mark}${LIST_PREFIX}${choice.values.join(',')}`;
    else query[choice.feature] = `${mark}${choice.value ?? ''}`;
  }
  if (quantity !== 1) query.qty = String(quantity);
  if (currency) query.currency = currency;
  return query;
}

export function fromQuery(query: Record<string, unknown>): ConfigurationQuery {
  const choices: Choice[] = [];
  for (const [key, raw] of Object.entries(query)) {
    const raw0 = Array.isArray(raw) ? raw[0] : raw;
    if (RESERVED.has(key) || typeof raw0 !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    const filledIn = raw0.startsWith(DEFAULT_PREFIX);
    const text = filledIn ? raw0.slice(DEFAULT_PREFIX.length) : raw0;
    const mark = filledIn ? { filledIn: true } : {};
    if (text.startsWith(LIST_PREFIX)) {
      const rest = text.slice(LIST_PREFIX.length);
      choices.push({ feature: key, values: rest === '' ? [] : rest.split(','), ...mark });
    } else choices.push({ feature: key, value: text === '' ? null : text, ...mark });
  }
  const qty = Number(typeof query.qty === 'string' ? query.qty : 1);
  return {
    choices,
    quantity: Number.isInteger(qty) && qty >= 1 ? qty : 1,
    savedCode: typeof query.c === 'string' && query.c !== '' ? query.c : null,
    currency: currencyCodeOf(query.currency),
  };
}
