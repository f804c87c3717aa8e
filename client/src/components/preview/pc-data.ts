/**
 * What the workstation drawing needs to know about the model's options (server/demo-models/workstation-pc.yaml).
 * Sizes are in millimetres as seen through the side panel. Unknown codes fall back to something drawable.
 */
import { i18n } from '../../i18n';
import { flag, humanise, lookup, many, num, one, type PreviewValues } from './values';
import { listOf, nameOf, say } from './words';

export interface CaseForm {
  name: string;
  /** Outer depth (front to back) and height. */
  depthMm: number;
  heightMm: number;
  /** Where the power supply goes: under a shroud at the bottom rear, or at the top front (small cases). */
  psuAt: 'bottom' | 'front';
  frontFans: number;
  bottomFans: number;
  rearFan: boolean;
}

export const CASES: Readonly<Record<string, CaseForm>> = {
  nr200p: {
    name: 'Cooler Master NR200P',
    depthMm: 376,
    heightMm: 292,
    psuAt: 'front',
    frontFans: 0,
    bottomFans: 2,
    rearFan: false,
  },
  a3: {
    name: 'Lian Li A3-mATX',
    depthMm: 443,
    heightMm: 308,
    psuAt: 'front',
    frontFans: 0,
    bottomFans: 2,
    rearFan: true,
  },
  define7: {
    name: 'Fractal Design Define 7',
    depthMm: 547,
    heightMm: 475,
    psuAt: 'bottom',
    frontFans: 3,
    bottomFans: 0,
    rearFan: true,
  },
  define7xl: {
    name: 'Fractal Design Define 7 XL',
    depthMm: 604,
    heightMm: 566,
    psuAt: 'bottom',
    frontFans: 3,
    bottomFans: 0,
    rearFan: true,
  },
};

/** Board sizes by the option's form_size attribute (1 Mini-ITX .. 4 E-ATX/EEB): width (front-back) x height. */
export const BOARD_FORMS: Readonly<Record<number, { name: string; widthMm: number; heightMm: number }>> = {
  1: { name: 'Mini-ITX', widthMm: 170, heightMm: 170 },
  2: { name: 'micro-ATX', widthMm: 244, heightMm: 244 },
  3: { name: 'ATX', widthMm: 244, heightMm: 305 },
  4: { name: 'E-ATX', widthMm: 330, heightMm: 305 },
};

export const MOTHERBOARDS: Readonly<Record<string, { formSize: number; memorySlots: number }>> = {
  b650i: { formSize: 1, memorySlots: 2 },
  x870e: { formSize: 3, memorySlots: 4 },
  b760m: { formSize: 2, memorySlots: 4 },
  z790: { formSize: 3, memorySlots: 4 },
  z890: { formSize: 3, memorySlots: 4 },
  trx50: { formSize: 4, memorySlots: 4 },
  wrx90: { formSize: 4, memorySlots: 8 },
};

export interface Cpu {
  name: string;
  vendor: 'amd' | 'intel' | 'other';
  socketMm: number;
}

export const CPUS: Readonly<Record<string, Cpu>> = {
  r7_9700x: { name: 'AMD Ryzen 7 9700X', vendor: 'amd', socketMm: 40 },
  r9_9950x: { name: 'AMD Ryzen 9 9950X', vendor: 'amd', socketMm: 40 },
  i7_14700k: { name: 'Intel Core i7-14700K', vendor: 'intel', socketMm: 38 },
  u9_285k: { name: 'Intel Core Ultra 9 285K', vendor: 'intel', socketMm: 38 },
  tr_7960x: { name: 'AMD Threadripper 7960X', vendor: 'amd', socketMm: 72 },
  trp_7975wx: { name: 'AMD Threadripper PRO 7975WX', vendor: 'amd', socketMm: 72 },
};

