/**
 * What the standing-desk drawing needs to know about the model's options (server/demo-models/standing-desk.yaml).
 * Unknown codes fall back to something drawable, so a model change never breaks the preview.
 */
import {
  colourFromCode,
  flag,
  humanise,
  lighten,
  lookup,
  many,
  num,
  one,
  type PreviewValues,
} from './values';
import { listOf, nameOf, say } from './words';

export interface TopMaterial {
  name: string;
  colour: string;
  /** Colour of the grain lines, or null for a plain surface (melamine, linoleum). */
  grain: string | null;
}

export const TOP_MATERIALS: Readonly<Record<string, TopMaterial>> = {
  oak: { name: 'oak', colour: '#c9a26b', grain: '#a97f4a' },
  walnut: { name: 'walnut', colour: '#6e4a32', grain: '#523420' },
  bamboo: { name: 'bamboo', colour: '#dcbf8c', grain: '#c29f66' },
  linoleum: { name: 'linoleum', colour: '#3d4145', grain: null },
  melamine: { name: 'white melamine', colour: '#f1f0ec', grain: null },
};

export interface TopFinish {
  name: string;
  /** How much the finish whitens the colour (0..1). */
  whiten: number;
  /** Opacity of a sheen band across the top (0 = none). */
  sheen: number;
}

export const TOP_FINISHES: Readonly<Record<string, TopFinish>> = {
  factory: { name: 'factory surface', whiten: 0, sheen: 0 },
  oil_natural: { name: 'natural oil', whiten: 0, sheen: 0.08 },
  oil_white: { name: 'white oil', whiten: 0.35, sheen: 0.08 },
  lacquer_matt: { name: 'matt lacquer', whiten: 0.05, sheen: 0.22 },
};

export interface Frame {
  name: string;
  legs: 2 | 4;
}

export const FRAMES: Readonly<Record<string, Frame>> = {
  leg2: { name: '2-leg frame', legs: 2 },
  leg4: { name: '4-leg frame', legs: 4 },
};

export const MOTORS: Readonly<Record<string, { name: string; count: number }>> = {
  single: { name: 'single motor', count: 1 },
  dual: { name: 'dual motors', count: 2 },
};

export interface HeightRange {
  minMm: number;
  maxMm: number;
  stages: number;
}

export const HEIGHT_RANGES: Readonly<Record<string, HeightRange>> = {
  standard: { minMm: 720, maxMm: 1220, stages: 2 },
  extended: { minMm: 620, maxMm: 1270, stages: 3 },
};

export const ACCESSORY_NAMES: Readonly<Record<string, string>> = {
  cable_tray: 'cable tray',
  monitor_arm: 'monitor arm',
  monitor_arm_dual: 'dual monitor arm',
  drawer: 'drawer',
  castors: 'castors',
  cpu_holder: 'PC holder',
  power_strip: 'power strip',
};

export const WIDTH = { min: 1000, max: 2200, default: 1600 } as const;
export const DEPTH = { min: 600, max: 1000, default: 800 } as const;

export interface DeskSpec {
  widthMm: number;
  depthMm: number;
  material: TopMaterial;
  finish: TopFinish;
  /** The top's colour after the finish. */
  topColour: string;
  frame: Frame;
  motors: { name: string; count: number };
  height: HeightRange;
  accessories: string[];
}

export function deskSpec(values: PreviewValues): DeskSpec {
  const material = lookup(TOP_MATERIALS, one(values, 'top_material'), (code) => ({
    name: humanise(code) || 'top',
    colour: colourFromCode(code),
    grain: null,
  }));
  const finish = lookup(TOP_FINISHES, one(values, 'top_finish'), (code) => ({
    name: humanise(code),
    whiten: 0,
    sheen: 0,
  }));
  const frame = lookup(FRAMES, one(values, 'frame'), (code) => ({
    name: code ? `${humanise(code)} frame` : '2-leg frame',
    legs: (/4/.test(code) ? 4 : 2) as 2 | 4,
  }));
  const motors = lookup(MOTORS, one(values, 'motors'), (code) => ({
    name: code ? `${humanise(code)} motor` : 'motor',
    count: 1,
  }));
  const height = lookup(HEIGHT_RANGES, one(values, 'height_range'), () => HEIGHT_RANGES.standard!);
  const base = material.colour;
  const topColour = finish.whiten > 0 ? lighten(base, finish.whiten) : base;
  return {
    widthMm: num(values, 'width_mm', WIDTH.default, WIDTH.min, WIDTH.max),
    depthMm: num(values, 'depth_mm', DEPTH.default, DEPTH.min, DEPTH.max),
    material,
    finish,
    topColour,
    frame,
    motors,
    height,
    accessories: many(values, 'accessories'),
  };
}

export function mm(n: number): string {
  return String(Math.round(n));
}

/** "Standing desk 1600 × 800 mm, oak top, natural oil, 2-leg frame, dual motors, height 720 to 1220 mm, with cable tray". */
export function deskSummary(values: PreviewValues): string {
  const d = deskSpec(values);
  const parts = [
    say('desk.summary', { width: mm(d.widthMm), depth: mm(d.depthMm) }),
    say('desk.top', { material: nameOf('desk.material', one(values, 'top_material'), d.material.name) }),
  ];
  if (one(values, 'top_finish') && d.finish.name !== 'factory surface')
    parts.push(nameOf('desk.finish', one(values, 'top_finish'), d.finish.name));
  parts.push(
    nameOf('desk.frame', one(values, 'frame'), d.frame.name),
    nameOf('desk.motors', one(values, 'motors'), d.motors.name),
    say('desk.height', { min: d.height.minMm, max: d.height.maxMm }),
  );
  const acc = d.accessories.map((code) =>
    nameOf('desk.accessory', code, ACCESSORY_NAMES[code] ?? humanise(code)),
  );
  if (acc.length > 0) parts.push(say('desk.with', { items: listOf(acc) }));
  if (flag(values, 'preassembled')) parts.push(say('desk.assembled'));
  return parts.join(', ');
}
