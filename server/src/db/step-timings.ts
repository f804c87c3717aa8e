/**
 * Milliseconds spent per step of one piece of work (placing an order: read, plan, write, reserve, book,
 * commit…), kept beside the object the work is about so that each module can add its own steps; logged
 * with the work's result, so that a benchmark can say where the time goes.
 */
const stepsOf = new WeakMap<object, Record<string, number>>();

export function stepTimings(subject: object): Record<string, number> {
  let steps = stepsOf.get(subject);
  if (!steps) {
    steps = {};
    stepsOf.set(subject, steps);
  }
  return steps;
}

/** A stopwatch adding the time since its last lap to `steps[name]`. */
export function stepClock(steps: Record<string, number>): (name: string) => void {
  let mark = performance.now();
  return (name) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - mark);
    mark = now;
  };
}
