import { registerEnumType } from 'type-graphql';

/** Where a work order is. */
export const WorkOrderStatus = {
  PLANNED: 'PLANNED',
  STARTED: 'STARTED',
  DONE: 'DONE',
  CANCELLED: 'CANCELLED',
} as const;
export type WorkOrderStatus = (typeof WorkOrderStatus)[keyof typeof WorkOrderStatus];

registerEnumType(WorkOrderStatus, {
  name: 'WorkOrderStatus',
  description: 'Where a work order is.',
  valuesConfig: {
    PLANNED: { description: 'Scheduled at its work centre, not started.' },
    STARTED: { description: 'Started, not completed.' },
    DONE: { description: 'Completed.' },
    CANCELLED: { description: 'Its order was cancelled before it was done.' },
  },
});

/** Where a purchase requisition is. */
export const RequisitionStatus = {
  OPEN: 'OPEN',
  RECEIVED: 'RECEIVED',
  CANCELLED: 'CANCELLED',
} as const;
export type RequisitionStatus = (typeof RequisitionStatus)[keyof typeof RequisitionStatus];

registerEnumType(RequisitionStatus, {
  name: 'RequisitionStatus',
  description: 'Where a purchase requisition is.',
  valuesConfig: {
    OPEN: { description: 'Bought and not received yet.' },
    RECEIVED: { description: 'Received into stock; its shortage reserved for its order.' },
    CANCELLED: { description: 'Its order was cancelled before it was received.' },
  },
});
