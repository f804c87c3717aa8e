import { currencyMinorUnits } from '../common/currency.js';
import { Decimal, decimalText, parseDecimal } from '../common/decimal.js';
import { toMinorUnits } from '../common/money.js';
import { yamlData } from '../common/yaml-text.js';
import {
  type ExpressionNode,
  ExpressionSyntaxError,
  parseExpression,
  referencedFeatures,
} from '../expression/parse.js';
import { type ExpressionType, ExpressionTypeError, typeOf } from '../expression/typecheck.js';
import { productModelSchema } from './model.schema.js';
import type { BomLineSource, FeatureSource, ProductModelSource, RuleSource } from './model.types.js';
import type {
  Assignment,
  BomLine,
  Feature,
  FeatureValue,
  Fulfilment,
  ModelProblem,
  Option,
  Part,
  ProductModel,
  Rule,
} from './product-model.js';
import { readFeatureValue, ruleHolds } from './values.js';

export type LoadResult = { ok: true; model: ProductModel } | { ok: false; problems: ModelProblem[] };

const FEATURE_CODE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Numeric features are enumerated by the solver: a larger domain needs a coarser step. */
export const MAX_NUMERIC_VALUES = 100_000;

/** Units of one product an order line may ask for when its model does not say (`maxQuantityPerLine`). */
export const DEFAULT_MAX_QUANTITY_PER_LINE = 100;

/** Reads model text (YAML, or JSON, which is YAML too) and loads it. Syntax errors name line and column. */
export function loadProductModelText(text: string): LoadResult {
  const read = yamlData(text);
  if (!read.ok)
    return { ok: false, problems: read.problems.map((p) => ({ path: p.place, message: p.message })) };
  return loadProductModel(read.data);
}

/**
 * Validates a model and resolves it into the engine's form. Every problem is reported at once,
 * each with the place it is at, so that one review round fixes them all.
 */
export function loadProductModel(input: unknown): LoadResult {
  const parsed = productModelSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: describePath(input, issue.path as (string | number)[]),
        message:
          issue.code === 'unrecognized_keys'
            ? `unknown key(s) ${(issue as { keys: string[] }).keys.map((k) => `'${k}'`).join(', ')}`
            : issue.message,
      })),
    };
  }
  return new ModelLoader(parsed.data as ProductModelSource).load();
}

/** "features[2] (frame_size).options[0]" from a path of keys, naming array items by their code or id. */
function describePath(root: unknown, path: (string | number)[]): string {
  let text = '';
  let node: unknown = root;
  for (const key of path) {
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const item = node as Record<string, unknown> | undefined;
      const name =
        item && typeof item === 'object' ? (item.code ?? item.id ?? item.partNumber ?? item.part) : undefined;
      text += `[${key}]${typeof name === 'string' ? ` (${name})` : ''}`;
    } else text += text ? `.${key}` : key;
  }
  return text || '(model)';
}

class ModelLoader {
  private readonly problems: ModelProblem[] = [];
  private readonly features = new Map<string, Feature>();
  private currencyDigits = 2;

  constructor(private readonly source: ProductModelSource) {}

