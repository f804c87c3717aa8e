import { registerEnumType } from 'type-graphql';
import type { PartKind as ModelPartKind } from '../engine/index.js';

/** Why a part's on-hand quantity changed (StockMovement.kind). */
export const StockMovementKind = {
  ADJUSTMENT: 'ADJUSTMENT',
  RECEIPT: 'RECEIPT',
  ISSUE: 'ISSUE',
} as const;
export type StockMovementKind = (typeof StockMovementKind)[keyof typeof StockMovementKind];

registerEnumType(StockMovementKind, {
  name: 'StockMovementKind',
  description: 'Why a part’s on-hand quantity changed.',
  valuesConfig: {
    ADJUSTMENT: { description: 'adjustStock: counted or corrected by a person, with the reason.' },
    RECEIPT: { description: 'A purchase requisition received.' },
    ISSUE: { description: 'Reserved stock taken out by production for an order.' },
  },
});

/** A part bought from a supplier or made in the plant: the product model's part kinds. */
export const PartKind = {
  purchased: 'purchased',
  made: 'made',
} as const satisfies { [K in ModelPartKind]: K };
export type PartKind = (typeof PartKind)[keyof typeof PartKind];

registerEnumType(PartKind, {
  name: 'PartKind',
  description: 'A part bought or made (as the product model says).',
  valuesConfig: {
    purchased: { description: 'Bought from a supplier: reserved from stock or requisitioned.' },
    made: { description: 'Made in the plant; a made part with lines beneath it is a sub-assembly.' },
  },
});
