import { describe, expect, it } from 'vitest';
import { type ApprovalRule, approvalsNeeded } from './approval.js';
import type { QuoteInput } from './totals.js';

const RULES: ApprovalRule[] = [
  {
    id: 'line-discount',
    name: 'Line discounts over 10%',
    kind: 'discountAbove',
    scope: 'line',
    percent: '10',
  },
  {
    id: 'quote-discount',
    name: 'Quote discounts over 15%',
    kind: 'discountAbove',
    scope: 'quote',
    percent: '15',
  },
  { id: 'line-margin', kind: 'marginBelow', scope: 'line', percent: '20' },
  { id: 'quote-margin', name: 'Margin under 25%', kind: 'marginBelow', scope: 'quote', percent: '25' },
  {
    id: 'big-eur',
    name: 'Orders over 10,000 EUR',
    kind: 'totalAbove',
    amount: { currency: 'EUR', minor: 1_000_000 },
  },
  { id: 'big-usd', kind: 'totalAbove', amount: { currency: 'USD', minor: 1_100_000 } },
];

/** Two desks at 1,000.00 EUR (cost 600.00) and a lamp at 50.00 (cost 20.00). */
const quote: QuoteInput = {
  currency: 'EUR',
  lines: [
    { id: 'desk', label: 'Standing desk', unitPriceMinor: 100000, quantity: 2, unitCostMinor: 60000 },
    { id: 'lamp', label: 'Desk lamp', unitPriceMinor: 5000, quantity: 1, unitCostMinor: 2000 },
  ],
};

