/**
 * Approval rules, set by an admin: a quote that triggers any of them needs a sales manager's approval
 * before it is sent. Each rule that triggers is named in a sentence with the figures, so the request
 * says why. Percentages are exact decimals and compared exactly, by cross-multiplying in whole minor
 * units (never a rounded ratio): a limit of 10% is not triggered by a discount of exactly 10%.
 *
 * - `discountAbove`, scope `line`: a line's own discount % above the limit.
 * - `discountAbove`, scope `quote`: everything off the quote's gross (line and header discounts
 *   together, `QuoteTotals.discountPercent`) above the limit.
 * - `marginBelow`, scope `line`: a line's margin (its net after its share of the header discount, less its
 *   cost) below the limit as a share of that net; scope `quote`: the quote's margin on its total.
 * - `totalAbove`: the quote's total above an amount in the quote's currency. A rule in another currency
 *   does not apply (no conversion): it is reported as not checked, as is a margin rule on a line without cost.
 */

import { Decimal, decimalText, parseDecimal } from '../common/decimal.js';
import { formatMinorUnits, type Money } from '../common/money.js';
import {
  type QuoteInput,
  type QuoteLineTotals,
  type QuoteProblem,
  type QuoteTotals,
  quoteTotals,
} from './totals.js';

export type ApprovalRule =
  | { id: string; name?: string; kind: 'discountAbove'; scope: 'line' | 'quote'; percent: string | number }
  | { id: string; name?: string; kind: 'marginBelow'; scope: 'line' | 'quote'; percent: string | number }
  | { id: string; name?: string; kind: 'totalAbove'; amount: Money };

export interface ApprovalTrigger {
  ruleId: string;
  kind: ApprovalRule['kind'];
  /** the line that triggered it; absent for the quote as a whole */
  lineId?: string;
  /** the quote's figure and the rule's limit, exact decimal text (percent, or minor units for a total) */
  actual: string;
  limit: string;
  message: string;
}

export interface ApprovalUnchecked {
  ruleId: string;
  lineId?: string;
  message: string;
}

export interface ApprovalCheck {
  needed: boolean;
  triggers: ApprovalTrigger[];
  /** rules that could not be checked (a cost missing, another currency): the server decides what they mean */
  unchecked: ApprovalUnchecked[];
  totals: QuoteTotals;
}

export type ApprovalResult = ({ ok: true } & ApprovalCheck) | { ok: false; problems: QuoteProblem[] };

const HUNDRED = new Decimal(100);
const NEEDS = "which needs a sales manager's approval";

/** Every rule the quote triggers, each with a sentence naming it and the figures; or what is wrong with the input. */
export function approvalsNeeded(quote: QuoteInput, rules: readonly ApprovalRule[]): ApprovalResult {
  const problems: QuoteProblem[] = [];
  const limits = rules.map((rule, index) => readRule(rule, index, problems));
  const totalsResult = quoteTotals(quote);
  if (!totalsResult.ok) problems.unshift(...totalsResult.problems);
  if (!totalsResult.ok || problems.length > 0) return { ok: false, problems };
  const totals = totalsResult.totals;
  const digits = quote.currencyDigits ?? 2;
  const money = (minor: number) => `${formatMinorUnits(minor, digits)} ${totals.currency}`;
  const lineName = (line: QuoteLineTotals, index: number) => {
    const label = quote.lines[index]?.label;
    return label ? `Line ${index + 1} (${label})` : `Line ${index + 1} (${line.id})`;
  };

  const triggers: ApprovalTrigger[] = [];
  const unchecked: ApprovalUnchecked[] = [];
  rules.forEach((rule, index) => {
    const limit = limits[index]!;
    const named = `rule ${rule.name ? `'${rule.name}'` : rule.id}`;
    if (rule.kind === 'discountAbove' && rule.scope === 'line') {
      totals.lines.forEach((line, i) => {
        if (line.discountPercent.greaterThan(limit))
          triggers.push({
            ruleId: rule.id,
            kind: rule.kind,
            lineId: line.id,
            actual: decimalText(line.discountPercent),
            limit: decimalText(limit),
            message: `${lineName(line, i)} has a discount of ${percentText(line.discountPercent)}, above ${percentText(limit)}, ${NEEDS} (${named}).`,
          });
      });
    } else if (rule.kind === 'discountAbove') {
      // (gross − total) / gross > limit / 100, cross-multiplied: exact.
      const off = new Decimal(totals.grossMinor - totals.totalMinor).times(HUNDRED);
      if (off.greaterThan(limit.times(totals.grossMinor)))
        triggers.push({
          ruleId: rule.id,
          kind: rule.kind,
          actual: decimalText(totals.discountPercent),
          limit: decimalText(limit),
          message: `The quote's discount is ${percentText(totals.discountPercent)} (${money(
            totals.grossMinor - totals.totalMinor,
          )} off ${money(totals.grossMinor)}, line and header discounts together), above ${percentText(limit)}, ${NEEDS} (${named}).`,
        });
    } else if (rule.kind === 'marginBelow' && rule.scope === 'line') {
      totals.lines.forEach((line, i) => {
        if (line.marginMinor === null) {
          unchecked.push({
            ruleId: rule.id,
            lineId: line.id,
            message: `${lineName(line, i)} has no cost, so its margin cannot be checked against ${percentText(limit)} (${named}).`,
          });
          return;
        }
        if (marginBelow(line.marginMinor, line.netAfterHeaderMinor, limit))
          triggers.push({
            ruleId: rule.id,
            kind: rule.kind,
            lineId: line.id,
            actual: line.marginPercent === null ? '' : decimalText(line.marginPercent),
            limit: decimalText(limit),
            message: `${lineName(line, i)} has a margin of ${marginText(line.marginMinor, line.marginPercent, line.netAfterHeaderMinor, money)}, below ${percentText(limit)}, ${NEEDS} (${named}).`,
          });
      });
    } else if (rule.kind === 'marginBelow') {
      if (totals.marginMinor === null) {
        const missing = totals.lines
          .map((line, i) => (line.costMinor === null ? lineName(line, i) : null))
          .filter((name) => name !== null);
        unchecked.push({
          ruleId: rule.id,
          message: `The quote's margin cannot be checked against ${percentText(limit)} (${named}): ${missing.join(', ')} ${
            missing.length === 1 ? 'has' : 'have'
          } no cost.`,
        });
      } else if (marginBelow(totals.marginMinor, totals.totalMinor, limit))
        triggers.push({
          ruleId: rule.id,
          kind: rule.kind,
          actual: totals.marginPercent === null ? '' : decimalText(totals.marginPercent),
          limit: decimalText(limit),
          message: `The quote's margin is ${marginText(totals.marginMinor, totals.marginPercent, totals.totalMinor, money)}, below ${percentText(limit)}, ${NEEDS} (${named}).`,
        });
    } else {
      if (rule.amount.currency !== totals.currency) {
        unchecked.push({
          ruleId: rule.id,
          message: `The limit of ${named} is in ${rule.amount.currency} and the quote in ${totals.currency}: it does not apply (amounts are never converted).`,
        });
      } else if (totals.totalMinor > rule.amount.minor)
        triggers.push({
          ruleId: rule.id,
          kind: rule.kind,
          actual: String(totals.totalMinor),
          limit: String(rule.amount.minor),
          message: `The quote's total of ${money(totals.totalMinor)} is above ${money(rule.amount.minor)}, ${NEEDS} (${named}).`,
        });
    }
  });
  return { ok: true, needed: triggers.length > 0, triggers, unchecked, totals };
}

