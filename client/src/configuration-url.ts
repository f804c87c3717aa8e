/**
 * A configuration in a URL that a person can read and share:
 *   /configure/standing-desk?width_mm=1600&top_material=oak&accessories=cable_tray,drawer&qty=2
 * Only the choices made go in the URL (the defaults apply again when it is opened); `c` is a saved
 * configuration's code instead. Feature codes are identifiers, so they never clash with `qty` or `c`.
 */
export interface Choice {
  feature: string;
  value?: string | null;
  values?: string[] | null;
}

export interface ConfigurationQuery {
  choices: Choice[];
  quantity: number;
  savedCode: string | null;
}

const RESERVED = new Set(['qty', 'c']);
/** Marks a multiple choice, so that one option (or none) still reads back as a list. */
const LIST_PREFIX = 'list:';

export function toQuery(choices: Choice[], quantity = 1): Record<string, string> {
  const query: Record<string, string> = {};
  for (const choice of choices) {
    if (choice.values) query[choice.feature] = `${LIST_PREFIX}${choice.values.join(',')}`;
    else query[choice.feature] = choice.value ?? '';
  }
  if (quantity !== 1) query.qty = String(quantity);
  return query;
}

export function fromQuery(query: Record<string, unknown>): ConfigurationQuery {
  const choices: Choice[] = [];
  for (const [key, raw] of Object.entries(query)) {
    const text = Array.isArray(raw) ? raw[0] : raw;
    if (RESERVED.has(key) || typeof text !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    if (text.startsWith(LIST_PREFIX)) {
      const rest = text.slice(LIST_PREFIX.length);
      choices.push({ feature: key, values: rest === '' ? [] : rest.split(',') });
    } else choices.push({ feature: key, value: text === '' ? null : text });
  }
  const qty = Number(typeof query.qty === 'string' ? query.qty : 1);
  return {
    choices,
    quantity: Number.isInteger(qty) && qty >= 1 ? qty : 1,
    savedCode: typeof query.c === 'string' && query.c !== '' ? query.c : null,
  };
}
