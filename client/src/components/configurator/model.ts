/**
 * The configurator's view of a configuration (the shapes of schema/operations/configure.graphql) and the
 * small pure functions its components share: money and option texts, reasons in words, numeric input
 * checks, and choice lists (the user's own choices, as sent to `configure` and kept in the URL).
 */
import type { Choice } from '../../configuration-url';
import {
  ChoiceSource,
  type ConfigurationCostViewFragment,
  type ConfigurationFeatureViewFragment,
  type ConfigurationInput,
  type ConfigurationPriceViewFragment,
  type ConfigurationViewFragment,
  FeatureKind,
  PriceMode,
} from '../../graphql/graphql';
import { i18n } from '../../i18n';
import { formatMoney as formatMoneyText, formatNumber } from '../../i18n/format';
import type { Money } from '../../products';

/** The configurator's messages (locales/<lang>/configurator.ts), for the pure functions below. */
const t = (key: string, named: Record<string, unknown> = {}, plural?: number): string =>
  plural === undefined
    ? i18n.global.t(`configurator.${key}`, named)
    : i18n.global.t(`configurator.${key}`, named, plural);

export type ConfigurationView = ConfigurationViewFragment;
export type FeatureView = ConfigurationFeatureViewFragment;
export type OptionView = FeatureView['options'][number];
export type PriceView = ConfigurationPriceViewFragment;
export type PriceListView = NonNullable<PriceView['priceList']>;
export type CostView = ConfigurationCostViewFragment;
export type ViolationView = ConfigurationView['violations'][number];
export type MoneyView = Money;

/** Money in the reader's locale: "€1,170.60" (en), "1.170,60 €" (de), with the digits the server wrote. */
export function formatMoney(money: MoneyView): string {
  return formatMoneyText(money);
}

/** Which list priced a price, in words: "List prices USD (North America), net of tax". */
export function priceListText(list: { name: string; prices: PriceMode }): string {
  return t(list.prices === PriceMode.Net ? 'price.listNet' : 'price.listGross', { name: list.name });
}

/** "+ €120.00", "− €20.00"; null when the option costs nothing. */
export function formatDelta(money: MoneyView | null | undefined): string | null {
  if (!money || Number(money.amount) === 0) return null;
  const negative = money.amount.startsWith('-');
  const text = formatMoneyText({ ...money, amount: negative ? money.amount.slice(1) : money.amount });
  return `${negative ? '−' : '+'} ${text}`;
}

/**
 * What switching to an option does to the ship date, short: "+2 weeks", "+3 days", "−1 week" (a
 * typographic minus); null when it changes nothing. Working days: 5 make a week, and from 8 on the change
 * is said in (rounded) weeks.
 */
export function promiseDeltaText(days: number): string | null {
  if (!Number.isFinite(days) || days === 0) return null;
  const sign = days > 0 ? '+' : '\u2212';
  const n = Math.abs(days);
  if (n % 5 === 0 || n >= 8) {
    const weeks = Math.round(n / 5);
    return t('feature.promiseWeeks', { sign, n: weeks }, weeks);
  }
  return t('feature.promiseDays', { sign, n }, n);
}

/**
 * A number with its unit, in the form the number takes: "1 module", "4 modules" (units the messages know,
 * configurator.units, plural chosen by Intl.PluralRules), else as the model writes it: "1600 mm".
 */
export function withUnit(value: string | null | undefined, unit: string | null | undefined): string {
  const text = value ?? '';
  if (!unit) return text;
  const key = `configurator.units.${unit}`;
  if (i18n.global.te(key) || i18n.global.te(key, 'en')) {
    const n = Number(text);
    return i18n.global.t(key, { n: text }, Number.isFinite(n) ? n : 2);
  }
  return `${text} ${unit}`;
}

/** A feature's value in force, for people: option labels, "Yes"/"No", "1600 mm"; "none" when open. */
export function describeValue(feature: FeatureView): string {
  if (feature.kind === FeatureKind.Integer || feature.kind === FeatureKind.Decimal) {
    const value = feature.selected[0];
    if (value === undefined) return t('value.notSet');
    return withUnit(value, feature.unit);
  }
  if (feature.kind === FeatureKind.Boolean)
    return t(feature.selected[0] === 'true' ? 'value.yes' : 'value.no');
  const labels = feature.selected.map(
    (code) => feature.options.find((option) => option.code === code)?.label ?? code,
  );
  return labels.length === 0 ? t('value.none') : labels.join(', ');
}

