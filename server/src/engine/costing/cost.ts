import { type ExplosionProblem, explode } from '../bom/explode.js';
import { Decimal } from '../common/decimal.js';
import { toMinorUnits } from '../common/money.js';
import type { Selection } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';

/**
 * What a configuration costs to make: the tailored BOM's material at each part's standard cost plus the
 * routing's minutes at each work centre's rate per hour, from the explosion `explode` does for the order.
 *
 * Every figure is exact (the engine's Decimal, major units of the model's currency) until the end:
 * only the subtotals, the unit cost and the total are rounded, each once from its exact value, half-up
 * to whole minor units. Rounded on their own, the two subtotals may differ from the total by one minor
 * unit; the exact values always add up.
 *
 * The quantities are the order's, as explode gives them (rounded up to each part's scale for the whole
 * order, setup minutes once per order): the unit cost is the order's cost divided by its units, so it
 * carries its share of the setup and of the rounding, as the order really does.
 *
 * A part or work centre without a cost is not counted as 0: it is listed in `missing`, its line has no
 * amount, and `complete` is false. The subtotals then cover only what has a cost.
 */

/** One part of the order's material: a line of the tailored BOM that is bought or made without lines of its own. */
export interface MaterialCostLine {
  partNumber: string;
  description: string;
  unit: string;
  /** For the whole order, as explode gives it. */
  quantity: Decimal;
  /** Per unit of product: the order quantity divided by the order's units, exact. */
  quantityPerUnit: Decimal;
  /** Standard cost per unit of measure, major units; null when the part has none. */
  unitCost: Decimal | null;
  /** quantity x unitCost for the order, exact major units; null when the part has no standard cost. */
  amount: Decimal | null;
}

/** The routing's work at one work centre, for the whole order. */
export interface LabourCostLine {
  workCentre: string;
  name: string;
  /** Setup and run minutes of its operations for the order, exact. */
  minutes: Decimal;
  /** Cost of an hour, major units; null when the work centre has no rate. */
  ratePerHour: Decimal | null;
  /** minutes x rate / 60, exact major units; null without a rate. */
  amount: Decimal | null;
}

/** Something costing needs and the model does not give. */
export interface MissingCost {
  kind: 'part' | 'workCentre';
  /** The part number or the work centre's code. */
  code: string;
  name: string;
  /** Where to add it in the model ("parts (DSK-SCR-M6-16).standardCost"). */
  field: string;
}

export interface ConfigurationCost {
  currency: string;
  currencyDigits: number;
  quantity: number;
  material: MaterialCostLine[];
  labour: LabourCostLine[];
  /** Exact sums for the order, major units. */
  materialCost: Decimal;
  labourCost: Decimal;
  totalCost: Decimal;
  /** totalCost / quantity, exact (to the engine's 40 digits). */
  unitCost: Decimal;
  /** The same, each rounded once half-up to whole minor units. */
  materialCostMinor: number;
  labourCostMinor: number;
  totalCostMinor: number;
  unitCostMinor: number;
  /** Parts and work centres the order uses that have no cost; empty when the cost is complete. */
  missing: MissingCost[];
  complete: boolean;
}

export type CostProblem = ExplosionProblem;

export type CostResult = ({ ok: true } & ConfigurationCost) | { ok: false; problems: CostProblem[] };

const ZERO = new Decimal(0);
const MINUTES_PER_HOUR = new Decimal(60);