  private problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  load(): LoadResult {
    const { source } = this;
    this.currencyDigits = currencyDigits(source.currency);
    const groups = (source.groups ?? []).map((group) => ({
      code: group.code,
      label: group.label,
      description: group.description ?? '',
    }));
    this.unique(
      groups.map((g) => g.code),
      (i) => `groups[${i}]`,
      'group code',
    );
    const groupIndex = new Map(groups.map((group, index) => [group.code, index]));

    source.features.forEach((feature, index) => {
      this.loadFeature(feature, index, groupIndex);
    });
    this.unique(
      source.features.map((f) => f.code),
      (i) => `features[${i}]`,
      'feature code',
    );
    const features = [...this.features.values()].sort(
      (a, b) =>
        (a.group === null ? groups.length : (groupIndex.get(a.group) ?? groups.length)) -
          (b.group === null ? groups.length : (groupIndex.get(b.group) ?? groups.length)) ||
        a.order - b.order,
    );

    const rules = (source.rules ?? [])
      .map((rule, index) => this.loadRule(rule, index))
      .filter((r): r is Rule => !!r);
    this.unique(
      (source.rules ?? []).map((r) => r.id),
      (i) => `rules[${i}]`,
      'rule id',
    );

    const pricing = this.loadPricing();
    const parts = this.loadParts();
    const bom = this.loadBomLines(source.bom ?? [], 'bom', parts);
    const assemblies = new Map<string, BomLine[]>();
    for (const [partNumber, lines] of Object.entries(source.assemblies ?? {})) {
      const part = parts.get(partNumber);
      if (!part) this.problem(`assemblies.${partNumber}`, `'${partNumber}' is not a part of this model`);
      else if (part.kind !== 'made')
        this.problem(`assemblies.${partNumber}`, `'${partNumber}' has a BOM, so its kind must be 'made'`);
      assemblies.set(partNumber, this.loadBomLines(lines, `assemblies.${partNumber}`, parts));
    }
    this.checkAssemblyCycles(source.assemblies ?? {});
    const routing = (source.routing ?? []).map((operation, index) => {
      const path = `routing[${index}] (${operation.code})`;
      return {
        code: operation.code,
        description: operation.description,
        workCentre: operation.workCentre,
        when: this.optionalExpression(operation.when, `${path}.when`, 'boolean'),
        minutes: this.expression(String(operation.minutes), `${path}.minutes`, 'number'),
        setupMinutes: this.optionalExpression(
          operation.setupMinutes === undefined ? undefined : String(operation.setupMinutes),
          `${path}.setupMinutes`,
          'number',
        ),
      };
    });
    this.unique(
      (source.routing ?? []).map((o) => o.code),
      (i) => `routing[${i}]`,
      'operation code',
    );
    const fulfilment = this.loadFulfilment();

    if (this.problems.length > 0) return { ok: false, problems: this.problems };

    const model: ProductModel = {
      code: source.code,
      name: source.name,
      description: source.description ?? '',
      pitch: source.pitch ?? '',
      currency: source.currency,
      currencyDigits: this.currencyDigits,
      maxQuantityPerLine: source.maxQuantityPerLine ?? DEFAULT_MAX_QUANTITY_PER_LINE,
      groups,
      features,
      featureByCode: this.features,
      rules,
      pricing,
      parts,
      bom,
      assemblies,
      routing,
      fulfilment,
      packagingKg: this.exactWeight(source.shipping?.packagingKg, 'shipping.packagingKg') ?? new Decimal(0),
    };
    this.checkDefaults(model);
    return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, model };
  }

  private unique(codes: string[], path: (index: number) => string, what: string): void {
    const seen = new Map<string, number>();
    codes.forEach((code, index) => {
      const first = seen.get(code);
      if (first !== undefined)
        this.problem(path(index), `duplicate ${what} '${code}' (first at index ${first})`);
      else seen.set(code, index);
    });
  }

  private decimal(text: string | number, path: string): Decimal | undefined {
    const value = parseDecimal(text);
    if (!value) this.problem(path, `'${text}' is not a decimal number`);
    return value;
  }

  private money(text: string | number | undefined, path: string): number {
    if (text === undefined) return 0;
    const value = this.decimal(text, path);
    if (!value) return 0;
    if (value.decimalPlaces() > this.currencyDigits) {
      this.problem(
        path,
        `${text} has more decimals than ${this.source.currency} has (${this.currencyDigits})`,
      );
      return 0;
    }
    try {
      return toMinorUnits(value, this.currencyDigits);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.problem(path, `${text} is too large an amount`);
      return 0;
    }
  }

  private loadFeature(source: FeatureSource, index: number, groupIndex: Map<string, number>): void {
    const path = `features[${index}] (${source.code})`;
    if (!FEATURE_CODE.test(source.code)) {
      this.problem(
        path,
        `feature code '${source.code}' must start with a letter or _ and hold only letters, digits and _`,
      );
    }
    if (source.group !== undefined && !groupIndex.has(source.group)) {
      this.problem(
        `${path}.group`,
        `unknown group '${source.group}' (groups: ${[...groupIndex.keys()].join(', ') || 'none declared'})`,
      );
    }
    const choice = source.kind === 'single' || source.kind === 'multiple';
    const numeric = source.kind === 'integer' || source.kind === 'decimal';
    if (choice && (source.options ?? []).length === 0)
      this.problem(`${path}.options`, `a ${source.kind} choice feature needs options`);
    if (!choice && source.options) this.problem(`${path}.options`, `a ${source.kind} feature has no options`);
    const options: Option[] = (source.options ?? []).map((option, optionIndex) => {
      const optionPath = `${path}.options[${optionIndex}] (${option.code})`;
      const attributes = new Map<string, Decimal>();
      for (const [name, value] of Object.entries(option.attributes ?? {})) {
        if (!FEATURE_CODE.test(name))
          this.problem(
            `${optionPath}.attributes.${name}`,
            'an attribute name holds only letters, digits and _',
          );
        const number = this.decimal(value, `${optionPath}.attributes.${name}`);
        if (number) attributes.set(name, number);
      }
      return {
        code: option.code,
        label: option.label,
        description: option.description ?? '',
        priceMinor: this.money(option.price, `${optionPath}.price`),
        leadTimeDays: option.leadTimeDays ?? 0,
        attributes,
      };
    });
    this.unique(
      options.map((o) => o.code),
      (i) => `${path}.options[${i}]`,
      'option code',
    );

    const min = source.min === undefined ? null : (this.decimal(source.min, `${path}.min`) ?? null);
    const max = source.max === undefined ? null : (this.decimal(source.max, `${path}.max`) ?? null);
    let step = source.step === undefined ? null : (this.decimal(source.step, `${path}.step`) ?? null);
    if (numeric) {
      if (source.kind === 'integer' && step === null) step = new Decimal(1);
      // The solver works on finite domains: a decimal feature says how finely it can be set.
      if (source.kind === 'decimal' && source.step === undefined)
        this.problem(path, 'a decimal feature needs a step (e.g. 0.5)');
      if (min === null || max === null) this.problem(path, 'a numeric feature needs min and max');
      else if (min.greaterThan(max))
        this.problem(path, `min ${decimalText(min)} is above max ${decimalText(max)}`);
      if (step !== null && !step.greaterThan(0)) this.problem(`${path}.step`, 'step must be above 0');
      if (source.kind === 'integer') {
        for (const [name, value] of [
          ['min', min],
          ['max', max],
          ['step', step],
        ] as const) {
          if (value && !value.isInteger())
            this.problem(`${path}.${name}`, `an integer feature needs a whole ${name}`);
        }
      }
      if (
        min &&
        max &&
        step?.greaterThan(0) &&
        max.minus(min).dividedBy(step).greaterThan(MAX_NUMERIC_VALUES)
      ) {
        this.problem(
          `${path}.step`,
          `${decimalText(min)}..${decimalText(max)} in steps of ${decimalText(step)} has more than ${MAX_NUMERIC_VALUES} values; use a coarser step`,
        );
      }
    } else {
      for (const key of ['min', 'max', 'step', 'unit'] as const) {
        if (source[key] !== undefined)
          this.problem(`${path}.${key}`, `'${key}' is only for integer and decimal features`);
      }
    }
    if (
      source.kind !== 'multiple' &&
      (source.minSelected !== undefined || source.maxSelected !== undefined)
    ) {
      this.problem(path, 'minSelected and maxSelected are only for multiple choice features');
    }
    if (source.required !== undefined && source.kind !== 'single') {
      this.problem(
        `${path}.required`,
        'required is only for single choice features (the others always have a value)',
      );
    }
    const feature: Feature = {
      code: source.code,
      label: source.label,
      kind: source.kind,
      group: source.group ?? null,
      order: source.order ?? index,
      description: source.description ?? '',
      required: source.kind === 'single' ? (source.required ?? true) : true,
      default: undefined,
      options,
      optionByCode: new Map(options.map((o) => [o.code, o])),
      unit: source.unit ?? null,
      min,
      max,
      step,
      minSelected: source.minSelected ?? 0,
      maxSelected: source.maxSelected ?? options.length,
    };
    if (feature.minSelected > feature.maxSelected)
      this.problem(path, `minSelected ${feature.minSelected} is above maxSelected ${feature.maxSelected}`);
    if (source.default !== undefined) {
      const reading = readFeatureValue(feature, source.default);
      if (reading.ok) feature.default = reading.value;
      else this.problem(`${path}.default`, reading.problem);
    } else if (source.kind === 'boolean') feature.default = false;
    else if (source.kind === 'multiple') feature.default = new Set();
    if (!this.features.has(source.code)) this.features.set(source.code, feature);
  }

  private expression(text: string, path: string, wanted: 'boolean' | 'number'): ExpressionNode {
    let node: ExpressionNode;
    try {
      node = parseExpression(text);
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      this.problem(path, `${error.message} in "${text}"`);
      return { type: 'boolean', value: false, column: 1 };
    }
    let type: ExpressionType;
    try {
      type = typeOf(node, (code) => this.features.get(code));
    } catch (error) {
      if (!(error instanceof ExpressionTypeError)) throw error;
      this.problem(path, `${error.message} in "${text}"`);
      return node;
    }
    if (type.kind !== wanted) {
      this.problem(
        path,
        `must be ${wanted === 'boolean' ? 'a condition (true or false)' : 'a number'}, but "${text}" is ${type.kind === 'number' ? 'a number' : type.kind === 'boolean' ? 'a condition' : `a ${type.kind}`}`,
      );
    }
    return node;
  }

  private optionalExpression(
    text: string | undefined,
    path: string,
    wanted: 'boolean' | 'number',
  ): ExpressionNode | undefined {
    return text === undefined ? undefined : this.expression(text, path, wanted);
  }

  private loadRule(source: RuleSource, index: number): Rule | undefined {
    const path = `rules[${index}] (${source.id})`;
    const base = {
      id: source.id,
      kind: source.kind,
      message: source.message,
      severity: source.severity ?? 'error',
    } as const;
    switch (source.kind) {
      case 'requires': {
        const condition = this.expression(source.if, `${path}.if`, 'boolean');
        const then = this.expression(source.then, `${path}.then`, 'boolean');
        const node: ExpressionNode = { type: 'if', test: condition, then, column: 1 };
        return { ...base, condition: node, features: referencedFeatures(node) };
      }
      case 'excludes': {
        const condition = this.expression(source.if, `${path}.if`, 'boolean');
        const excluded = this.expression(source.excludes, `${path}.excludes`, 'boolean');
        const node: ExpressionNode = {
          type: 'not',
          operand: { type: 'binary', operator: 'and', left: condition, right: excluded, column: 1 },
          column: 1,
        };
        return { ...base, condition: node, features: referencedFeatures(node) };
      }
      case 'expression': {
        const node = this.expression(source.expression, `${path}.expression`, 'boolean');
        return { ...base, condition: node, features: referencedFeatures(node) };
      }
      case 'table': {
        const features = source.features.map((code, i) => {
          const feature = this.features.get(code);
          if (!feature) this.problem(`${path}.features[${i}]`, `unknown feature '${code}'`);
          else if (feature.kind === 'multiple')
            this.problem(
              `${path}.features[${i}]`,
              `a table cannot hold the multiple choice feature '${code}'; use an expression rule`,
            );
          return feature;
        });
        this.unique(source.features, (i) => `${path}.features[${i}]`, 'feature');
        const rows = source.rows.map((row, rowIndex) => {
          if (row.length !== source.features.length) {
            this.problem(
              `${path}.rows[${rowIndex}]`,
              `has ${row.length} values but the table has ${source.features.length} features`,
            );
          }
          return source.features.map((_, column) => {
            const cell = row[column];
            const feature = features[column];
            if (cell === '*' || cell === undefined || !feature) return null;
            const reading = readFeatureValue(feature, cell);
            if (!reading.ok) {
              this.problem(`${path}.rows[${rowIndex}][${column}]`, reading.problem);
              return null;
            }
            return reading.value;
          });
        });
        return { ...base, features: [...source.features], rows };
      }
    }
  }

  private loadPricing(): ProductModel['pricing'] {
    const source = this.source.pricing ?? {};
    const formulas = (source.formulas ?? []).map((formula, index) => {
      const path = `pricing.formulas[${index}] (${formula.code})`;
      return {
        code: formula.code,
        label: formula.label,
        when: this.optionalExpression(formula.when, `${path}.when`, 'boolean'),
        amount: this.expression(formula.amount, `${path}.amount`, 'number'),
      };
    });
    this.unique(
      (source.formulas ?? []).map((f) => f.code),
      (i) => `pricing.formulas[${i}]`,
      'price formula code',
    );
    const quantityBreaks = (source.quantityBreaks ?? []).map((tier, index) => {
      const path = `pricing.quantityBreaks[${index}]`;
      const percent = this.decimal(tier.discountPercent, `${path}.discountPercent`) ?? new Decimal(0);
      if (percent.lessThan(0) || percent.greaterThan(100))
        this.problem(`${path}.discountPercent`, 'must be between 0 and 100');
      return {
        minQuantity: tier.minQuantity,
        discountPercent: percent,
        label: tier.label ?? `Quantity discount from ${tier.minQuantity} units (${decimalText(percent)} %)`,
      };
    });
    this.unique(
      quantityBreaks.map((t) => String(t.minQuantity)),
      (i) => `pricing.quantityBreaks[${i}]`,
      'minQuantity',
    );
    quantityBreaks.sort((a, b) => a.minQuantity - b.minQuantity);
    return {
      basePriceMinor: this.money(source.basePrice, 'pricing.basePrice'),
      rounding: source.rounding ?? 'half-up',
      formulas,
      quantityBreaks,
    };
  }

  private loadParts(): Map<string, Part> {
    const parts = new Map<string, Part>();
    (this.source.parts ?? []).forEach((source, index) => {
      const path = `parts[${index}] (${source.partNumber})`;
      const cost = this.money(source.cost, `${path}.cost`);
      if (cost < 0) this.problem(`${path}.cost`, 'a cost cannot be negative');
      const quantityScale = source.quantityScale ?? (source.unit === 'pcs' ? 0 : 3);
      const minimumOrderQuantity = this.minimumOrderQuantity(
        source.minimumOrderQuantity,
        quantityScale,
        path,
      );
      if (parts.has(source.partNumber)) {
        this.problem(path, `duplicate part number '${source.partNumber}'`);
        return;
      }
      const standardCost = this.exactCost(source.standardCost, `${path}.standardCost`);
      const weightKg = this.exactWeight(source.weightKg, `${path}.weightKg`);
      if (weightKg && this.source.assemblies?.[source.partNumber] !== undefined)
        this.problem(
          `${path}.weightKg`,
          `'${source.partNumber}' is a sub-assembly, weighed by its own lines; a weight of its own would count it twice`,
        );
      if (standardCost && this.source.assemblies?.[source.partNumber] !== undefined)
        this.problem(
          `${path}.standardCost`,
          `'${source.partNumber}' is a sub-assembly, costed by its own lines; a standard cost of its own would count it twice`,
        );
      parts.set(source.partNumber, {
        partNumber: source.partNumber,
        description: source.description,
        unit: source.unit,
        kind: source.kind ?? 'purchased',
        costMinor: cost,
        ...(standardCost ? { standardCost } : {}),
        ...(weightKg ? { weightKg } : {}),
        supplier: source.supplier ?? null,
        leadTimeDays: source.leadTimeDays ?? 0,
        quantityScale,
        minimumOrderQuantity,
      });
    });
    return parts;
  }

  /** A standard cost or an hourly rate: an exact decimal, 0 or more, in major units (any number of decimals). */
  private exactCost(text: string | number | undefined, path: string): Decimal | undefined {
    if (text === undefined) return undefined;
    const value = this.decimal(text, path);
    if (!value) return undefined;
    if (value.isNegative()) {
      this.problem(path, `${text} is negative; a cost is 0 or more`);
      return undefined;
    }
    return value;
  }

  private exactWeight(text: string | number | undefined, path: string): Decimal | undefined {
    if (text === undefined) return undefined;
    const value = this.decimal(text, path);
    if (!value) return undefined;
    if (value.isNegative()) {
      this.problem(path, `${text} is negative; a weight is 0 or more`);
      return undefined;
    }
    return value;
  }

  private minimumOrderQuantity(text: string | number | undefined, scale: number, path: string): Decimal {
    if (text === undefined) return new Decimal(0);
    const value = this.decimal(text, `${path}.minimumOrderQuantity`);
    if (!value) return new Decimal(0);
    if (value.isNegative()) {
      this.problem(`${path}.minimumOrderQuantity`, 'must be 0 or more (0 means no minimum)');
      return new Decimal(0);
    }
    if (value.decimalPlaces() > scale) {
      this.problem(
        `${path}.minimumOrderQuantity`,
        `${text} has more decimals than the part's quantityScale (${scale})`,
      );
      return new Decimal(0);
    }
    return value;
  }

  /**
   * The fulfilment block, or the one derived from the routing when there is none: one work centre per
   * routing work centre (named by its code, 8 hours a day), no checklist, 1 day of quality control and
   * 1 day to ship.
   */
  private loadFulfilment(): Fulfilment {
    const source = this.source.fulfilment;
    const routing = this.source.routing ?? [];
    let workCentres: Fulfilment['workCentres'];
    if (source?.workCentres === undefined) {
      const codes = [...new Set(routing.map((operation) => operation.workCentre))];
      workCentres = codes.map((code) => ({ code, name: code, minutesPerDay: 8 * 60 }));
    } else {
      workCentres = source.workCentres.map((centre, index) => {
        const path = `fulfilment.workCentres[${index}] (${centre.code})`;
        const hours = this.decimal(centre.hoursPerDay, `${path}.hoursPerDay`);
        if (hours && (!hours.greaterThan(0) || hours.greaterThan(24)))
          this.problem(`${path}.hoursPerDay`, `${centre.hoursPerDay} must be above 0 and at most 24`);
        const ratePerHour = this.exactCost(centre.ratePerHour, `${path}.ratePerHour`);
        return {
          code: centre.code,
          name: centre.name,
          minutesPerDay: hours ? hours.times(60).toNumber() : 0,
          ...(ratePerHour ? { ratePerHour } : {}),
        };
      });
      this.unique(
        workCentres.map((centre) => centre.code),
        (i) => `fulfilment.workCentres[${i}]`,
        'work centre code',
      );
    }
    const workCentreByCode = new Map(workCentres.map((centre) => [centre.code, centre]));
    if (source !== undefined) {
      routing.forEach((operation, index) => {
        if (workCentreByCode.has(operation.workCentre)) return;
        this.problem(
          `routing[${index}] (${operation.code}).workCentre`,
          `unknown work centre '${operation.workCentre}' (fulfilment.workCentres: ${[...workCentreByCode.keys()].join(', ') || 'none declared'})`,
        );
      });
    }
    const qualityChecks = (source?.qualityChecks ?? []).map((check, index) => ({
      code: check.code,
      label: check.label,
      when: this.optionalExpression(
        check.when,
        `fulfilment.qualityChecks[${index}] (${check.code}).when`,
        'boolean',
      ),
    }));
    this.unique(
      qualityChecks.map((check) => check.code),
      (i) => `fulfilment.qualityChecks[${i}]`,
      'quality check code',
    );
    return {
      workCentres,
      workCentreByCode,
      qualityChecks,
      qualityControlDays: source?.qualityControlDays ?? 1,
      shippingBufferDays: source?.shippingBufferDays ?? 1,
    };
  }

  private loadBomLines(lines: BomLineSource[], path: string, parts: Map<string, Part>): BomLine[] {
    return lines.map((line, index) => {
      const linePath = `${path}[${index}] (${line.part})`;
      if (!parts.has(line.part)) this.problem(`${linePath}.part`, `BOM line for unknown part '${line.part}'`);
      return {
        part: line.part,
        when: this.optionalExpression(line.when, `${linePath}.when`, 'boolean'),
        quantity: this.expression(
          line.quantity === undefined ? '1' : String(line.quantity),
          `${linePath}.quantity`,
          'number',
        ),
      };
    });
  }

  private checkAssemblyCycles(assemblies: Record<string, BomLineSource[]>): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    const visit = (partNumber: string, trail: string[]): void => {
      if (state.get(partNumber) === 'done') return;
      if (state.get(partNumber) === 'visiting') {
        const cycle = [...trail.slice(trail.indexOf(partNumber)), partNumber];
        const key = [...cycle].sort().join();
        if (!reported.has(key)) {
          reported.add(key);
          this.problem(`assemblies.${partNumber}`, `sub-assemblies form a cycle: ${cycle.join(' -> ')}`);
        }
        return;
      }
      state.set(partNumber, 'visiting');
      for (const line of assemblies[partNumber] ?? []) {
        if (assemblies[line.part]) visit(line.part, [...trail, partNumber]);
      }
      state.set(partNumber, 'done');
    };
    for (const partNumber of Object.keys(assemblies)) visit(partNumber, []);
  }

  /** The defaults are the starting point a customer sees: they must not break an error rule. */
  private checkDefaults(model: ProductModel): void {
    const assignment = new Map<string, FeatureValue>();
    for (const feature of model.features)
      if (feature.default !== undefined) assignment.set(feature.code, feature.default);
    for (const feature of model.features) {
      if (feature.kind !== 'multiple') continue;
      const chosen = (feature.default as ReadonlySet<string>).size;
      if (chosen < feature.minSelected || chosen > feature.maxSelected) {
        this.problem(
          `features (${feature.code}).default`,
          `the default chooses ${chosen} option(s), outside ${feature.minSelected}..${feature.maxSelected}`,
        );
      }
    }
    const decided: Assignment = assignment;
    model.rules.forEach((rule, index) => {
      if (rule.severity !== 'error' || !rule.features.every((code) => decided.has(code))) return;
      if (!ruleHolds(model, rule, decided)) {
        this.problem(`rules[${index}] (${rule.id})`, `the defaults break this rule: ${rule.message}`);
      }
    });
  }
}

/**
 * Digits of an ISO 4217 currency's minor unit (the engine's ISO table, common/currency.ts); 2 for a
 * currency the table does not know, as the model format has always read one.
 */
export function currencyDigits(currency: string): number {
  return currencyMinorUnits(currency) ?? 2;
}