/**
 * A count of configurations (a decimal integer string, possibly far beyond Number's precision) with
 * the locale's thousands separators: "12480" -> "12,480" / "12.480". Null for anything not a whole number.
 */
export function formatCount(count: string | null | undefined): string | null {
  if (count == null || !/^\d+$/.test(count)) return null;
  return formatNumber(count.replace(/^0+(?=\d)/, ''));
}

/**
 * "12,480 possible builds", "1 possible build" (kind 'possible'), or "480 builds" (kind 'option'), the
 * plural chosen by Intl.PluralRules; null when the count is unknown.
 */
export function buildsText(
  count: string | null | undefined,
  kind: 'possible' | 'option' = 'possible',
): string | null {
  const text = formatCount(count);
  if (text === null || count == null) return null;
  return t(kind === 'possible' ? 'price.builds' : 'price.optionBuilds', { count: text }, Number(count));
}

/**
 * A selection as the server answers it (resolveConflict, autocomplete, a saved configuration's choices)
 * as a choice to send back; a value filled in for the person (source DEFAULT) stays marked so.
 */
export function choicesOf(
  selections: readonly {
    feature: string;
    value?: string | null;
    values?: readonly string[] | null;
    source?: ChoiceSource | null;
    filledIn?: boolean;
  }[],
): Choice[] {
  return selections.map((s) => {
    const mark = s.filledIn || s.source === ChoiceSource.Default ? { filledIn: true } : {};
    return s.values != null
      ? { feature: s.feature, values: [...s.values], ...mark }
      : { feature: s.feature, value: s.value ?? null, ...mark };
  });
}

/** What `configure` (and the questions about a configuration) take: the choices as selections. */
export function configurationInput(
  productCode: string,
  choices: readonly Choice[],
  quantity: number,
  /** The currency a visitor picked; null: the server's default (or the customer account's). */
  currency: string | null = null,
): ConfigurationInput {
  return {
    ...(currency ? { currency } : {}),
    productCode,
    selections: choices.map((c) => {
      const source = c.filledIn ? { source: ChoiceSource.Default } : {};
      return c.values != null
        ? { feature: c.feature, values: [...c.values], ...source }
        : { feature: c.feature, value: c.value ?? null, ...source };
    }),
    quantity,
  };
}

/**
 * The server's answer (a completion's or a switch's selections) as the choices to keep: a value that
 * stays as it was keeps its source; a new or changed one is filled in for the person after a
 * completion, and theirs after a switch they confirmed (they saw each change in the dialog).
 */
export function nextChoices(
  previous: readonly Choice[],
  selections: Parameters<typeof choicesOf>[0],
  fill: 'completion' | 'switch',
): Choice[] {
  return choicesOf(selections).map((next) => {
    const before = previous.find((c) => c.feature === next.feature);
    const same =
      before !== undefined && sameChoices([{ ...before, filledIn: false }], [{ ...next, filledIn: false }]);
    const filledIn = same ? before.filledIn === true : fill === 'completion';
    const plain: Choice =
      next.values != null
        ? { feature: next.feature, values: next.values }
        : { feature: next.feature, value: next.value ?? null };
    return filledIn ? { ...plain, filledIn: true } : plain;
  });
}

export interface Blocker {
  feature: string;
  label: string;
  value: string;
  /** The person picked it, or a default was filled in for them. */
  source: ChoiceSource;
}

/** The earlier choices that block an option, with their labels, values in words and where they came from. */
export function blockersOf(option: OptionView, features: readonly FeatureView[]): Blocker[] {
  return option.blockedBy.map((code) => {
    const feature = features.find((f) => f.code === code);
    const source = option.blockingChoices?.find((b) => b.feature === code)?.source ?? ChoiceSource.Chosen;
    return feature
      ? { feature: code, label: feature.label, value: describeValue(feature), source }
      : { feature: code, label: code, value: '', source };
  });
}

