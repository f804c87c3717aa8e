import type { CompiledModel } from './compile.js';
import { countingTreeOf, countWithin } from './counting-tree.js';
import type { Propagator } from './propagator.js';

/**
 * Exact counting of the valid complete configurations within a propagator's domains, and per value
 * the number that contain it, on the model's counting tree (see counting-tree.ts). Null when the
 * model is too large to count.
 */
export interface Counts {
  total: bigint;
  /** Per variable, per value index: valid complete configurations with that value (0 for removed values). */
  perValue: bigint[][];
}

/** Per flat value (offsets[variable] + value index): 1 when the propagator's domains still hold it. */
export function allowedOf(compiled: CompiledModel, propagator: Propagator): Uint8Array {
  const allowed = new Uint8Array(compiled.totalValues);
  for (const variable of compiled.variables) {
    for (const value of propagator.values(variable.index))
      allowed[compiled.offsets[variable.index]! + value] = 1;
  }
  return allowed;
}

export function countConfigurations(compiled: CompiledModel, propagator: Propagator): Counts | null {
  const tree = countingTreeOf(compiled);
  if (!tree) return null;
  const counts = countWithin(tree, allowedOf(compiled, propagator));
  return {
    total: counts.total,
    perValue: compiled.variables.map((variable) =>
      variable.values.map((_, value) => counts.count(compiled.offsets[variable.index]! + value)),
    ),
  };
}
