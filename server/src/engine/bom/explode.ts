import { Decimal, decimalText } from '../common/decimal.js';
import { toMinorUnits } from '../common/money.js';
import { check, decidedAssignment } from '../configure/check.js';
import { readSelection } from '../configure/selection.js';
import { type EvaluationContext, EvaluationError, evaluateNumber, holds } from '../expression/evaluate.js';
import type { PartKind, Selection } from '../model/model.types.js';
import type { BomLine, ProductModel } from '../model/product-model.js';
import { orderQuantityProblem } from '../pricing/order-quantity.js';

/**
 * Explodes the super BOM and the routing of a product model for one order: the order BOM (only the
 * lines that apply, quantities computed, merged per part, sub-assemblies exploded beneath their line)
 * and the operations that make it. The result is plain data to be stored with the order as a snapshot.
 *
 * Only a valid, complete configuration is exploded: a BOM is what gets bought and built.
 */

/** One line of an order's tailored BOM. */
export interface OrderBomLine {
  partNumber: string;
  description: string;
  /** Unit of measure: pcs, m, m2, kg... */
  unit: string;
  kind: PartKind;
  /** 1 for lines of the product itself, 2 for the lines of a sub-assembly at level 1, and so on. */
  level: number;
  /** The sub-assembly this line is part of; null at level 1. */
  parentPartNumber: string | null;
  /** Whether this line is a sub-assembly whose own lines follow it, one level deeper. */
  subAssembly: boolean;
  /** For the whole order, exact, rounded up to the part's quantity scale. */
  quantity: Decimal;
  /** The quantity as plain decimal text ("0.768", "16"). */
  quantityText: string;
  /** Cost of one unit, minor units of the model's currency. */
  costMinor: number;
  /** costMinor x quantity, rounded once to minor units by the model's rounding rule. */
  extendedCostMinor: number;
}

/** One operation of the order's routing, for the whole order. */
export interface WorkOperation {
  code: string;
  description: string;
  workCentre: string;
  /** setupMinutes + minutes per unit x order quantity, exact. */
  minutes: Decimal;
  minutesText: string;
}

/** Why an order could not be exploded: `field` names the place (`selection.frame`, `bom.screw`, `routing.weld`...). */
export interface ExplosionProblem {
  field: string;
  message: string;
}

export interface OrderExplosion {
  bom: OrderBomLine[];
  operations: WorkOperation[];
  /**
   * Material cost of the order: the sum of extendedCostMinor over the lines that are not
   * sub-assemblies. A sub-assembly's own cost is not added: its material is in the lines beneath it.
   */
  materialCostMinor: number;
  /** Sum of the operations' minutes. */
  totalMinutes: Decimal;
}

export type ExplosionResult = ({ ok: true } & OrderExplosion) | { ok: false; problems: ExplosionProblem[] };