/**
 * Why an option cannot be taken, in words: the rules' messages, then the choices that block it, the
 * person's own told apart from the defaults filled in for them: "Tops wider than 1800 mm need the
 * 4-leg frame. Because of your choice of Width: 2100 mm." / "Because the default Frame size is M."
 */
export function exclusionText(option: OptionView, features: readonly FeatureView[]): string {
  const messages = [...new Set(option.reasons.map((reason) => reason.message))];
  const blockers = blockersOf(option, features);
  const parts = messages.map((m) => (/[.!?]$/.test(m) ? m : `${m}.`));
  const chosen = blockers.filter((b) => b.source !== ChoiceSource.Default);
  const defaults = blockers.filter((b) => b.source === ChoiceSource.Default);
  if (chosen.length > 0) {
    const named = chosen.map((b) => (b.value ? `${b.label}: ${b.value}` : b.label)).join('; ');
    parts.push(t(chosen.length > 1 ? 'because.choices' : 'because.choice', { named }));
  }
  for (const b of defaults)
    parts.push(t('because.standard', { label: b.label, value: b.value || t('value.set') }));
  return parts.length > 0 ? parts.join(' ') : t('feature.notPossibleWhy');
}

/**
 * "Complete — ready to order", or what stands in the way, the most pressing first: a value typed that was
 * refused (fieldErrors: the labels of those fields), then what is still to choose, then rules broken.
 */
export function completenessText(
  complete: boolean,
  valid: boolean,
  undecidedLabels: readonly string[],
  fieldErrors: readonly string[] = [],
): string {
  if (fieldErrors.length > 0) return t('completeness.fix', { labels: fieldErrors.join(', ') });
  if (!complete) {
    return undecidedLabels.length > 0
      ? t('completeness.choose', { labels: undecidedLabels.join(', ') })
      : t('completeness.open');
  }
  return valid ? t('completeness.ready') : t('completeness.misfit');
}

// ----- numbers -----

/** Decimal text to an exact integer of units of 10^-scale (no floating-point drift in step checks). */
function scaled(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole, fraction = ''] = body.split('.');
  const digits = `${whole}${fraction.padEnd(scale, '0').slice(0, scale)}`;
  const value = BigInt(digits === '' ? '0' : digits);
  return negative ? -value : value;
}

function decimals(text: string | null | undefined): number {
  if (!text?.includes('.')) return 0;
  return text.length - text.indexOf('.') - 1;
}

