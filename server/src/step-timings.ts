import { performance } from 'node:perf_hooks';

/**
 * Milliseconds of wall-clock time per step of one piece of work (placing an order: configure, write the
 * order's rows, wait for the part locks, plan, book, commit…), kept beside the object the work is about so
 * that each module adds its own steps; logged with the work's result, so that `bench orders` can say where
 * the time goes. Wall-clock: under load a step also counts the other requests that ran meanwhile.
 */
const stepsOf = new WeakMap<object, Record<string, number>>();
const countsOf = new WeakMap<object, Record<string, number>>();

/** The record kept for `subject` in `records`, made empty the first time. */
function recordOf(records: WeakMap<object, Record<string, number>>, subject: object): Record<string, number> {
  let record = records.get(subject);
  if (!record) {
    record = {};
    records.set(subject, record);
  }
  return record;
}

export function stepTimings(subject: object): Record<string, number> {
  return recordOf(stepsOf, subject);
}

/** A stopwatch adding the time since its last lap (or its start) to `steps[name]`. */
export function stepClock(steps: Record<string, number>): (name: string) => void {
  let mark = performance.now();
  return (name) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - mark);
    mark = now;
  };
}

/** Step timings in tenths of a millisecond, for a log line. */
export function roundedSteps(steps: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(steps).map(([name, ms]) => [name, Math.round(ms * 10) / 10]));
}

/** Counts kept beside a piece of work (how many plans placing an order took), logged with its steps. */
export function workCounts(subject: object): Record<string, number> {
  return recordOf(countsOf, subject);
}