/** margin / net < limit / 100, cross-multiplied; a net of 0 with any cost is below every positive limit. */
function marginBelow(marginMinor: number, netMinor: number, limit: Decimal): boolean {
  return new Decimal(marginMinor).times(HUNDRED).lessThan(limit.times(netMinor));
}

function marginText(
  marginMinor: number,
  marginPercent: Decimal | null,
  netMinor: number,
  money: (minor: number) => string,
): string {
  const share = marginPercent === null ? '' : `${percentText(marginPercent)}: `;
  return `${share}${money(marginMinor)} on ${money(netMinor)}`;
}

/** Exact when it has at most 4 decimals ("12.5%"), else rounded to 2 and said so ("about 33.33%"). */
export function percentText(percent: Decimal): string {
  return percent.decimalPlaces() <= 4 ? `${decimalText(percent)}%` : `about ${percent.toFixed(2)}%`;
}

function readRule(rule: ApprovalRule, index: number, problems: QuoteProblem[]): Decimal {
  const at = `rules[${index}]`;
  if (typeof rule.id !== 'string' || rule.id === '')
    problems.push({ field: `${at}.id`, message: `${at}.id must be a non-empty text` });
  if (rule.kind === 'discountAbove' || rule.kind === 'marginBelow') {
    if (rule.scope !== 'line' && rule.scope !== 'quote')
      problems.push({
        field: `${at}.scope`,
        message: `${at}.scope must be line or quote, not '${rule.scope}'`,
      });
    const percent = parseDecimal(rule.percent);
    const low = rule.kind === 'discountAbove' ? new Decimal(0) : null;
    if (!percent || (low && percent.lessThan(low)) || percent.greaterThan(HUNDRED)) {
      problems.push({
        field: `${at}.percent`,
        message: `${at}.percent must be a percentage ${low ? 'from 0 ' : ''}up to 100, not '${rule.percent}'`,
      });
      return new Decimal(0);
    }
    return percent;
  }
  if (rule.kind === 'totalAbove') {
    if (!rule.amount || typeof rule.amount.currency !== 'string' || !/^[A-Z]{3}$/.test(rule.amount.currency))
      problems.push({
        field: `${at}.amount.currency`,
        message: `${at}.amount.currency must be an ISO 4217 code such as EUR`,
      });
    if (!rule.amount || !Number.isSafeInteger(rule.amount.minor) || rule.amount.minor < 0)
      problems.push({
        field: `${at}.amount.minor`,
        message: `${at}.amount.minor must be a whole number of minor units, 0 or more`,
      });
    return new Decimal(0);
  }
  problems.push({
    field: `${at}.kind`,
    message: `${at}.kind must be discountAbove, marginBelow or totalAbove, not '${(rule as { kind: unknown }).kind}'`,
  });
  return new Decimal(0);
}
