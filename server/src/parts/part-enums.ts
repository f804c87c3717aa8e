import { registerEnumType } from 'type-graphql';

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

/** Where stock held for an order is. */
export const ReservationStatus = {
  RESERVED: 'RESERVED',
  ISSUED: 'ISSUED',
  RELEASED: 'RELEASED',
} as const;
export type ReservationStatus = (typeof ReservationStatus)[keyof typeof ReservationStatus];

registerEnumType(ReservationStatus, {
  name: 'ReservationStatus',
  description: 'Where stock held for an order is.',
  valuesConfig: {
    RESERVED: { description: 'Held in stock for the order.' },
    ISSUED: { description: 'Taken out of stock by production (at its first work order started).' },
    RELEASED: { description: 'Given back to free stock: the order was cancelled.' },
  },
});