export const MEMORY_SIZES: Readonly<Record<string, { gb: number; registered: boolean }>> = {
  d5_16: { gb: 16, registered: false },
  d5_32: { gb: 32, registered: false },
  d5_48: { gb: 48, registered: false },
  d5_64: { gb: 64, registered: false },
  r5_32: { gb: 32, registered: true },
  r5_64: { gb: 64, registered: true },
  r5_128: { gb: 128, registered: true },
};

export interface Gpu {
  name: string;
  /** The option's length_mm attribute, and the card's height as seen from the side. */
  lengthMm: number;
  heightMm: number;
  pro: boolean;
}

export const GPUS: Readonly<Record<string, Gpu>> = {
  rtx4060: { name: 'RTX 4060', lengthMm: 240, heightMm: 115, pro: false },
  rtx4070s: { name: 'RTX 4070 SUPER', lengthMm: 300, heightMm: 125, pro: false },
  rtx4080s: { name: 'RTX 4080 SUPER', lengthMm: 322, heightMm: 137, pro: false },
  rtx4090: { name: 'RTX 4090', lengthMm: 348, heightMm: 150, pro: false },
  rtx2000ada: { name: 'RTX 2000 Ada', lengthMm: 168, heightMm: 69, pro: true },
  rtx4000ada: { name: 'RTX 4000 Ada', lengthMm: 241, heightMm: 111, pro: true },
  rtx6000ada: { name: 'RTX 6000 Ada', lengthMm: 267, heightMm: 111, pro: true },
};

export const PSUS: Readonly<Record<string, { watts: number; sfx: boolean }>> = {
  atx650: { watts: 650, sfx: false },
  atx850: { watts: 850, sfx: false },
  atx1000: { watts: 1000, sfx: false },
  atx1300: { watts: 1300, sfx: false },
  atx1600: { watts: 1600, sfx: false },
  sfx750: { watts: 750, sfx: true },
  sfx1000: { watts: 1000, sfx: true },
};

export type DriveKind = 'nvme' | 'ssd' | 'hdd';
export const DRIVES: Readonly<Record<string, { name: string; kind: DriveKind }>> = {
  nvme_1tb: { name: '1 TB NVMe', kind: 'nvme' },
  nvme_2tb: { name: '2 TB NVMe', kind: 'nvme' },
  nvme_4tb: { name: '4 TB NVMe', kind: 'nvme' },
  ssd_4tb: { name: '4 TB SATA SSD', kind: 'ssd' },
  hdd_8tb: { name: '8 TB hard disk', kind: 'hdd' },
  hdd_16tb: { name: '16 TB hard disk', kind: 'hdd' },
};

export interface Cooler {
  name: string;
  kind: 'tower' | 'low' | 'aio';
  /** Footprint seen from the side (air coolers), or the radiator's length (water coolers). */
  widthMm: number;
  heightMm: number;
  radiatorMm: number;
}

export const COOLERS: Readonly<Record<string, Cooler>> = {
  air_compact: { name: 'low-profile air cooler', kind: 'low', widthMm: 128, heightMm: 128, radiatorMm: 0 },
  air_tower: { name: 'tower air cooler', kind: 'tower', widthMm: 150, heightMm: 150, radiatorMm: 0 },
  aio_280: { name: '280 mm water cooler', kind: 'aio', widthMm: 70, heightMm: 70, radiatorMm: 280 },
  aio_360: { name: '360 mm water cooler', kind: 'aio', widthMm: 70, heightMm: 70, radiatorMm: 360 },
  air_tr5: {
    name: 'Threadripper tower air cooler',
    kind: 'tower',
    widthMm: 150,
    heightMm: 160,
    radiatorMm: 0,
  },
};

export interface PcSpec {
  caseCode: string;
  caseForm: CaseForm;
  board: { name: string; widthMm: number; heightMm: number; memorySlots: number };
  cpu: Cpu;
  memory: { count: number; gb: number; registered: boolean };
  gpu: Gpu | null;
  psu: { watts: number; sfx: boolean };
  drives: { code: string; name: string; kind: DriveKind }[];
  cooler: Cooler;
  quietFans: boolean;
}

