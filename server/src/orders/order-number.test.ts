import { describe, expect, it } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  generateOrderNumber,
  normaliseOrderNumber,
  ORDER_NUMBER_PATTERN,
} from './order-number.js';

/** The number's 8 code characters as the integer they spell in base 32. */
const base32Value = (number: string): number =>
  [...number.replace(/^MTO-/, '').replace('-', '')].reduce(
    (value, character) => value * 32 + CROCKFORD_ALPHABET.indexOf(character),
    0,
  );

describe('order numbers', () => {
  it('read as MTO- and two groups of four Crockford base32 characters, without I, L, O or U', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
    for (let i = 0; i < 200; i++) {
      const number = generateOrderNumber();
      expect(number).toMatch(ORDER_NUMBER_PATTERN);
      expect(number.slice(4)).not.toMatch(/[ILOU]/);
    }
  });

  it('are drawn at random: 20 in a row are distinct and follow no sequence', () => {
    const numbers = Array.from({ length: 20 }, generateOrderNumber);
    expect(new Set(numbers).size).toBe(20);
    const values = numbers.map(base32Value);
    const steps = values.slice(1).map((value, i) => value - values[i]!);
    // A sequence (or any fixed stride) repeats its step; random draws from 2^40 numbers do not.
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps.filter((step) => Math.abs(step) <= 1000)).toEqual([]);
    // Neither ascending nor descending throughout.
    expect(steps.every((step) => step > 0)).toBe(false);
    expect(steps.every((step) => step < 0)).toBe(false);
  });

  it('are found as a person types them: any case, spaces or no dashes, O for 0 and I or L for 1', () => {
    expect(normaliseOrderNumber('MTO-7K2Q-XD94')).toBe('MTO-7K2Q-XD94');
    expect(normaliseOrderNumber('  mto-7k2q-xd94 ')).toBe('MTO-7K2Q-XD94');
    expect(normaliseOrderNumber('mto 7k2q xd94')).toBe('MTO-7K2Q-XD94');
    expect(normaliseOrderNumber('7K2QXD94')).toBe('MTO-7K2Q-XD94');
    expect(normaliseOrderNumber('MTO-1OIL-0000')).toBe('MTO-1011-0000');
  });

  it('refuse what cannot be an order number', () => {
    for (const text of [
      '',
      'MTO-',
      'MTO-7K2Q-XD9',
      'MTO-7K2Q-XD945',
      'MTO-7K2Q-XDU4',
      'ABC-7K2Q-XD94',
      '%%%%%%%%',
    ])
      expect(normaliseOrderNumber(text), text).toBeNull();
  });
});