function check(input: QuoteInput, rules: readonly ApprovalRule[] = RULES) {
  const result = approvalsNeeded(input, rules);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe('approval rules', () => {
  it('a quote at list price with a healthy margin needs no approval', () => {
    const result = check(quote);
    expect(result.needed).toBe(false);
    expect(result.triggers).toEqual([]);
    // The USD rule does not apply to an EUR quote, and says so.
    expect(result.unchecked).toEqual([
      {
        ruleId: 'big-usd',
        message:
          'The limit of rule big-usd is in USD and the quote in EUR: it does not apply (amounts are never converted).',
      },
    ]);
  });

  it('a line discount above the limit names the line, the figures and the rule; exactly the limit passes', () => {
    const atLimit = check(
      { ...quote, lines: [{ ...quote.lines[0]!, discountPercent: '10' }] },
      RULES.slice(0, 1),
    );
    expect(atLimit.needed).toBe(false);
    const above = check(
      { ...quote, lines: [{ ...quote.lines[0]!, discountPercent: '10.01' }] },
      RULES.slice(0, 1),
    );
    expect(above.triggers).toEqual([
      {
        ruleId: 'line-discount',
        kind: 'discountAbove',
        lineId: 'desk',
        actual: '10.01',
        limit: '10',
        message:
          "Line 1 (Standing desk) has a discount of 10.01%, above 10%, which needs a sales manager's approval (rule 'Line discounts over 10%').",
      },
    ]);
  });

  it('the quote discount counts line and header discounts together, compared exactly', () => {
    // 10% off each line, then 5.5% off the subtotal: 2050.00 → 1845.00 → 1743.53 (101.475 rounds to 101.48)
    const result = check(
      {
        ...quote,
        headerDiscountPercent: '5.5',
        lines: quote.lines.map((l) => ({ ...l, discountPercent: '10' })),
      },
      RULES.slice(1, 2),
    );
    expect(result.totals.totalMinor).toBe(174352);
    // 306.48 off 2050.00 is 14.95...%: under 15%, though 10% + 5.5% would add up to more.
    expect(result.totals.discountPercent.toFixed(4)).toBe('14.9502');
    expect(result.triggers).toEqual([]);
    const deeper = check({ ...quote, headerDiscountPercent: '15.1' }, RULES.slice(1, 2));
    expect(deeper.triggers.map((t) => t.message)).toEqual([
      "The quote's discount is 15.1% (309.55 EUR off 2050.00 EUR, line and header discounts together), above 15%, which needs a sales manager's approval (rule 'Quote discounts over 15%').",
    ]);
    // Exactly 15% off is not above 15%.
    expect(check({ ...quote, headerDiscountPercent: '15' }, RULES.slice(1, 2)).needed).toBe(false);
  });

  it('a margin below the limit, per line and for the quote, with the margin in money and percent', () => {
    // 30% off the desks: 1400.00 for a cost of 1200.00, margin 200.00 (14.29%); the lamp keeps 60%.
    const result = check(
      { ...quote, lines: [{ ...quote.lines[0]!, discountPercent: '30' }, quote.lines[1]!] },
      RULES.slice(2, 4),
    );
    expect(result.triggers.map((t) => [t.ruleId, t.lineId, t.message])).toEqual([
      [
        'line-margin',
        'desk',
        "Line 1 (Standing desk) has a margin of about 14.29%: 200.00 EUR on 1400.00 EUR, below 20%, which needs a sales manager's approval (rule line-margin).",
      ],
      [
        'quote-margin',
        undefined,
        "The quote's margin is about 15.86%: 230.00 EUR on 1450.00 EUR, below 25%, which needs a sales manager's approval (rule 'Margin under 25%').",
      ],
    ]);
  });

  it('a margin exactly at the limit passes; one cent under does not', () => {
    const at = {
      currency: 'EUR',
      lines: [{ id: 'a', unitPriceMinor: 10000, quantity: 1, unitCostMinor: 7500 }],
    };
    expect(check(at, RULES.slice(3, 4)).needed).toBe(false);
    const under = {
      currency: 'EUR',
      lines: [{ id: 'a', unitPriceMinor: 10000, quantity: 1, unitCostMinor: 7501 }],
    };
    expect(check(under, RULES.slice(3, 4)).triggers[0]).toMatchObject({ actual: '24.99', limit: '25' });
  });

  it('a line without a cost is reported as not checked, not as passing', () => {
    const result = check(
      { ...quote, lines: [quote.lines[0]!, { id: 'x', unitPriceMinor: 100, quantity: 1 }] },
      RULES.slice(2, 4),
    );
    expect(result.needed).toBe(false);
    expect(result.unchecked.map((u) => u.message)).toEqual([
      'Line 2 (x) has no cost, so its margin cannot be checked against 20% (rule line-margin).',
      "The quote's margin cannot be checked against 25% (rule 'Margin under 25%'): Line 2 (x) has no cost.",
    ]);
  });

  it('a total above the amount in the quote’s currency; JPY has no minor digits', () => {
    const big = check({ ...quote, lines: [{ ...quote.lines[0]!, quantity: 11 }] }, RULES.slice(4));
    expect(big.triggers).toEqual([
      {
        ruleId: 'big-eur',
        kind: 'totalAbove',
        actual: '1100000',
        limit: '1000000',
        message:
          "The quote's total of 11000.00 EUR is above 10000.00 EUR, which needs a sales manager's approval (rule 'Orders over 10,000 EUR').",
      },
    ]);
    const yen = check(
      { currency: 'JPY', currencyDigits: 0, lines: [{ id: 'a', unitPriceMinor: 2_000_000, quantity: 1 }] },
      [{ id: 'yen', kind: 'totalAbove', amount: { currency: 'JPY', minor: 1_500_000 } }],
    );
    expect(yen.triggers[0]!.message).toBe(
      "The quote's total of 2000000 JPY is above 1500000 JPY, which needs a sales manager's approval (rule yen).",
    );
  });

  it('every rule that triggers is listed, in the rules’ order', () => {
    const result = check({
      ...quote,
      headerDiscountPercent: '20',
      lines: [{ ...quote.lines[0]!, quantity: 20, discountPercent: '12' }, quote.lines[1]!],
    });
    expect(result.triggers.map((t) => t.ruleId)).toEqual([
      'line-discount',
      'quote-discount',
      'line-margin',
      'quote-margin',
      'big-eur',
    ]);
  });

  it('bad rules and bad quotes are refused, each problem named by its field', () => {
    const result = approvalsNeeded({ ...quote, headerDiscountPercent: 'lots' }, [
      { id: '', kind: 'discountAbove', scope: 'line', percent: '-5' },
      { id: 'm', kind: 'marginBelow', scope: 'everything' as never, percent: '150' },
      { id: 't', kind: 'totalAbove', amount: { currency: 'eur', minor: 1.5 } },
      { id: 'k', kind: 'other' } as never,
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'headerDiscountPercent',
      'rules[0].id',
      'rules[0].percent',
      'rules[1].scope',
      'rules[1].percent',
      'rules[2].amount.currency',
      'rules[2].amount.minor',
      'rules[3].kind',
    ]);
  });

  it('a negative margin limit is allowed: only a loss beyond it needs approval', () => {
    const loss = {
      currency: 'EUR',
      lines: [{ id: 'a', unitPriceMinor: 10000, quantity: 1, unitCostMinor: 10400 }],
    };
    const rule: ApprovalRule[] = [{ id: 'loss', kind: 'marginBelow', scope: 'quote', percent: '-5' }];
    expect(check(loss, rule).needed).toBe(false);
    expect(check({ ...loss, lines: [{ ...loss.lines[0]!, unitCostMinor: 10600 }] }, rule).needed).toBe(true);
  });
});