export function pcSpec(values: PreviewValues): PcSpec {
  const caseCode = one(values, 'case') ?? '';
  const caseForm = lookup(CASES, caseCode, (code) => ({
    name: code ? `${humanise(code)} case` : 'case',
    depthMm: 500,
    heightMm: 450,
    psuAt: 'bottom' as const,
    frontFans: 2,
    bottomFans: 0,
    rearFan: true,
  }));
  const mb = lookup(MOTHERBOARDS, one(values, 'motherboard'), () => ({ formSize: 3, memorySlots: 4 }));
  const form = BOARD_FORMS[mb.formSize] ?? BOARD_FORMS[3]!;
  const gpuCode = one(values, 'gpu');
  const gpu =
    gpuCode === null
      ? null
      : lookup(GPUS, gpuCode, (code) => ({ name: humanise(code), lengthMm: 260, heightMm: 120, pro: false }));
  const mem = lookup(MEMORY_SIZES, one(values, 'memory_size'), () => ({ gb: 0, registered: false }));
  return {
    caseCode,
    caseForm,
    board: { ...form, memorySlots: mb.memorySlots },
    cpu: lookup(CPUS, one(values, 'cpu'), (code) => ({
      name: humanise(code) || 'processor',
      vendor: 'other',
      socketMm: 40,
    })),
    memory: { count: Math.round(num(values, 'memory_modules', 0, 0, 16)), ...mem },
    gpu,
    psu: lookup(PSUS, one(values, 'psu'), (code) => ({ watts: 0, sfx: code.startsWith('sfx') })),
    drives: many(values, 'storage').map((code) => ({
      code,
      ...lookup(DRIVES, code, (c) => ({
        name: humanise(c),
        kind: (c.startsWith('hdd') ? 'hdd' : c.startsWith('nvme') ? 'nvme' : 'ssd') as DriveKind,
      })),
    })),
    cooler: lookup(COOLERS, one(values, 'cooling'), (code) => ({
      name: humanise(code) || 'cooler',
      kind: code.startsWith('aio') ? 'aio' : 'tower',
      widthMm: code.startsWith('aio') ? 70 : 140,
      heightMm: code.startsWith('aio') ? 70 : 140,
      radiatorMm: code.startsWith('aio') ? 280 : 0,
    })),
    quietFans: flag(values, 'quiet_fans'),
  };
}

/** "Workstation PC in a Fractal Design Define 7 case: ATX board, AMD Ryzen 9 9950X, 2 × 32 GB memory, ...". */
export function pcSummary(values: PreviewValues): string {
  const p = pcSpec(values);
  const parts = [say('pc.board', { name: p.board.name }), p.cpu.name];
  if (p.memory.count > 0)
    parts.push(
      p.memory.gb > 0
        ? say('pc.memory', { count: p.memory.count, gb: p.memory.gb })
        : say('pc.modules', { count: p.memory.count }),
    );
  parts.push(p.gpu ? say('pc.graphics', { name: p.gpu.name }) : say('pc.noGraphics'));
  const form = p.psu.sfx ? 'SFX' : 'ATX';
  parts.push(
    p.psu.watts > 0 ? say('pc.powerSupply', { watts: p.psu.watts, form }) : say('pc.powerSupplyOf', { form }),
  );
  parts.push(nameOf('pc.cooler', one(values, 'cooling'), p.cooler.name));
  if (p.drives.length > 0) {
    const names = listOf(p.drives.map((d) => nameOf('pc.drive', d.code, d.name)));
    parts.push(i18n.global.t('preview.pc.drives', { n: p.drives.length, names }, p.drives.length));
  }
  if (p.quietFans) parts.push(say('pc.quietFans'));
  const caseName = p.caseForm.name.endsWith('case')
    ? p.caseForm.name
    : say('pc.case', { name: p.caseForm.name });
  return say('pc.summary', { case: caseName, parts: parts.join(', ') });
}
