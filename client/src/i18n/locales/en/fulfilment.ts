/**
 * What the fulfilment helpers and the staff's order page say that no other area does: the events of an
 * order's timeline, a line's routing time, a selection's value, and the staff's order page around its
 * bill of materials and routing.
 */
export default {
  events: {
    AWAITING_REVIEW: 'Waiting for review',
    REVIEW_ACCEPTED: 'Accepted after review',
    PLACED: 'Order placed',
    MATERIALS_PLANNED: 'Materials planned',
    CONFIRMED: 'Order confirmed',
    AWAITING_MATERIALS: 'Waiting for materials',
    MATERIAL_RECEIVED: 'Material received',
    MATERIALS_READY: 'Materials ready',
    MATERIALS_ISSUED: 'Materials issued to production',
    WORK_STARTED: 'Work started',
    WORK_COMPLETED: 'Work completed',
    PRODUCTION_FINISHED: 'Production finished',
    QUALITY_PASSED: 'Quality check passed',
    QUALITY_FAILED: 'Quality check failed',
    SHIPPED: 'Shipped',
    DELIVERED: 'Delivered',
    CANCELLED: 'Cancelled',
    RELEASED: 'Materials released',
    PROMISE_SLIPPED: 'Ship date moved',
    SUPPLY_UPDATED: 'Supplier date updated',
  },
  lateBy: 'Late by {days}: {cause}',
  selection: {
    none: 'none',
    notChosen: 'not chosen',
  },
  minutes: {
    short: '{minutes} min',
    long: '{hours} h {minutes} min',
  },
  lookup: {
    placeholder: 'MTO-AB12-CD34',
  },
  staffOrder: {
    lineTitle: '{quantity} × {product}',
    modelVersion: '(model version {version})',
    bom: 'Bill of materials',
    bomHint: 'Tailored to this configuration, for {n} unit. | Tailored to this configuration, for {n} units.',
    bomOf: 'Bill of materials of {product}',
    routing: 'Routing',
    routingOf: 'Routing of {product}',
    configureAnother: 'Configure another product',
    findAnother: 'Find another order',
  },
};