/** Explodes the BOM and routing of a valid, complete configuration for an order of `quantity` units. */
export function explode(model: ProductModel, selection: Selection, quantity: number): ExplosionResult {
  const problems: ExplosionProblem[] = [];
  const quantityProblem = orderQuantityProblem(quantity);
  if (quantityProblem) problems.push({ field: 'quantity', message: quantityProblem });

  const checked = check(model, selection);
  for (const violation of checked.violations) {
    if (violation.severity !== 'error') continue;
    // A value outside its feature's domain names the feature; a broken rule names the rule.
    const field =
      violation.ruleId === 'selection'
        ? `selection.${violation.features[0] ?? ''}`
        : `rules.${violation.ruleId}`;
    problems.push({ field, message: violation.message });
  }
  for (const code of checked.undecided) {
    // A feature whose value was refused above is not also reported as undecided.
    if (problems.some((problem) => problem.field === `selection.${code}`)) continue;
    const feature = model.featureByCode.get(code);
    problems.push({ field: `selection.${code}`, message: `${feature?.label ?? code} is not chosen yet` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const assignment = decidedAssignment(model, readSelection(model, selection).assignment);
  const context: EvaluationContext = { assignment, feature: (code) => model.featureByCode.get(code) };
  const explosion = new Explosion(model, context);
  const bom = explosion.explodeLines(model.bom, new Decimal(quantity), 1, null, []);
  const operations = explosion.operations(quantity);
  if (explosion.problems.length > 0) return { ok: false, problems: explosion.problems };

  let material = new Decimal(0);
  for (const line of bom) if (!line.subAssembly) material = material.plus(line.extendedCostMinor);
  if (material.abs().greaterThan(Number.MAX_SAFE_INTEGER)) {
    return {
      ok: false,
      problems: [{ field: 'bom', message: 'the material cost of this order is too large to count' }],
    };
  }
  const totalMinutes = operations.reduce((sum, operation) => sum.plus(operation.minutes), new Decimal(0));
  return { ok: true, bom, operations, materialCostMinor: material.toNumber(), totalMinutes };
}

/** Decimals kept of an exact quantity before it is rounded up to its part's scale (at most 9). */
const GUARD_DECIMALS = 20;

/** A BOM line that applies, before it is merged with its siblings for the same part. */
interface Applied {
  part: string;
  /** Exact quantity for the whole order. */
  quantity: Decimal;
}

class Explosion {
  readonly problems: ExplosionProblem[] = [];

  constructor(
    private readonly model: ProductModel,
    private readonly context: EvaluationContext,
  ) {}

  /**
   * The lines of one BOM (the product's, or a sub-assembly's) for `parentQuantity` units of their
   * parent, each followed by its own exploded lines when it is a sub-assembly: depth-first, in model order.
   */
  explodeLines(
    lines: BomLine[],
    parentQuantity: Decimal,
    level: number,
    parent: string | null,
    trail: string[],
  ): OrderBomLine[] {
    // Merge first, round after: the lines for the same part under the same parent become one line at
    // the place of the first, their exact quantities summed, so 0.5 + 0.5 of a pcs part is 1, not 2.
    const merged = new Map<string, Applied>();
    for (const line of lines) {
      const field = parent === null ? `bom.${line.part}` : `assemblies.${parent}.${line.part}`;
      const perParent = this.lineQuantity(line, field);
      if (perParent === undefined) continue;
      if (!perParent.greaterThan(0)) {
        // A zero or negative quantity is a mistake in the model (a formula that goes wrong for this
        // configuration), not something to buy: it is reported, never emitted.
        this.problems.push({
          field,
          message: `the quantity of '${line.part}' comes to ${decimalText(perParent)} per ${parent ?? 'product'} for this configuration; a BOM line needs a quantity above 0 (use its condition to leave it out)`,
        });
        continue;
      }
      const quantity = perParent.times(parentQuantity);
      const first = merged.get(line.part);
      if (first) first.quantity = first.quantity.plus(quantity);
      else merged.set(line.part, { part: line.part, quantity });
    }

    const out: OrderBomLine[] = [];
    for (const { part: partNumber, quantity: exact } of merged.values()) {
      const field = parent === null ? `bom.${partNumber}` : `assemblies.${parent}.${partNumber}`;
      const part = this.model.parts.get(partNumber);
      if (!part) {
        this.problems.push({ field, message: `'${partNumber}' is not a part of ${this.model.code}` });
        continue;
      }
      // Rounded UP to the part's quantity scale: what is bought or picked comes in whole units of the
      // scale (you cannot buy 0.4 of a screw, or cut 0.7683 m2 of board on a 0.001 scale), and rounding
      // down would leave the order short. Rounding happens once, on the merged line for the whole
      // order, so that small per-unit quantities do not each round up.
      //
      // The exact quantity is first brought to GUARD_DECIMALS: a formula with a repeating decimal
      // (5 / 3 per unit, x 3 units) carries an error in the 40th digit (5.000...01), and rounding that
      // up would buy one grain more than needed. Real quantities never differ from a whole grain that far out.
      const quantity = exact
        .toDecimalPlaces(GUARD_DECIMALS, Decimal.ROUND_HALF_UP)
        .toDecimalPlaces(part.quantityScale, Decimal.ROUND_CEIL);
      const extended = this.extendedCost(part.costMinor, quantity, partNumber, field);
      const children = this.model.assemblies.get(partNumber);
      out.push({
        partNumber,
        description: part.description,
        unit: part.unit,
        kind: part.kind,
        level,
        parentPartNumber: parent,
        subAssembly: children !== undefined,
        quantity,
        quantityText: decimalText(quantity),
        costMinor: part.costMinor,
        extendedCostMinor: extended ?? 0,
      });
      if (children === undefined) continue;
      if (trail.includes(partNumber)) {
        // The loader rejects cycles; this only guards a model built some other way.
        this.problems.push({
          field,
          message: `sub-assemblies form a cycle: ${[...trail, partNumber].join(' -> ')}`,
        });
        continue;
      }
      // A sub-assembly's lines follow how many of it are made: its rounded-up quantity.
      out.push(...this.explodeLines(children, quantity, level + 1, partNumber, [...trail, partNumber]));
    }
    return out;
  }

  /** The operations whose condition holds, for an order of `quantity` units, in model order. */
  operations(quantity: number): WorkOperation[] {
    const out: WorkOperation[] = [];
    for (const operation of this.model.routing) {
      const field = `routing.${operation.code}`;
      const applies = this.attempt(() => holds(operation.when, this.context), field, 'condition');
      if (applies !== true) continue;
      const perUnit = this.attempt(() => evaluateNumber(operation.minutes, this.context), field, 'minutes');
      const setup = operation.setupMinutes
        ? this.attempt(() => evaluateNumber(operation.setupMinutes!, this.context), field, 'setup minutes')
        : new Decimal(0);
      if (perUnit === undefined || setup === undefined) continue;
      if (perUnit.isNegative() || setup.isNegative()) {
        this.problems.push({
          field,
          message: `'${operation.description}' comes to ${decimalText(setup)} setup minutes and ${decimalText(perUnit)} minutes per unit for this configuration; minutes cannot be negative`,
        });
        continue;
      }
      const minutes = setup.plus(perUnit.times(quantity));
      out.push({
        code: operation.code,
        description: operation.description,
        workCentre: operation.workCentre,
        minutes,
        minutesText: decimalText(minutes),
      });
    }
    return out;
  }

  private lineQuantity(line: BomLine, field: string): Decimal | undefined {
    const applies = this.attempt(() => holds(line.when, this.context), field, 'condition');
    if (applies !== true) return undefined;
    return this.attempt(() => evaluateNumber(line.quantity, this.context), field, 'quantity');
  }

  /** Runs one evaluation; an expression with no value here (a division by zero) becomes a problem. */
  private attempt<T>(evaluation: () => T, field: string, what: string): T | undefined {
    try {
      return evaluation();
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      this.problems.push({
        field,
        message: `the ${what} has no value for this configuration: ${error.message}`,
      });
      return undefined;
    }
  }

  private extendedCost(
    costMinor: number,
    quantity: Decimal,
    partNumber: string,
    field: string,
  ): number | undefined {
    try {
      // digits 0: the amount is already in minor units; only the rounding rule applies.
      return toMinorUnits(quantity.times(costMinor), 0, this.model.pricing.rounding);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.problems.push({
        field,
        message: `the cost of ${decimalText(quantity)} x '${partNumber}' is too large to count`,
      });
      return undefined;
    }
  }
}
