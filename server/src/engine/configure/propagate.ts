import { type Decimal, decimalText } from '../common/decimal.js';
import type { FeatureKind, Selection, SelectionValue } from '../model/model.types.js';
import type { Assignment, Feature, FeatureValue, ProductModel } from '../model/product-model.js';
import { sameValue, writeFeatureValue } from '../model/values.js';
import { type CompiledModel, compileModel } from '../solver/compile.js';
import { Propagator } from '../solver/propagator.js';
import { readSelection, type SelectionProblem } from './selection.js';

export type OptionStateKind = 'selected' | 'available' | 'excluded';

/** One rule behind an exclusion, in words a person understands. */
export interface Reason {
  ruleId: string;
  message: string;
  /** The features the rule reads. */
  features: string[];
}

export interface OptionState {
  code: string;
  label: string;
  state: OptionStateKind;
  /** Not chosen, but every valid completion contains it: the rules imply it. */
  implied: boolean;
  /** For an excluded option: the rules responsible, the one that removed it first. */
  reasons: Reason[];
  /** For an excluded option: the earlier choices responsible (feature codes, configurator order). */
  blockedBy: string[];
}

export interface FeatureState {
  code: string;
  label: string;
  kind: FeatureKind;
  group: string | null;
  /** Whether someone chose this feature (defaults are not choices). */
  decided: boolean;
  /** The value chosen, written as in a selection. */
  value: SelectionValue | null;
  /** Choice and boolean features: every option with its state. Booleans show 'true' and 'false'. */
  options: OptionState[];
  /** Numeric features: the interval still allowed given the other choices. */
  allowed: { min: string; max: string; step: string | null; unit: string | null } | null;
}

export interface Propagation {
  /** False when the choices together break the rules: no valid configuration keeps them all. */
  consistent: boolean;
  /** When inconsistent: the rules and choices in conflict. */
  conflict: { reasons: Reason[]; features: string[] } | null;
  features: FeatureState[];
  /** Choices that could not be used (unknown feature, value outside the domain); left out. */
  problems: SelectionProblem[];
}

interface Cause {
  constraint: number;
  features: Set<string>;
  constraints: Set<number>;
}

/** One propagation run with the bookkeeping that explains each removal. */
class ExplainedRun {
  readonly propagator: Propagator;
  readonly removals = new Map<number, Cause>();
  private readonly chosen: Uint8Array;
  private readonly variableFeatures: Set<string>[];
  private readonly variableConstraints: Set<number>[];
  readonly consistent: boolean;

  constructor(
    private readonly compiled: CompiledModel,
    assignment: Assignment,
  ) {
    const { variables, constraints, offsets } = compiled;
    this.propagator = new Propagator(compiled);
    this.chosen = new Uint8Array(variables.length);
    this.variableFeatures = variables.map(() => new Set());
    this.variableConstraints = variables.map(() => new Set());
    let ok = applyChoices(compiled, this.propagator, assignment, this.chosen);
    this.propagator.listener = (variable, value, c) => {
      const features = new Set<string>();
      const causes = new Set<number>([c]);
      for (const other of constraints[c]!.variables) {
        if (other === variable) continue;
        if (this.chosen[other] === 1) features.add(variables[other]!.feature.code);
        else {
          for (const f of this.variableFeatures[other]!) features.add(f);
          for (const r of this.variableConstraints[other]!) causes.add(r);
        }
      }
      this.removals.set(offsets[variable]! + value, { constraint: c, features, constraints: causes });
      for (const f of features) this.variableFeatures[variable]!.add(f);
      for (const r of causes) this.variableConstraints[variable]!.add(r);
    };
    ok = ok && this.propagator.propagateAll();
    this.consistent = ok;
  }

  /** The conflict behind a failed run: the emptied variable's causes and the failing constraint's. */
  conflict(): Cause {
    const { failedVariable, failedConstraint } = this.propagator;
    const features = new Set<string>();
    const causes = new Set<number>();
    if (failedConstraint >= 0) {
      causes.add(failedConstraint);
      for (const variable of this.compiled.constraints[failedConstraint]!.variables) {
        if (this.chosen[variable] === 1) features.add(this.compiled.variables[variable]!.feature.code);
        for (const f of this.variableFeatures[variable]!) features.add(f);
        for (const r of this.variableConstraints[variable]!) causes.add(r);
      }
    }
    if (failedVariable >= 0) {
      for (const f of this.variableFeatures[failedVariable]!) features.add(f);
      for (const r of this.variableConstraints[failedVariable]!) causes.add(r);
    }
    return { constraint: failedConstraint, features, constraints: causes };
  }
}

/**
 * Restricts the propagator to the choices made. Returns false when a choice has no value left in its
 * domain (cannot happen for values read by readSelection).
 */
