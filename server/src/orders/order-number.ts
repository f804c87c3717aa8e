import { randomInt } from 'node:crypto';

/**
 * Order numbers: "MTO-" and two groups of four Crockford base32 characters ("MTO-7K2Q-XD94"), drawn
 * from a cryptographic random source. Until accounts exist the number is what lets a customer see an
 * order, so it must not be guessable: 40 random bits, no sequence. Crockford's alphabet leaves out
 * I, L, O and U, so a number read aloud or copied by hand is not mistaken.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const GROUP = 4;
const PREFIX = 'MTO';

export const ORDER_NUMBER_PATTERN = /^MTO-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;

export function generateOrderNumber(): string {
  let code = '';
  for (let i = 0; i < 2 * GROUP; i++) code += CROCKFORD_ALPHABET[randomInt(CROCKFORD_ALPHABET.length)];
  return `${PREFIX}-${code.slice(0, GROUP)}-${code.slice(GROUP)}`;
}

/**
 * An order number as a person may type it, in its stored form: case, spaces and dashes do not
 * matter, the prefix may be left out, and the letters Crockford's alphabet reads as digits
 * (O as 0, I and L as 1) are read so. Null when it cannot be an order number.
 */
export function normaliseOrderNumber(text: string): string | null {
  let code = text.toUpperCase().replace(/[\s-]/g, '');
  if (code.startsWith(PREFIX) && code.length === PREFIX.length + 2 * GROUP) code = code.slice(PREFIX.length);
  if (code.length !== 2 * GROUP) return null;
  code = code.replace(/O/g, '0').replace(/[IL]/g, '1');
  for (const character of code) if (!CROCKFORD_ALPHABET.includes(character)) return null;
  return `${PREFIX}-${code.slice(0, GROUP)}-${code.slice(GROUP)}`;
}
