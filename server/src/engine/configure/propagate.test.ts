import { describe, expect, it } from 'vitest';
import { loadModelOrThrow } from '../test-support/load-model.js';
import { autocomplete } from './autocomplete.js';
import { check } from './check.js';
import { propagate } from './propagate.js';

const bike = loadModelOrThrow(`
code: bike
name: Bike
currency: EUR
features:
  - { code: frame, label: Frame, kind: single, default: M, options: [{ code: S, label: Small }, { code: M, label: Medium }, { code: L, label: Large }] }
  - { code: motor, label: Motor, kind: single, default: m250, options: [{ code: m250, label: 250 W }, { code: m750, label: 750 W }] }
  - { code: battery, label: Battery, kind: single, default: b400, options: [{ code: b400, label: 400 Wh }, { code: b750, label: 750 Wh }] }
  - { code: cargo_box, label: Cargo box, kind: boolean }
  - { code: accessories, label: Accessories, kind: multiple, maxSelected: 2, options: [{ code: lights, label: Lights }, { code: rack, label: Rack }, { code: lock, label: Lock }] }
  - { code: load_kg, label: Load, kind: integer, min: 0, max: 200, step: 10, default: 50, unit: kg }
rules:
  - { id: big-battery-big-motor, kind: requires, if: "battery = 'b750'", then: "motor = 'm750'", message: "The 750 Wh battery needs the 750 W motor" }
  - { id: cargo-not-small, kind: excludes, if: "cargo_box", excludes: "frame = 'S'", message: "A cargo box needs the M or L frame" }
  - { id: cargo-rack, kind: excludes, if: "cargo_box", excludes: "'rack' in accessories", message: "The cargo box replaces the rack" }
  - { id: load-limit, kind: expression, expression: "load_kg <= if cargo_box then 200 else 120", message: "Without a cargo box the load is at most 120 kg" }
`);

describe('propagation after each choice', () => {
  it('excludes the small frame once a cargo box is chosen, naming the rule and the choice', () => {
    const result = propagate(bike, { cargo_box: true });
    const frame = result.features.find((f) => f.code === 'frame')!;
    const small = frame.options.find((o) => o.code === 'S')!;
    expect(small.state).toBe('excluded');
    expect(small.reasons.map((r) => r.ruleId)).toEqual(['cargo-not-small']);
    expect(small.blockedBy).toEqual(['cargo_box']);
    expect(frame.options.find((o) => o.code === 'M')!.state).toBe('available');
  });

  it('follows a chain of rules back to the choice that started it', () => {
    // The small motor rules out the big battery.
    const result = propagate(bike, { motor: 'm250' });
    const battery = result.features.find((f) => f.code === 'battery')!;
    const big = battery.options.find((o) => o.code === 'b750')!;
    expect(big.state).toBe('excluded');
    expect(big.blockedBy).toEqual(['motor']);
    expect(big.reasons[0]!.message).toBe('The 750 Wh battery needs the 750 W motor');
  });

  it('judges alternatives to a choice against the other choices only', () => {
    const result = propagate(bike, { frame: 'S', cargo_box: false });
    const cargo = result.features.find((f) => f.code === 'cargo_box')!;
    expect(cargo.options.find((o) => o.code === 'true')!.state).toBe('excluded');
    expect(cargo.options.find((o) => o.code === 'false')!.state).toBe('selected');
    const frame = result.features.find((f) => f.code === 'frame')!;
    expect(frame.options.map((o) => o.state)).toEqual(['selected', 'available', 'available']);
  });

  it('narrows a number to the interval still allowed', () => {
    const open = propagate(bike, {});
    expect(open.features.find((f) => f.code === 'load_kg')!.allowed).toMatchObject({ min: '0', max: '200' });
    const noBox = propagate(bike, { cargo_box: false });
    expect(noBox.features.find((f) => f.code === 'load_kg')!.allowed).toMatchObject({
      min: '0',
      max: '120',
      unit: 'kg',
    });
  });

  it('reports a conflict between choices with the rule and the choices involved', () => {
    const result = propagate(bike, { battery: 'b750', motor: 'm250' });
    expect(result.consistent).toBe(false);
    expect(result.conflict!.reasons.map((r) => r.ruleId)).toContain('big-battery-big-motor');
    expect(result.conflict!.features).toEqual(['motor', 'battery']);
  });

  it('marks what the rules imply', () => {
    const result = propagate(bike, { battery: 'b750' });
    const motor = result.features.find((f) => f.code === 'motor')!;
    expect(motor.options.find((o) => o.code === 'm750')).toMatchObject({ state: 'available', implied: true });
  });
});

describe('autocomplete', () => {
  it('keeps every choice and fills the rest with defaults where the rules allow', () => {
    const result = autocomplete(bike, { battery: 'b750', load_kg: '150' });
    expect(result.found).toBe(true);
    if (!result.found) return;
    expect(result.selection).toMatchObject({
      battery: 'b750',
      motor: 'm750',
      frame: 'M',
      cargo_box: true,
      load_kg: '150',
    });
    expect(check(bike, result.selection)).toMatchObject({
      valid: true,
      complete: true,
    });
  });

  it('says which choices cannot be kept together, and no more', () => {
    const result = autocomplete(bike, { frame: 'S', battery: 'b750', load_kg: '150', motor: 'm750' });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.cause).toBe('conflict');
    expect(result.conflictingChoices).toEqual(['frame', 'load_kg']);
  });
});
