import { describe, expect, it } from 'vitest';
import { booleanIn, dateIn, jsonIn, placeholders, textIn } from './rows.js';

describe('raw column values', () => {
  const at = new Date('2026-12-08T05:06:33.123Z');

  it('reads a datetime as SQLite (epoch ms, as a number or text) and PostgreSQL (a Date) give it', () => {
    expect(dateIn(at.getTime())).toEqual(at);
    expect(dateIn(String(at.getTime()))).toEqual(at);
    expect(dateIn(at.toISOString())).toEqual(at);
    expect(dateIn(at)).toBe(at);
    expect(dateIn(null)).toBeNull();
    expect(dateIn(undefined)).toBeNull();
  });

  it('reads a boolean as 0/1 (SQLite) or a boolean (PostgreSQL)', () => {
    expect([1, true, '1'].map(booleanIn)).toEqual([true, true, true]);
    expect([0, false, '0', null].map(booleanIn)).toEqual([false, false, false, false]);
  });

  it('parses JSON text (SQLite) and keeps what the driver parsed (PostgreSQL)', () => {
    expect(jsonIn('[{"code":"a"}]')).toEqual([{ code: 'a' }]);
    const parsed = { shipDate: '2026-12-24' };
    expect(jsonIn(parsed)).toBe(parsed);
    expect(jsonIn(null)).toBeNull();
  });

  it('keeps text as text, null as null, and writes placeholders', () => {
    expect(textIn('5.000000')).toBe('5.000000');
    expect(textIn(undefined)).toBeNull();
    expect(placeholders(3)).toBe('?, ?, ?');
  });
});
