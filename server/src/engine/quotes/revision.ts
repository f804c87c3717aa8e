/**
 * What changed between two revisions of a quote, in words for the customer's page ("What changed since
 * revision 1"). Lines are matched by their id, which a line keeps across revisions; options are compared
 * by their labels (what the customer reads), grouped per feature. Decimals are compared as numbers:
 * a quantity of "2" and of "2.0" is the same.
 */

import { Decimal, decimalText, parseDecimal } from '../common/decimal.js';
import { formatMinorUnits } from '../common/money.js';
import { type IsoDate, isIsoDate } from '../fulfilment/calendar.js';
import type { QuoteProblem } from './totals.js';
import { readPercent } from './totals.js';

export interface RevisionLine {
  id: string;
  /** the product's name, as the customer reads it */
  product: string;
  quantity: string | number;
  /** the chosen options in words: a multiple choice gives one entry per option */
  options: readonly { feature: string; value: string }[];
  unitPriceMinor: number;
  discountPercent?: string | number;
}

export interface QuoteRevision {
  currency: string;
  /** the currency's minor unit digits, for amounts in words; 2 when not given */
  currencyDigits?: number;
  lines: readonly RevisionLine[];
  headerDiscountPercent?: string | number;
  validUntil: IsoDate;
  terms?: string;
}

export type RevisionChangeKind =
  | 'lineAdded'
  | 'lineRemoved'
  | 'quantity'
  | 'options'
  | 'unitPrice'
  | 'lineDiscount'
  | 'headerDiscount'
  | 'currency'
  | 'validity'
  | 'terms';

export interface RevisionChange {
  kind: RevisionChangeKind;
  lineId?: string;
  text: string;
}

export type RevisionChangesResult =
  | { ok: true; changes: RevisionChange[] }
  | { ok: false; problems: QuoteProblem[] };

interface ReadLine {
  line: RevisionLine;
  quantity: Decimal;
  discount: Decimal;
}

/**
 * Every change from `before` to `after`: lines removed, then for each line of `after` in its order,
 * added or changed (quantity, options, unit price, discount), then the quote's discount, currency,
 * validity and terms. Empty when nothing the customer sees changed.
 */
export function revisionChanges(before: QuoteRevision, after: QuoteRevision): RevisionChangesResult {
  const problems: QuoteProblem[] = [];
  const was = readRevision(before, 'before', problems);
  const now = readRevision(after, 'after', problems);
  if (problems.length > 0) return { ok: false, problems };

  const changes: RevisionChange[] = [];
  const money = (minor: number) => `${formatMinorUnits(minor, after.currencyDigits ?? 2)} ${after.currency}`;
  const oldMoney = (minor: number) =>
    `${formatMinorUnits(minor, before.currencyDigits ?? 2)} ${before.currency}`;
  const afterIds = new Set(now.lines.map((l) => l.line.id));
  const beforeById = new Map(was.lines.map((l) => [l.line.id, l]));

  for (const old of was.lines)
    if (!afterIds.has(old.line.id))
      changes.push({ kind: 'lineRemoved', lineId: old.line.id, text: `Removed: ${old.line.product}.` });

  for (const current of now.lines) {
    const { line } = current;
    const old = beforeById.get(line.id);
    if (!old) {
      const options =
        line.options.length > 0 ? ` (${line.options.map((o) => `${o.feature}: ${o.value}`).join(', ')})` : '';
      const discount = current.discount.isZero() ? '' : `, less ${decimalText(current.discount)}%`;
      changes.push({
        kind: 'lineAdded',
        lineId: line.id,
        text: `Added: ${decimalText(current.quantity)} × ${line.product}${options} at ${money(line.unitPriceMinor)} each${discount}.`,
      });
      continue;
    }
    const name = line.product;
    if (!old.quantity.equals(current.quantity))
      changes.push({
        kind: 'quantity',
        lineId: line.id,
        text: `${name}: quantity changed from ${decimalText(old.quantity)} to ${decimalText(current.quantity)}.`,
      });
    const optionChanges = optionDifferences(old.line.options, line.options);
    if (optionChanges.length > 0)
      changes.push({ kind: 'options', lineId: line.id, text: `${name}: ${optionChanges.join('; ')}.` });
    if (old.line.unitPriceMinor !== line.unitPriceMinor || before.currency !== after.currency)
      changes.push({
        kind: 'unitPrice',
        lineId: line.id,
        text: `${name}: unit price changed from ${oldMoney(old.line.unitPriceMinor)} to ${money(line.unitPriceMinor)}.`,
      });
    const discount = discountChange(old.discount, current.discount);
    if (discount) changes.push({ kind: 'lineDiscount', lineId: line.id, text: `${name}: ${discount}.` });
  }

  const header = discountChange(was.headerDiscount, now.headerDiscount);
  if (header) changes.push({ kind: 'headerDiscount', text: `Discount on the whole quote: ${header}.` });
  if (before.currency !== after.currency)
    changes.push({
      kind: 'currency',
      text: `Prices are now in ${after.currency} (were in ${before.currency}).`,
    });
  if (before.validUntil !== after.validUntil)
    changes.push({
      kind: 'validity',
      text: `Valid until ${after.validUntil}, inclusive (was ${before.validUntil}).`,
    });
  if ((before.terms ?? '').trim() !== (after.terms ?? '').trim())
    changes.push({
      kind: 'terms',
      text: after.terms?.trim() ? 'The terms changed.' : 'The terms were removed.',
    });
  return { ok: true, changes };
}

