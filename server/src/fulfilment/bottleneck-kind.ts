import { registerEnumType } from 'type-graphql';
import type { Bottleneck } from '../engine/index.js';

/** What limits a promise: the engine's bottleneck kinds, as the API has always sent them. */
export const BottleneckKind = {
  material: 'material',
  capacity: 'capacity',
  work: 'work',
} as const satisfies { [K in Bottleneck['kind']]: K };
export type BottleneckKind = (typeof BottleneckKind)[keyof typeof BottleneckKind];

registerEnumType(BottleneckKind, {
  name: 'BottleneckKind',
  description: 'What limits a promise.',
  valuesConfig: {
    material: { description: 'A part (or an option’s lead time) arriving last.' },
    capacity: { description: 'A work centre booked by earlier orders.' },
    work: { description: 'Everything is in stock and the plant free: the work itself.' },
  },
});