/** The cost of `quantity` units of a valid, complete configuration. Bad input comes back as problems naming the field. */
export function costOf(model: ProductModel, selection: Selection, quantity: number): CostResult {
  const explosion = explode(model, selection, quantity);
  if (!explosion.ok) return explosion;
  const units = new Decimal(quantity);
  const missing: MissingCost[] = [];

  // A sub-assembly's line is not material: its own lines, which follow it, are (as in explode's material cost).
  const byPart = new Map<string, MaterialCostLine>();
  for (const line of explosion.bom) {
    if (line.subAssembly) continue;
    const merged = byPart.get(line.partNumber);
    // The same part may sit under several parents (screws in the frame and in the top): one cost line.
    if (merged) {
      merged.quantity = merged.quantity.plus(line.quantity);
      continue;
    }
    byPart.set(line.partNumber, {
      partNumber: line.partNumber,
      description: line.description,
      unit: line.unit,
      quantity: line.quantity,
      quantityPerUnit: ZERO,
      unitCost: model.parts.get(line.partNumber)?.standardCost ?? null,
      amount: null,
    });
  }
  const material = [...byPart.values()];
  let materialCost = ZERO;
  for (const line of material) {
    line.quantityPerUnit = line.quantity.dividedBy(units);
    if (line.unitCost === null) {
      missing.push({
        kind: 'part',
        code: line.partNumber,
        name: line.description,
        field: `parts (${line.partNumber}).standardCost`,
      });
      continue;
    }
    line.amount = line.quantity.times(line.unitCost);
    materialCost = materialCost.plus(line.amount);
  }

  const byCentre = new Map<string, LabourCostLine>();
  for (const operation of explosion.operations) {
    const merged = byCentre.get(operation.workCentre);
    if (merged) {
      merged.minutes = merged.minutes.plus(operation.minutes);
      continue;
    }
    const centre = model.fulfilment.workCentreByCode.get(operation.workCentre);
    byCentre.set(operation.workCentre, {
      workCentre: operation.workCentre,
      name: centre?.name ?? operation.workCentre,
      minutes: operation.minutes,
      ratePerHour: centre?.ratePerHour ?? null,
      amount: null,
    });
  }
  const labour = [...byCentre.values()];
  let labourCost = ZERO;
  for (const line of labour) {
    if (line.ratePerHour === null) {
      missing.push({
        kind: 'workCentre',
        code: line.workCentre,
        name: line.name,
        field: `fulfilment.workCentres (${line.workCentre}).ratePerHour`,
      });
      continue;
    }
    line.amount = line.minutes.times(line.ratePerHour).dividedBy(MINUTES_PER_HOUR);
    labourCost = labourCost.plus(line.amount);
  }

  const totalCost = materialCost.plus(labourCost);
  const unitCost = totalCost.dividedBy(units);
  const digits = model.currencyDigits;
  const minor = (amount: Decimal): number | undefined => {
    try {
      return toMinorUnits(amount, digits, 'half-up');
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return undefined;
    }
  };
  const [materialMinor, labourMinor, totalMinor, unitMinor] = [
    materialCost,
    labourCost,
    totalCost,
    unitCost,
  ].map(minor);
  if (
    materialMinor === undefined ||
    labourMinor === undefined ||
    totalMinor === undefined ||
    unitMinor === undefined
  ) {
    return {
      ok: false,
      problems: [{ field: 'quantity', message: `the cost of ${quantity} units is too large to count` }],
    };
  }
  return {
    ok: true,
    currency: model.currency,
    currencyDigits: digits,
    quantity,
    material,
    labour,
    materialCost,
    labourCost,
    totalCost,
    unitCost,
    materialCostMinor: materialMinor,
    labourCostMinor: labourMinor,
    totalCostMinor: totalMinor,
    unitCostMinor: unitMinor,
    missing,
    complete: missing.length === 0,
  };
}

/** A price against a cost, both integer minor units of one currency. */
export interface Margin {
  /** price - cost, minor units (negative when sold below cost). */
  marginMinor: number;
  /** margin / price x 100, rounded half-up (away from 0 at the half) to 2 places; null when the price is 0 (no share of nothing). */
  marginPercent: Decimal | null;
  /** The percentage as text with its 2 places ("23.40"), or null. */
  marginPercentText: string | null;
}

export type MarginResult = ({ ok: true } & Margin) | { ok: false; problems: CostProblem[] };

/** The margin of a price over a cost. A price or cost that is not a whole number of minor units, 0 or more, is named. */
export function margin(priceMinor: number, costMinor: number): MarginResult {
  const problems: CostProblem[] = [];
  for (const [field, value] of [
    ['priceMinor', priceMinor],
    ['costMinor', costMinor],
  ] as const) {
    if (!Number.isSafeInteger(value))
      problems.push({ field, message: `${value} is not a whole number of minor units` });
    else if (value < 0) problems.push({ field, message: `${value} is negative; it must be 0 or more` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const marginMinor = priceMinor - costMinor;
  if (priceMinor === 0) return { ok: true, marginMinor, marginPercent: null, marginPercentText: null };
  const percent = new Decimal(marginMinor)
    .times(100)
    .dividedBy(priceMinor)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { ok: true, marginMinor, marginPercent: percent, marginPercentText: percent.toFixed(2) };
}