export function applyChoices(
  compiled: CompiledModel,
  propagator: Propagator,
  assignment: Assignment,
  chosen?: Uint8Array,
): boolean {
  let ok = true;
  for (const [code, value] of assignment) {
    for (const variable of compiled.variablesOfFeature.get(code) ?? []) {
      const { option, values } = compiled.variables[variable]!;
      const wanted: FeatureValue = option === null ? value : (value as ReadonlySet<string>).has(option);
      ok = propagator.restrict(variable, (i) => sameValue(values[i]!, wanted)) && ok;
      if (chosen) chosen[variable] = 1;
    }
  }
  return ok;
}

/**
 * After the choices made: for every feature, every option's state (selected, available, excluded with
 * the rules and earlier choices responsible), and for numbers the interval still allowed. Alternatives
 * to a choice already made are judged against the other choices, so that a person sees what they could
 * switch to. Sound: an option that some valid complete configuration contains is never excluded.
 */
export function propagate(model: ProductModel, selection: Selection): Propagation {
  const compiled = compileModel(model);
  const { assignment, problems } = readSelection(model, selection);
  const base = new ExplainedRun(compiled, assignment);
  const features = model.features.map((feature) => {
    if (!assignment.has(feature.code)) return featureState(compiled, feature, base, undefined);
    const others = new Map(assignment);
    others.delete(feature.code);
    return featureState(compiled, feature, new ExplainedRun(compiled, others), assignment.get(feature.code));
  });
  let conflict: Propagation['conflict'] = null;
  if (!base.consistent) {
    const cause = base.conflict();
    conflict = { reasons: reasonsOf(compiled, cause), features: ordered(model, cause.features) };
  }
  return { consistent: base.consistent, conflict, features, problems };
}

function featureState(
  compiled: CompiledModel,
  feature: Feature,
  run: ExplainedRun,
  chosen: FeatureValue | undefined,
): FeatureState {
  const variables = compiled.variablesOfFeature.get(feature.code)!;
  const state: FeatureState = {
    code: feature.code,
    label: feature.label,
    kind: feature.kind,
    group: feature.group,
    decided: chosen !== undefined,
    value: chosen === undefined ? null : writeFeatureValue(chosen),
    options: [],
    allowed: null,
  };
  const option = (
    code: string,
    label: string,
    variable: number,
    valueIndex: number,
    selected: boolean,
  ): OptionState => {
    const { propagator } = run;
    const possible = propagator.has(variable, valueIndex);
    const cause = possible ? undefined : run.removals.get(compiled.offsets[variable]! + valueIndex);
    return {
      code,
      label,
      state: selected ? 'selected' : possible ? 'available' : 'excluded',
      implied: !selected && chosen === undefined && possible && propagator.sizes[variable] === 1,
      reasons: cause ? reasonsOf(compiled, cause) : [],
      blockedBy: cause ? ordered(compiled.model, cause.features) : [],
    };
  };
  const variable = variables[0]!;
  const values = compiled.variables[variable]!.values;
  switch (feature.kind) {
    case 'single':
      state.options = feature.options.map((o) =>
        option(o.code, o.label, variable, values.indexOf(o.code), chosen === o.code),
      );
      break;
    case 'boolean':
      state.options = [
        option('true', 'Yes', variable, 1, chosen === true),
        option('false', 'No', variable, 0, chosen === false),
      ];
      break;
    case 'multiple':
      state.options = feature.options.map((o, i) => {
        const selected = chosen !== undefined && (chosen as ReadonlySet<string>).has(o.code);
        const result = option(o.code, o.label, variables[i]!, 1, selected);
        // For a tick box, "implied" means the rules leave only "ticked".
        result.implied =
          !selected && chosen === undefined && run.propagator.values(variables[i]!).join() === '1';
        return result;
      });
      break;
    default: {
      const possible = run.propagator.values(variable);
      const low = values[possible[0] ?? 0] as Decimal;
      const high = values[possible[possible.length - 1] ?? 0] as Decimal;
      state.allowed = {
        min: decimalText(low),
        max: decimalText(high),
        step: feature.step ? decimalText(feature.step) : null,
        unit: feature.unit,
      };
    }
  }
  return state;
}

function reasonsOf(compiled: CompiledModel, cause: Cause): Reason[] {
  const order = [
    cause.constraint,
    ...[...cause.constraints].filter((c) => c !== cause.constraint).sort((a, b) => a - b),
  ];
  return order
    .filter((c) => c >= 0)
    .map((c) => {
      const constraint = compiled.constraints[c]!;
      if (constraint.rule)
        return {
          ruleId: constraint.rule.id,
          message: constraint.rule.message,
          features: [...constraint.rule.features],
        };
      const feature = constraint.feature!;
      return {
        ruleId: `${feature.code}.count`,
        message: `Choose between ${feature.minSelected} and ${feature.maxSelected} for ${feature.label}`,
        features: [feature.code],
      };
    });
}

function ordered(model: ProductModel, features: Set<string>): string[] {
  return model.features.filter((f) => features.has(f.code)).map((f) => f.code);
}
