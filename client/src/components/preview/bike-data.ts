/**
 * What the e-bike drawing needs to know about the model's options (server/demo-models/e-bike.yaml).
 * Unknown codes fall back to something drawable, so a model change never breaks the preview.
 */
import { colourFromCode, flag, humanise, lookup, many, one, type PreviewValues } from './values';
import { listOf, nameOf, say } from './words';

/** Seat tube length in cm (the option's seat_tube_cm attribute): scales the frame. */
export const FRAME_SIZES: Readonly<Record<string, { name: string; seatTubeCm: number }>> = {
  s: { name: 'S', seatTubeCm: 44 },
  m: { name: 'M', seatTubeCm: 48 },
  l: { name: 'L', seatTubeCm: 52 },
  xl: { name: 'XL', seatTubeCm: 56 },
};

export const COLOURS: Readonly<Record<string, { name: string; colour: string }>> = {
  graphite: { name: 'graphite', colour: '#3c3f44' },
  sage: { name: 'sage green', colour: '#8da58b' },
  sand: { name: 'sand', colour: '#d3c19b' },
  custom_ral: { name: 'custom RAL colour', colour: '#b3262e' },
};

export type MotorPosition = 'hub' | 'mid';
export const MOTORS: Readonly<Record<string, { name: string; position: MotorPosition; watts: number }>> = {
  m250: { name: '250 W rear hub motor', position: 'hub', watts: 250 },
  m500: { name: '500 W mid-drive motor', position: 'mid', watts: 500 },
  m750: { name: '750 W mid-drive motor', position: 'mid', watts: 750 },
};

/** Battery energy (the option's wh attribute) and how many packs. */
export const BATTERIES: Readonly<Record<string, { wh: number; packs: number }>> = {
  b400: { wh: 400, packs: 1 },
  b500: { wh: 500, packs: 1 },
  b625: { wh: 625, packs: 1 },
  b750: { wh: 750, packs: 1 },
  b1000: { wh: 1000, packs: 2 },
};

/** Wheel size in inches (the option's inches attribute). */
export const WHEELS: Readonly<Record<string, { inches: number }>> = {
  w20: { inches: 20 },
  w26: { inches: 26 },
  w275: { inches: 27.5 },
  w28: { inches: 28 },
};

export type Drive = 'chain' | 'hub-gear' | 'belt';
export const GEARS: Readonly<Record<string, { name: string; drive: Drive }>> = {
  deore_10: { name: 'derailleur', drive: 'chain' },
  nexus_5: { name: 'hub gears', drive: 'hub-gear' },
  enviolo: { name: 'belt drive', drive: 'belt' },
};

export const ACCESSORY_NAMES: Readonly<Record<string, string>> = {
  rack: 'rack',
  fenders: 'fenders',
  lights: 'lights',
  lock: 'frame lock',
  kickstand_dual: 'dual kickstand',
  child_seat_mount: 'child seat',
  phone_mount: 'phone mount',
  suspension_post: 'suspension seatpost',
};

export interface BikeSpec {
  size: { name: string; seatTubeCm: number };
  colour: { name: string; colour: string };
  motor: { name: string; position: MotorPosition; watts: number };
  battery: { wh: number; packs: number };
  wheel: { inches: number };
  gear: { name: string; drive: Drive };
  cargoBox: boolean;
  suspensionFork: boolean;
  accessories: string[];
}

export function bikeSpec(values: PreviewValues): BikeSpec {
  return {
    size: lookup(FRAME_SIZES, one(values, 'frame_size'), (code) => ({
      name: code ? code.toUpperCase() : 'M',
      seatTubeCm: 48,
    })),
    colour: lookup(COLOURS, one(values, 'colour'), (code) => ({
      name: humanise(code) || 'unpainted',
      colour: code ? colourFromCode(code) : '#9aa0a6',
    })),
    motor: lookup(MOTORS, one(values, 'motor'), (code) => ({
      name: code ? `${humanise(code)} motor` : 'motor',
      position: 'mid',
      watts: 500,
    })),
    battery: lookup(BATTERIES, one(values, 'battery'), (code) => {
      const wh = Number.parseInt(code.replace(/\D+/g, ''), 10);
      return { wh: Number.isFinite(wh) && wh > 0 ? Math.min(wh, 1500) : 500, packs: 1 };
    }),
    wheel: lookup(WHEELS, one(values, 'wheel_size'), (code) => {
      const n = Number.parseInt(code.replace(/\D+/g, ''), 10);
      return { inches: Number.isFinite(n) && n >= 12 && n <= 29 ? n : 28 };
    }),
    gear: lookup(GEARS, one(values, 'gear_type'), () => ({ name: 'gears', drive: 'chain' as Drive })),
    cargoBox: flag(values, 'cargo_box'),
    suspensionFork: flag(values, 'suspension_fork'),
    accessories: many(values, 'accessories'),
  };
}

export function inchesLabel(inches: number): string {
  return `${inches}-inch`;
}

/** "E-bike, frame M, graphite, 500 W mid-drive motor, 625 Wh battery, 28-inch wheels, with rack and lights". */
export function bikeSummary(values: PreviewValues): string {
  const b = bikeSpec(values);
  const parts = [
    say('bike.summary', { size: b.size.name }),
    nameOf('bike.colour', one(values, 'colour'), b.colour.name),
    nameOf('bike.motor', one(values, 'motor'), b.motor.name),
    say(b.battery.packs > 1 ? 'bike.dualBattery' : 'bike.battery', { wh: b.battery.wh }),
    say('bike.wheels', { inches: b.wheel.inches }),
  ];
  if (b.suspensionFork) parts.push(say('bike.suspensionFork'));
  const extras = [
    ...(b.cargoBox ? [say('bike.cargoBox')] : []),
    ...b.accessories.map((code) => nameOf('bike.accessory', code, ACCESSORY_NAMES[code] ?? humanise(code))),
  ];
  if (extras.length > 0) parts.push(say('bike.with', { items: listOf(extras) }));
  return parts.join(', ');
}
