import { describe, expect, it } from 'vitest';
import { readRenaultBenchmark } from '../../test-support/renault-benchmark.js';
import { check } from '../configure/check.js';
import { propagatorWithChoices, rootPropagator } from '../configure/propagate.js';
import { readSelection } from '../configure/selection.js';
import { importXcsp } from '../import/xcsp.js';
import { loadProductModel } from '../model/load.js';
import type { ProductModel } from '../model/product-model.js';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { compileModel } from './compile.js';
import { countConfigurations } from './count.js';

function counts(model: ProductModel, selection: Record<string, string | boolean | string[]> = {}) {
  const compiled = compileModel(model);
  const { propagator } = propagatorWithChoices(compiled, readSelection(model, selection).assignment);
  return countConfigurations(compiled, propagator)!;
}

describe('counting the valid complete configurations', () => {
  const bike = loadModelOrThrow(`
code: bike
name: Bike
currency: EUR
features:
  - { code: frame, label: Frame, kind: single, default: M, options: [{ code: S, label: S }, { code: M, label: M }, { code: L, label: L }] }
  - { code: motor, label: Motor, kind: single, default: m250, options: [{ code: m250, label: "250 W" }, { code: m750, label: "750 W" }] }
  - { code: battery, label: Battery, kind: single, default: b400, options: [{ code: b400, label: "400 Wh" }, { code: b750, label: "750 W" }] }
  - { code: cargo_box, label: Cargo box, kind: boolean }
  - { code: lights, label: Lights, kind: boolean }
  - { code: colour, label: Colour, kind: single, default: red, options: [{ code: red, label: Red }, { code: blue, label: Blue }] }
rules:
  - { id: big-battery, kind: requires, if: "battery = 'b750'", then: "motor = 'm750'", message: needs the big motor }
  - { id: cargo-frame, kind: excludes, if: "cargo_box", excludes: "frame = 'S'", message: no cargo on S }
  - { id: table, kind: table, features: [motor, colour], rows: [[m250, red], [m250, blue], [m750, blue]], message: colours }
`);

  it('equals enumeration: in total and per option', () => {
    // Enumerate every complete configuration and keep the valid ones.
    const all: Record<string, string | boolean>[] = [];
    for (const frame of ['S', 'M', 'L'])
      for (const motor of ['m250', 'm750'])
        for (const battery of ['b400', 'b750'])
          for (const cargo_box of [true, false])
            for (const lights of [true, false])
              for (const colour of ['red', 'blue'])
                all.push({ frame, motor, battery, cargo_box, lights, colour });
    const valid = all.filter((c) => check(bike, c).valid);
    const result = counts(bike);
    expect(result.total).toBe(BigInt(valid.length));
    const compiled = compileModel(bike);
    for (const variable of compiled.variables) {
      variable.values.forEach((value, i) => {
        const expected = valid.filter((c) => c[variable.feature.code] === value).length;
        expect(result.perValue[variable.index]![i], `${variable.feature.code}=${String(value)}`).toBe(
          BigInt(expected),
        );
      });
    }
  });

  it('counts what remains after choices', () => {
    expect(counts(bike, { cargo_box: true, battery: 'b750' }).total).toBe(2n * 1n * 2n * 1n); // frame M/L, m750, lights, blue
  });

  it('on the real Renault medium range: 278,744 cars, and every value as the value-counts file says', () => {
    const imported = importXcsp(readRenaultBenchmark('medium.xml'));
    if (!imported.ok) throw new Error('import failed');
    const loaded = loadProductModel(imported.source);
    if (!loaded.ok) throw new Error('load failed');
    const model = loaded.model;
    const compiled = compileModel(model);
    const started = performance.now();
    const result = countConfigurations(compiled, rootPropagator(compiled))!;
    const ms = performance.now() - started;
    console.info(`Renault medium counted in ${ms.toFixed(0)} ms`);
    expect(result.total).toBe(278744n);
    const lines = readRenaultBenchmark('medium-value-counts.csv').trim().split('\n').slice(2);
    for (const line of lines) {
      const [variable, value, solutions] = line.split(',');
      const v = compiled.variablesOfFeature.get(variable!)![0]!;
      const index = compiled.variables[v]!.values.indexOf(value!);
      expect(result.perValue[v]![index], `${variable}=${value}`).toBe(BigInt(solutions!));
    }
  });
});
