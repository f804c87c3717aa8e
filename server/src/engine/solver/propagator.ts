import type { CompiledModel } from './compile.js';

/** Told of every value a constraint removes, so that callers can build explanations. */
export type RemovalListener = (variable: number, value: number, constraint: number) => void;

/** A saved point of a search, restored on backtrack. */
export interface Snapshot {
  present: Uint8Array;
  sizes: Int32Array;
  limits: Int32Array;
  seenSizes: Int32Array;
}

/**
 * Generalised arc consistency on the compiled constraints, by simple tabular reduction (STR): each
 * table keeps its still-valid tuples at the front of a permutation, so a backtrack only restores the
 * boundary. A value is removed only when no allowed tuple of some constraint supports it, so the
 * propagation is sound: it never removes a value that a valid complete configuration contains.
 */
export class Propagator {
  /** present[offsets[v] + i] = 1 while value i of variable v is still possible. */
  present: Uint8Array;
  sizes: Int32Array;
  /** Per table constraint: live tuples are perms[c][0 .. limits[c]). */
  private readonly perms: Int32Array[];
  limits: Int32Array;
  /**
   * Per constraint and scope position: the variable's domain size when the constraint last filtered.
   * Only variables whose size changed since then can have killed a tuple (the STR2 refinement), and
   * domains only shrink between restores, so an equal size means an unchanged domain.
   */
  seenSizes: Int32Array;
  private readonly scopeOffsets: Int32Array;
  /** The variable whose domain ran empty in the last failed propagation, and the constraint that did it. */
  failedVariable = -1;
  failedConstraint = -1;
  listener: RemovalListener | null = null;
  /**
   * When set, only the constraints marked 1 take part (the model with some rules left out, as an
   * explanation's proof asks): the others are never revised. Null: every constraint.
   */
  active: Uint8Array | null = null;

  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private readonly supported: Uint8Array;

  /**
   * A propagator over the full domains, or over a saved state (such as the model's root state, where
   * what the rules alone rule out is already removed) to skip work every request would repeat.
   */
  constructor(
    readonly compiled: CompiledModel,
    from?: Snapshot & { perms: Int32Array[] },
  ) {
    const { variables, constraints, totalValues } = compiled;
    if (from) {
      this.present = from.present.slice();
      this.sizes = from.sizes.slice();
      this.perms = from.perms.map((perm) => perm.slice());
      this.limits = from.limits.slice();
    } else {
      this.present = new Uint8Array(totalValues).fill(1);
      this.sizes = Int32Array.from(variables, (variable) => variable.values.length);
      this.perms = constraints.map((c) => {
        const perm = new Int32Array(c.tupleCount);
        for (let i = 0; i < perm.length; i++) perm[i] = i;
        return perm;
      });
      this.limits = Int32Array.from(constraints, (c) => c.tupleCount);
    }
    this.scopeOffsets = new Int32Array(constraints.length + 1);
    constraints.forEach((c, i) => {
      this.scopeOffsets[i + 1] = this.scopeOffsets[i]! + c.variables.length;
    });
    if (from) this.seenSizes = from.seenSizes.slice();
    else {
      this.seenSizes = new Int32Array(this.scopeOffsets[constraints.length]!);
      constraints.forEach((c, i) => {
        c.variables.forEach((variable, position) => {
          this.seenSizes[this.scopeOffsets[i]! + position] = variables[variable]!.values.length;
        });
      });
    }
    this.queue = new Int32Array(constraints.length);
    this.queued = new Uint8Array(constraints.length);
    this.supported = new Uint8Array(totalValues);
    const maxArity = Math.max(1, ...constraints.map((c) => c.variables.length));
    this.changedPositions = new Int32Array(maxArity);
    this.wildcard = new Uint8Array(maxArity);
  }

  private readonly changedPositions: Int32Array;
  private readonly wildcard: Uint8Array;

  /** The full state, including the tuple order, for starting other propagators from it. */
  state(): Snapshot & { perms: Int32Array[] } {
    return { ...this.snapshot(), perms: this.perms.map((perm) => perm.slice()) };
  }

  snapshot(): Snapshot {
    return {
      present: this.present.slice(),
      sizes: this.sizes.slice(),
      limits: this.limits.slice(),
      seenSizes: this.seenSizes.slice(),
    };
  }

  restore(snapshot: Snapshot): void {
    this.present.set(snapshot.present);
    this.sizes.set(snapshot.sizes);
    this.limits.set(snapshot.limits);
    this.seenSizes.set(snapshot.seenSizes);
  }

  has(variable: number, value: number): boolean {
    return this.present[this.compiled.offsets[variable]! + value] === 1;
  }

  /** The value indices still possible for a variable. */
  values(variable: number): number[] {
    const offset = this.compiled.offsets[variable]!;
    const count = this.compiled.variables[variable]!.values.length;
    const result: number[] = [];
    for (let i = 0; i < count; i++) if (this.present[offset + i] === 1) result.push(i);
    return result;
  }

  /** Restricts a variable to the given values (a choice). Returns false when none of them is left. */
  restrict(variable: number, keep: (value: number) => boolean): boolean {
    const offset = this.compiled.offsets[variable]!;
    const count = this.compiled.variables[variable]!.values.length;
    let size = 0;
    for (let i = 0; i < count; i++) {
      if (this.present[offset + i] === 1 && !keep(i)) this.present[offset + i] = 0;
      size += this.present[offset + i]!;
    }
    this.sizes[variable] = size;
    return size > 0;
  }

