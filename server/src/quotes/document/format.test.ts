import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  formatDate,
  formatDecimal,
  formatMoney,
  formatPercent,
  minorToDecimalText,
} from './format.js';

describe('the document formats', () => {
  it('prints money in its currency with its own minor unit: JPY none, the others two', () => {
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(123_456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(123_456, 'GBP')).toBe('£1,234.56');
    expect(formatMoney(123_456, 'CHF').replace(/\s/, ' ')).toBe('CHF 1,234.56');
    expect(formatMoney(123_456, 'JPY')).toBe('¥123,456');
    expect(formatMoney(-4_990, 'USD')).toBe('-$49.90');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('CHF')).toBe(2);
  });

  it('never goes through a float: the largest safe amount prints exactly', () => {
    expect(minorToDecimalText(9_007_199_254_740_991, 2)).toBe('90071992547409.91');
    expect(formatMoney(9_007_199_254_740_991, 'EUR')).toBe('€90,071,992,547,409.91');
    expect(minorToDecimalText(-7, 2)).toBe('-0.07');
    expect(() => minorToDecimalText(1.5, 2)).toThrow('1.5 is not a whole number of minor units');
  });

  it('prints decimals and percentages as written, dates in words', () => {
    expect(formatDecimal('1500')).toBe('1,500');
    expect(formatDecimal('2.50')).toBe('2.5');
    expect(formatDecimal('0.125')).toBe('0.125');
    expect(formatPercent('12.5')).toBe('12.5%');
    expect(formatDate('2026-12-03')).toBe('3 December 2026');
    expect(formatDate('2027-01-31')).toBe('31 January 2027');
  });
});
