import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autocomplete,
  explode,
  type ProductModel,
  price,
  propagate,
  type SelectionValue,
  seededRandom,
} from '../engine/index.js';
import { loadDemoModels } from './demo-models.js';

/** Property tests over random valid complete configurations of each demo model (drawn by a seeded search). */

type Selection = Record<string, SelectionValue>;

function randomValidConfiguration(model: ProductModel, seed: number): Selection {
  const completion = autocomplete(model, {}, { random: seededRandom(seed) });
  if (!completion.found) throw new Error(`${model.code}: no valid configuration drawn for seed ${seed}`);
  return completion.selection as Selection;
}

describe.each(loadDemoModels().map((model) => [model.code, model] as const))(
  'the %s demo model',
  (_code, model) => {
    it('explodes every valid complete configuration to a BOM with only positive, finite quantities', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.integer({ min: 1, max: 50 }),
          (seed, quantity) => {
            const configuration = randomValidConfiguration(model, seed);
            const result = explode(model, configuration, quantity);
            if (!result.ok) throw new Error(JSON.stringify(result.problems));
            expect(result.bom.length).toBeGreaterThan(0);
            for (const line of result.bom) {
              expect(line.quantity.isFinite(), line.partNumber).toBe(true);
              expect(line.quantity.greaterThan(0), `${line.partNumber} ${line.quantityText}`).toBe(true);
            }
            expect(result.operations.length).toBeGreaterThan(0);
            for (const operation of result.operations)
              expect(operation.minutes.greaterThanOrEqualTo(0)).toBe(true);
          },
        ),
        { numRuns: 60 },
      );
    });

    it('prices every valid complete configuration with lines that add up to the total', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.integer({ min: 1, max: 1000 }),
          (seed, quantity) => {
            const result = price(model, randomValidConfiguration(model, seed), quantity);
            if (!result.ok) throw new Error(JSON.stringify(result.problems));
            const { lines, unitPriceMinor, totalMinor } = result.price;
            expect(lines.reduce((sum, line) => sum + line.unitAmountMinor, 0)).toBe(unitPriceMinor);
            expect(lines.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(totalMinor);
            expect(totalMinor).toBe(unitPriceMinor * quantity);
            expect(unitPriceMinor).toBeGreaterThan(0);
          },
        ),
        { numRuns: 60 },
      );
    });

    it('never excludes an option of a randomly drawn valid configuration, whatever part of it was chosen', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          (seed, choiceSeed) => {
            const configuration = randomValidConfiguration(model, seed);
            const random = seededRandom(choiceSeed);
            const chosen: Selection = {};
            for (const [code, value] of Object.entries(configuration))
              if (random() < 0.5) chosen[code] = value;
            const result = propagate(model, chosen);
            expect(result.consistent).toBe(true);
            for (const feature of result.features) {
              const value = configuration[feature.code];
              if (feature.kind === 'integer' || feature.kind === 'decimal') {
                const number = Number(value);
                expect(number).toBeGreaterThanOrEqual(Number(feature.allowed!.min));
                expect(number).toBeLessThanOrEqual(Number(feature.allowed!.max));
                continue;
              }
              const codes =
                feature.kind === 'multiple' ? (value as string[]) : value === null ? [] : [String(value)];
              for (const code of codes) {
                const option = feature.options.find((o) => o.code === code)!;
                expect(option.state, `${feature.code}=${code} after ${JSON.stringify(chosen)}`).not.toBe(
                  'excluded',
                );
                expect(option.reasons, `${feature.code}=${code}`).toEqual([]);
              }
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  },
);