  /** Propagates from every constraint (after restrictions of many variables). */
  propagateAll(): boolean {
    const all: number[] = [];
    for (let c = 0; c < this.compiled.constraints.length; c++)
      if (!this.active || this.active[c] === 1) all.push(c);
    return this.run(all);
  }

  /** Propagates the consequences of changes to the given variables. */
  propagateFrom(variables: number[]): boolean {
    const start = new Set<number>();
    for (const variable of variables)
      for (const c of this.compiled.constraintsOfVariable[variable]!)
        if (!this.active || this.active[c] === 1) start.add(c);
    return this.run([...start]);
  }

  private run(start: number[]): boolean {
    const { queue, queued, active } = this;
    let head = 0;
    let tail = 0;
    const capacity = queue.length;
    queued.fill(0);
    for (const c of start) {
      queue[tail] = c;
      tail = (tail + 1) % capacity;
      queued[c] = 1;
    }
    let pending = start.length;
    this.failedVariable = -1;
    this.failedConstraint = -1;
    while (pending > 0) {
      const c = queue[head]!;
      head = (head + 1) % capacity;
      pending--;
      queued[c] = 0;
      const changed = this.revise(c);
      if (changed === null) {
        this.failedConstraint = c;
        return false;
      }
      for (const variable of changed) {
        for (const other of this.compiled.constraintsOfVariable[variable]!) {
          if (other === c || queued[other] === 1 || (active && active[other] !== 1)) continue;
          queue[tail] = other;
          tail = (tail + 1) % capacity;
          queued[other] = 1;
          pending++;
        }
      }
    }
    return true;
  }

  /** Filters one constraint; returns the variables whose domains shrank, or null on a wipe-out. */
  private revise(c: number): number[] | null {
    const constraint = this.compiled.constraints[c]!;
    return constraint.tuples ? this.reviseTable(c) : this.reviseCheck(c);
  }

  private reviseTable(c: number): number[] | null {
    const { offsets } = this.compiled;
    const constraint = this.compiled.constraints[c]!;
    const tuples = constraint.tuples!;
    const scope = constraint.variables;
    const arity = scope.length;
    const perm = this.perms[c]!;
    const { present, supported, sizes, seenSizes, changedPositions } = this;
    const seenBase = this.scopeOffsets[c]!;
    // Only the positions whose domain shrank since the last filtering can invalidate a live tuple.
    let changedCount = 0;
    for (let i = 0; i < arity; i++) {
      const size = sizes[scope[i]!]!;
      if (seenSizes[seenBase + i] !== size) changedPositions[changedCount++] = i;
    }
    const wildcard = this.wildcard;
    wildcard.fill(0, 0, arity);
    for (let i = 0; i < arity; i++) {
      const offset = offsets[scope[i]!]!;
      supported.fill(0, offset, offset + this.compiled.variables[scope[i]!]!.values.length);
    }
    let limit = this.limits[c]!;
    for (let p = 0; p < limit; p++) {
      const t = perm[p]!;
      const base = t * arity;
      let alive = true;
      for (let k = 0; k < changedCount; k++) {
        const i = changedPositions[k]!;
        const value = tuples[base + i]!;
        if (value >= 0 && present[offsets[scope[i]!]! + value] === 0) {
          alive = false;
          break;
        }
      }
      if (!alive) {
        limit--;
        perm[p] = perm[limit]!;
        perm[limit] = t;
        p--;
        continue;
      }
      for (let i = 0; i < arity; i++) {
        const value = tuples[base + i]!;
        if (value < 0) wildcard[i] = 1;
        else supported[offsets[scope[i]!]! + value] = 1;
      }
    }
    this.limits[c] = limit;
    const changed: number[] = [];
    for (let i = 0; i < arity; i++) {
      const variable = scope[i]!;
      if (wildcard[i] === 1) {
        seenSizes[seenBase + i] = sizes[variable]!;
        continue;
      }
      const offset = offsets[variable]!;
      const count = this.compiled.variables[variable]!.values.length;
      let removed = false;
      for (let v = 0; v < count; v++) {
        if (present[offset + v] === 1 && supported[offset + v] === 0) {
          present[offset + v] = 0;
          sizes[variable]!--;
          removed = true;
          this.listener?.(variable, v, c);
        }
      }
      seenSizes[seenBase + i] = sizes[variable]!;
      if (removed) {
        if (sizes[variable] === 0) {
          this.failedVariable = variable;
          return null;
        }
        changed.push(variable);
      }
    }
    return changed;
  }

  /** A constraint too large to tabulate: forward checking once at most one variable is open. */
  private reviseCheck(c: number): number[] | null {
    const constraint = this.compiled.constraints[c]!;
    const scope = constraint.variables;
    let open = -1;
    for (let i = 0; i < scope.length; i++) {
      if (this.sizes[scope[i]!]! > 1) {
        if (open >= 0) return [];
        open = i;
      }
    }
    const tuple = Int32Array.from(scope, (variable) =>
      this.sizes[variable] === 1 ? this.values(variable)[0]! : 0,
    );
    if (open < 0) {
      if (constraint.test!(tuple)) return [];
      this.failedVariable = scope[0] ?? -1;
      return null;
    }
    const variable = scope[open]!;
    let removed = false;
    for (const value of this.values(variable)) {
      tuple[open] = value;
      if (!constraint.test!(tuple)) {
        this.present[this.compiled.offsets[variable]! + value] = 0;
        this.sizes[variable]!--;
        removed = true;
        this.listener?.(variable, value, c);
      }
    }
    if (this.sizes[variable] === 0) {
      this.failedVariable = variable;
      return null;
    }
    return removed ? [variable] : [];
  }
}
