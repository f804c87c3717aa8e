import type { ModelProblem, ProductModel, Rule } from '../model/product-model.js';
import { compileModel } from '../solver/compile.js';
import { reasonerOf } from '../solver/reasoner.js';
import { rulesOfConflict } from './explain.js';
import { allowedWith, quickXplain } from './guidance.js';

/** An option that no valid configuration can contain, with the rules that rule it out. */
export interface DeadOption {
  feature: string;
  option: string;
  /** Rule ids (a multiple choice's min/max count as `<feature>.count`): with only these rules it is dead already. */
  rules: string[];
}

export interface ModelCheck {
  /** Whether the model has at least one valid complete configuration. */
  consistent: boolean;
  /** When it has none: a minimal set of rules that cannot hold together (leave one out and some configuration is valid). */
  conflictingRules: string[];
  deadOptions: DeadOption[];
  /** Valid complete configurations of the model; null when it is too large to count. */
  totalConfigurations: bigint | null;
}

/**
 * What publishing checks: does any valid configuration exist (if not, which rules conflict), and which
 * options can never be part of one (dead options) and why. Exact: the same reasoner as propagation.
 */
export function checkModel(model: ProductModel): ModelCheck {
  const compiled = compileModel(model);
  const reasoner = reasonerOf(compiled);
  const support = reasoner.support(allowedWith(compiled, []));
  const consistent =
    support.total !== null ? support.total > 0n : reasoner.satisfiable(allowedWith(compiled, []));
  if (!consistent) {
    return {
      consistent,
      conflictingRules: minimalConflictingRules(model),
      deadOptions: [],
      totalConfigurations: support.total,
    };
  }
  const deadOptions: DeadOption[] = [];
  for (const feature of model.features) {
    if (feature.kind !== 'single' && feature.kind !== 'multiple' && feature.kind !== 'boolean') continue;
    const variables = compiled.variablesOfFeature.get(feature.code)!;
    const candidates =
      feature.kind === 'boolean'
        ? [
            { code: 'true', variable: variables[0]!, value: 1 },
            { code: 'false', variable: variables[0]!, value: 0 },
          ]
        : feature.options.map((o, i) => ({
            code: o.code,
            variable: feature.kind === 'multiple' ? variables[i]! : variables[0]!,
            value:
              feature.kind === 'multiple' ? 1 : compiled.variables[variables[0]!]!.values.indexOf(o.code),
          }));
    for (const { code, variable, value } of candidates) {
      const at = compiled.offsets[variable]! + value;
      if (support.possible(at)) continue;
      // The rules that exclude it on their own (a minimal set: without any one of them it is possible).
      const { constraints } = rulesOfConflict(compiled, [{ feature: feature.code, variable, at }]);
      deadOptions.push({
        feature: feature.code,
        option: code,
        rules: constraints.map((c) => {
          const constraint = compiled.constraints[c]!;
          return constraint.rule ? constraint.rule.id : `${constraint.feature!.code}.count`;
        }),
      });
    }
  }
  return { consistent, conflictingRules: [], deadOptions, totalConfigurations: support.total };
}

/** A minimal set of error rules that admit no valid configuration together (QuickXplain over rules). */
function minimalConflictingRules(model: ProductModel): string[] {
  const errors = model.rules.filter((r) => r.severity === 'error');
  const others = model.rules.filter((r) => r.severity !== 'error');
  const consistent = (rules: readonly Rule[]): boolean => {
    const variant: ProductModel = { ...model, rules: [...rules, ...others] };
    const compiled = compileModel(variant);
    return reasonerOf(compiled).satisfiable(allowedWith(compiled, []));
  };
  // Without any rule, only a multiple choice's min/max could conflict: then no rule is to blame.
  return (quickXplain([], errors, consistent) ?? []).map((r) => r.id);
}

/** The model check as problems that refuse publishing (no valid configuration), and warnings. */
export function modelCheckProblems(check: ModelCheck): {
  problems: ModelProblem[];
  warnings: ModelProblem[];
} {
  const problems: ModelProblem[] = [];
  if (!check.consistent) {
    problems.push({
      path: 'rules',
      message:
        check.conflictingRules.length > 0
          ? `No configuration satisfies every rule: ${check.conflictingRules.join(', ')} cannot all hold (leave any one out and some configuration is valid)`
          : 'No configuration satisfies the multiple choices’ minimum and maximum counts',
    });
  }
  const warnings = check.deadOptions.map((dead) => ({
    path: `features.${dead.feature}.options.${dead.option}`,
    message: `No valid configuration can have ${dead.feature} = ${dead.option}${dead.rules.length > 0 ? ` (rules: ${dead.rules.join(', ')})` : ''}`,
  }));
  return { problems, warnings };
}