/** Normalises what a person typed ("1 600", "1600,5", "+12") to decimal text, or null if it is not a number. */
export function normaliseNumber(input: string): string | null {
  const text = input.trim().replace(/[\s_]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  let out = text.replace(/^\+/, '');
  if (out.startsWith('.')) out = `0${out}`;
  if (out.startsWith('-.')) out = `-0${out.slice(1)}`;
  if (out.endsWith('.')) out = out.slice(0, -1);
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  out = out.replace(/^(-?)0+(\d)/, '$1$2');
  return out === '-0' ? '0' : out;
}

export interface NumberBounds {
  kind: string;
  unit?: string | null;
  rangeMin?: string | null;
  rangeMax?: string | null;
  step?: string | null;
}

export type NumberCheck = { ok: true; value: string } | { ok: false; message: string };

/** Checks a typed number the way the server does: a number, whole if integer, inside the range, on a step. */
export function checkNumber(input: string, bounds: NumberBounds): NumberCheck {
  const unit = bounds.unit ? ` ${bounds.unit}` : '';
  const value = normaliseNumber(input);
  if (value === null) {
    return {
      ok: false,
      message:
        input.trim() === '' ? t('numeric.enterNumber') : t('numeric.notNumber', { input: input.trim() }),
    };
  }
  if (bounds.kind === FeatureKind.Integer && value.includes('.')) {
    return { ok: false, message: t(unit ? 'numeric.wholeOf' : 'numeric.whole', { unit, value }) };
  }
  const scale = Math.max(
    decimals(value),
    decimals(bounds.rangeMin),
    decimals(bounds.rangeMax),
    decimals(bounds.step),
  );
  const v = scaled(value, scale);
  const min = bounds.rangeMin != null ? scaled(bounds.rangeMin, scale) : null;
  const max = bounds.rangeMax != null ? scaled(bounds.rangeMax, scale) : null;
  const named = {
    value: withUnit(value, bounds.unit),
    min: withUnit(bounds.rangeMin, bounds.unit),
    max: withUnit(bounds.rangeMax, bounds.unit),
  };
  if (min !== null && v < min) {
    return { ok: false, message: t(max !== null ? 'numeric.tooSmall' : 'numeric.below', named) };
  }
  if (max !== null && v > max) {
    return { ok: false, message: t(min !== null ? 'numeric.tooLarge' : 'numeric.above', named) };
  }
  if (bounds.step != null && Number(bounds.step) > 0) {
    const step = scaled(bounds.step, scale);
    const origin = min ?? 0n;
    const offset = (((v - origin) % step) + step) % step;
    if (offset !== 0n) {
      const below = v - offset;
      const above = below + step;
      const show = (n: bigint) => fromScaled(n, scale);
      return {
        ok: false,
        message: t('numeric.between', {
          value: withUnit(value, bounds.unit),
          step: withUnit(bounds.step, bounds.unit),
          below: withUnit(show(below), bounds.unit),
          above: withUnit(show(above), bounds.unit),
        }),
      };
    }
  }
  return { ok: true, value };
}

function fromScaled(n: bigint, scale: number): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : digits.slice(-scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The value one step up or down from `value`, kept inside the range (ArrowUp/ArrowDown in the input). */
export function stepNumber(value: string, direction: 1 | -1, bounds: NumberBounds): string | null {
  const normal = normaliseNumber(value);
  if (normal === null) return bounds.rangeMin ?? null;
  const step = bounds.step ?? (bounds.kind === FeatureKind.Integer ? '1' : null);
  if (!step) return null;
  const scale = Math.max(
    decimals(normal),
    decimals(bounds.rangeMin),
    decimals(bounds.rangeMax),
    decimals(step),
  );
  let next = scaled(normal, scale) + BigInt(direction) * scaled(step, scale);
  if (bounds.rangeMin != null && next < scaled(bounds.rangeMin, scale)) next = scaled(bounds.rangeMin, scale);
  if (bounds.rangeMax != null && next > scaled(bounds.rangeMax, scale)) next = scaled(bounds.rangeMax, scale);
  return fromScaled(next, scale);
}

// ----- choices -----

/** The choices with this one in place of any earlier choice of the same feature (order kept). */
export function withChoice(choices: readonly Choice[], choice: Choice): Choice[] {
  const index = choices.findIndex((c) => c.feature === choice.feature);
  if (index === -1) return [...choices, choice];
  const next = [...choices];
  next[index] = choice;
  return next;
}

/**
 * The choice that ticks or unticks one option of a multiple choice, from the values in force (or from the
 * user's own choice, which may be newer than the answer on screen).
 */
export function toggledChoice(
  feature: FeatureView,
  option: string,
  on: boolean,
  base: readonly string[] = feature.selected,
): Choice {
  const current = base.filter((code) => code !== option);
  const values = on ? [...current, option] : current;
  const order = feature.options.map((o) => o.code);
  values.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { feature: feature.code, values };
}

/** The values in force, for the preview: one value, a list (multiple choice), or null. */
export function valuesInForce(features: readonly FeatureView[]): Record<string, string | string[] | null> {
  const values: Record<string, string | string[] | null> = {};
  for (const feature of features) {
    values[feature.code] =
      feature.kind === FeatureKind.Multiple ? [...feature.selected] : (feature.selected[0] ?? null);
  }
  return values;
}

export function sameChoices(a: readonly Choice[], b: readonly Choice[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((choice, i) => {
    const other = b[i];
    return (
      other !== undefined &&
      choice.feature === other.feature &&
      (choice.value ?? null) === (other.value ?? null) &&
      (choice.values ?? null)?.join(',') === (other.values ?? null)?.join(',') &&
      (choice.filledIn ?? false) === (other.filledIn ?? false)
    );
  });
}