function discountChange(before: Decimal, after: Decimal): string | null {
  if (before.equals(after)) return null;
  if (before.isZero()) return `a discount of ${decimalText(after)}% added`;
  if (after.isZero()) return `the discount of ${decimalText(before)}% removed`;
  return `discount changed from ${decimalText(before)}% to ${decimalText(after)}%`;
}

/** Per feature, in the order the features appear (after's first): changed from, added, removed. */
function optionDifferences(
  before: readonly { feature: string; value: string }[],
  after: readonly { feature: string; value: string }[],
): string[] {
  const group = (options: readonly { feature: string; value: string }[]) => {
    const map = new Map<string, string[]>();
    for (const o of options) map.set(o.feature, [...(map.get(o.feature) ?? []), o.value]);
    return map;
  };
  const was = group(before);
  const now = group(after);
  const features = [...new Set([...now.keys(), ...was.keys()])];
  const out: string[] = [];
  for (const feature of features) {
    const old = was.get(feature) ?? [];
    const current = now.get(feature) ?? [];
    const added = current.filter((v) => !old.includes(v));
    const removed = old.filter((v) => !current.includes(v));
    if (added.length === 0 && removed.length === 0) continue;
    if (old.length === 1 && current.length === 1)
      out.push(`${feature} changed from ${old[0]} to ${current[0]}`);
    else {
      const parts = [
        ...(added.length > 0 ? [`${added.join(', ')} added`] : []),
        ...(removed.length > 0 ? [`${removed.join(', ')} removed`] : []),
      ];
      out.push(`${feature}: ${parts.join(', ')}`);
    }
  }
  return out;
}

function readRevision(
  revision: QuoteRevision,
  at: string,
  problems: QuoteProblem[],
): { lines: ReadLine[]; headerDiscount: Decimal } {
  if (typeof revision.currency !== 'string' || !/^[A-Z]{3}$/.test(revision.currency))
    problems.push({
      field: `${at}.currency`,
      message: `${at}.currency must be an ISO 4217 code such as EUR`,
    });
  if (!isIsoDate(revision.validUntil))
    problems.push({
      field: `${at}.validUntil`,
      message: `${at}.validUntil must be a date written YYYY-MM-DD, not '${revision.validUntil}'`,
    });
  const ids = new Set<string>();
  const lines = revision.lines.map((line, index) => {
    const field = `${at}.lines[${index}]`;
    if (typeof line.id !== 'string' || line.id === '' || ids.has(line.id))
      problems.push({
        field: `${field}.id`,
        message: `${field}.id must be a non-empty text no other line has`,
      });
    ids.add(line.id);
    if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0)
      problems.push({
        field: `${field}.unitPriceMinor`,
        message: `${field}.unitPriceMinor must be a whole number of minor units`,
      });
    const quantity = parseDecimal(line.quantity);
    if (!quantity?.greaterThan(0))
      problems.push({
        field: `${field}.quantity`,
        message: `${field}.quantity must be a number above 0, not '${line.quantity}'`,
      });
    const discount = readPercent(line.discountPercent, `${field}.discountPercent`, problems);
    return { line, quantity: quantity ?? new Decimal(1), discount };
  });
  const headerDiscount = readPercent(revision.headerDiscountPercent, `${at}.headerDiscountPercent`, problems);
  return { lines, headerDiscount };
}
