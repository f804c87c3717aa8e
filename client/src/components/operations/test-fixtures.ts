// Orders as the server sends them (TrackedOrderView), for the component tests of the operations pages.
import { BottleneckKind, OrderEventKind, OrderStatus, WorkOrderStatus } from '../../graphql/graphql';
import type { Fulfilment, TrackedOrder, WorkOrder } from './fulfilment';

export function workOrder(
  id: number,
  operationCode: string,
  status: WorkOrderStatus = WorkOrderStatus.Planned,
): WorkOrder {
  return {
    id,
    operationCode,
    description: `${operationCode.toLowerCase()} the bike`,
    workCentre: 'ASSEMBLY',
    minutes: '30',
    status,
    rework: false,
    plannedStart: '2026-12-10',
    plannedEnd: '2026-12-10',
    startedAt: status === WorkOrderStatus.Planned ? null : '2026-12-10T08:00:00.000Z',
    completedAt: status === WorkOrderStatus.Done ? '2026-12-10T09:00:00.000Z' : null,
  };
}

export const CHECKLIST = [
  { code: 'FRAME', label: 'Frame free of scratches' },
  { code: 'BRAKES', label: 'Brakes stop the bike' },
  { code: 'BATTERY', label: 'Battery charges' },
];

export function trackedOrder(
  status: OrderStatus,
  fulfilment: Partial<Fulfilment> = {},
  number = 'MTO-AB12-CD34',
): TrackedOrder {
  return {
    number,
    status,
    placedAt: '2026-12-01T09:30:00.000Z',
    customer: { name: 'Grace Hopper' },
    total: { currency: 'EUR', amount: '349900' },
    lines: [{ quantity: 1, product: { code: 'e-bike', name: 'Custom e-bike' } }],
    fulfilment: {
      promise: {
        shipDate: '2026-12-18',
        materialsReadyDate: '2026-12-01',
        productionStartDate: '2026-12-02',
        productionEndDate: '2026-12-15',
        qualityControlDate: '2026-12-16',
        bottleneck: {
          kind: BottleneckKind.Work,
          subject: '',
          message: 'the work itself: 6 operations',
          days: 10,
        },
      },
      expectedShipDate: '2026-12-18',
      slip: null,
      allowedActions: [],
      events: [
        {
          at: '2026-12-01T09:30:00.000Z',
          actor: 'Grace Hopper',
          kind: OrderEventKind.Placed,
          fromStatus: null,
          toStatus: OrderStatus.Placed,
          message: 'Order placed',
        },
      ],
      workOrders: [],
      requisitions: [],
      reservations: [],
      checklist: CHECKLIST,
      qualityChecks: [],
      shipment: null,
      ...fulfilment,
    },
  };
}
