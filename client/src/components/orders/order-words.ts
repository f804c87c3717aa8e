/**
 * How a customer's order reads: an order line's options in words ("Width 1,600 mm", "Cable tray: Yes"), its
 * quantity as "2 desks", the ship date with its weekday, and the carrier's tracking page. Pure functions of
 * the translator `t` and the reader's locale, so that a component test can check them.
 */

import { FeatureKind } from '../../graphql/graphql';
import { formatList, formatNumber } from '../../i18n/format';

/** One value in force as the server words it (OrderLine.options). */
export interface LineOptionWords {
  feature: string;
  featureLabel: string;
  kind: FeatureKind;
  value: string;
  valueLabel: string;
  unit?: string | null;
}

/** A feature and its value(s) as the page shows them: one row per feature. */
export interface OptionRow {
  feature: string;
  label: string;
  text: string;
}

type Translate = (key: string, ...rest: never[]) => string;

/**
 * One row per feature, in the server's order: numbers in the reader's locale with their unit, yes/no in the
 * reader's language, the options' labels (a multiple choice's listed). Never a code.
 */
export function optionRows(options: readonly LineOptionWords[], t: Translate, locale?: string): OptionRow[] {
  const rows: (OptionRow & { texts: string[] })[] = [];
  for (const option of options) {
    const text = optionValueText(option, t, locale);
    const row = rows.find((r) => r.feature === option.feature);
    if (row) row.texts.push(text);
    else rows.push({ feature: option.feature, label: option.featureLabel, text, texts: [text] });
  }
  return rows.map(({ feature, label, texts }) => ({
    feature,
    label,
    text: texts.length === 1 ? texts[0]! : formatList(texts, locale),
  }));
}

function optionValueText(option: LineOptionWords, t: Translate, locale?: string): string {
  switch (option.kind) {
    case FeatureKind.Boolean:
      return option.value === 'true' ? t('order.yes') : t('order.no');
    case FeatureKind.Integer:
    case FeatureKind.Decimal: {
      const number = /^-?\d+(\.\d+)?$/.test(option.value) ? formatNumber(option.value, locale) : option.value;
      return option.unit ? `${number} ${option.unit}` : number;
    }
    default:
      return option.valueLabel;
  }
}

/** "1 desk", "2 desks", "3 PCs"; a product without its own word: "2 items". */
export function quantityText(
  t: (key: string, n: number) => string,
  te: (key: string) => boolean,
  productCode: string,
  quantity: number,
): string {
  const key = te(`order.units.${productCode}`) ? `order.units.${productCode}` : 'order.units.other';
  return t(key, quantity);
}

/** A ship date with its weekday, never shifted by a time zone: "Tue, 15 Dec 2026" / "Di., 15. Dez. 2026". */
export function shipDayText(day: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The tracking pages of the carriers we know, by the carrier's name as staff type it (case does not matter). */
const CARRIER_TRACKING: readonly { names: RegExp; url: string }[] = [
  { names: /^dhl\b/i, url: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}' },
  { names: /^ups\b/i, url: 'https://www.ups.com/track?tracknum={number}' },
  { names: /^dpd\b/i, url: 'https://tracking.dpd.de/status/en_US/parcel/{number}' },
  { names: /^fed\s*ex\b/i, url: 'https://www.fedex.com/fedextrack/?trknbr={number}' },
];

/** The carrier's page for this tracking number, or null for a carrier we do not know. */
export function carrierTrackingUrl(carrier: string, trackingNumber: string): string | null {
  const known = CARRIER_TRACKING.find((entry) => entry.names.test(carrier.trim()));
  return known ? known.url.replace('{number}', encodeURIComponent(trackingNumber.trim())) : null;
}
