import type { EntityManager } from '@mikro-orm/core';
import { type OrderAction, type OrderStatus, transition } from '../engine/index.js';
import type { Order } from '../orders/order.entity.js';
import type { StockService } from '../parts/stock.service.js';
import { releaseBookings } from './capacity-days.js';
import type { OrderActions } from './order-actions.js';
import { type ActionOutcome, refuse, refused } from './outcomes.js';
import { type QualityCheckItemResult, QualityCheckRecord } from './quality-check.entity.js';
import { lifecycleRefusal } from './refusal-code.js';
import { WorkOrder } from './work-order.entity.js';

/** Minutes of rework booked after a failed quality check, when the inspector does not say. */
export const DEFAULT_REWORK_MINUTES = 60;

export interface QualityCheckInput {
  orderNumber: string;
  passed: boolean;
  items: { code: string; passed: boolean; note?: string | null }[];
  notes?: string | null;
  reworkMinutes?: number | null;
}

/** A quality check read against the order's checklist: every item answered once, the verdict consistent. */
interface Verdict {
  items: QualityCheckItemResult[];
  failed: QualityCheckItemResult[];
  notes: string | null;
  reworkMinutes: number;
}

/**
 * Production: work orders started (the first one issues the order's materials) and completed, and the
 * quality check that ends it (a fail sends the order back with a rework work order).
 */
export class ProductionService {
  constructor(
    readonly actions: OrderActions,
    readonly stock: StockService,
  ) {}

  /** Starts a work order; the first one started takes the order's reserved materials out of stock. */
  async startWorkOrder(id: number, by: string): Promise<ActionOutcome> {
    const found = await this.actions.em.fork().findOne(WorkOrder, { id }, { populate: ['order'] });
    if (!found) return refuse('WORK_ORDER_NOT_FOUND', 'id', `There is no work order ${id}`);
    return this.actions.onOrder(found.order.number, by, async (em, order, actor) => {
      await this.startOne(em, order, await em.findOneOrFail(WorkOrder, { id }), actor, 'id');
    });
  }

  async completeWorkOrder(id: number, by: string): Promise<ActionOutcome> {
    const found = await this.actions.em.fork().findOne(WorkOrder, { id }, { populate: ['order'] });
    if (!found) return refuse('WORK_ORDER_NOT_FOUND', 'id', `There is no work order ${id}`);
    return this.actions.onOrder(found.order.number, by, async (em, order, actor) => {
      await this.completeOne(em, order, await em.findOneOrFail(WorkOrder, { id }), actor, 'id');
    });
  }

  /**
   * Starts every planned work order of the order, in routing order, each through the same guard as one
   * started on its own, in one transaction: when one may not start, none does and the answer names it.
   */
  startOrderWorkOrders(number: string, by: string): Promise<ActionOutcome> {
    return this.actions.onOrder(number, by, async (em, order, actor) => {
      const planned = await em.find(
        WorkOrder,
        { order, status: 'PLANNED' },
        { orderBy: { position: 'asc', id: 'asc' } },
      );
      if (planned.length === 0) {
        refused(
          'WORK_ORDER_NOT_PLANNED',
          'number',
          `Order ${order.number} has no planned work order to start`,
        );
      }
      for (const workOrder of planned) await this.startOne(em, order, workOrder, actor, 'number');
    });
  }

  /**
   * Completes every open work order of the order, in routing order, each through the same guard as one
   * completed on its own (a planned one must be started first), in one transaction: when one may not be
   * completed, none is and the answer names it. The last one moves the order to QUALITY_CHECK.
   */
  completeOrderWorkOrders(number: string, by: string): Promise<ActionOutcome> {
    return this.actions.onOrder(number, by, async (em, order, actor) => {
      const open = await em.find(
        WorkOrder,
        { order, status: { $in: ['PLANNED', 'STARTED'] } },
        { orderBy: { position: 'asc', id: 'asc' } },
      );
      if (open.length === 0) {
        refused(
          'WORK_ORDER_NOT_STARTED',
          'number',
          `Order ${order.number} has no started work order to complete`,
        );
      }
      for (const workOrder of open) await this.completeOne(em, order, workOrder, actor, 'number', false);
      // Released at once, for all of them: the days are then taken in one order, as placement takes them.
      await releaseBookings(em, {
        workOrderIds: open.map((workOrder) => workOrder.id),
        after: this.actions.clock.today(),
      });
    });
  }

  /** One work order started, guarded as the lifecycle says; `field` is the argument a refusal names. */
  private async startOne(
    em: EntityManager,
    order: Order,
    workOrder: WorkOrder,
    actor: string,
    field: string,
  ): Promise<void> {
    const facts = await this.actions.factsOf(em, order);
    const name = `Work order ${workOrder.id} (${workOrder.operationCode})`;
    // Before production, the missing materials are what stops it: say so rather than "not allowed".
    const waiting = order.status === 'CONFIRMED' || order.status === 'AWAITING_MATERIALS';
    const allowed = transition(order.status as OrderStatus, waiting ? 'materialsReady' : 'startWork', facts);
    // One of several (field 'number'): the refusal says which work order could not start.
    const which = field === 'number' ? `${name}: ` : '';
    if (!allowed.ok) refused(lifecycleRefusal(allowed.code), field, `${which}${allowed.message}`);
    if (waiting) {
      refused(
        'NOT_ALLOWED_IN_STATUS',
        field,
        `${which}Order ${order.number} is not in production yet: confirm it first`,
      );
    }
    if (workOrder.status !== 'PLANNED') {
      refused(
        'WORK_ORDER_NOT_PLANNED',
        field,
        `${name} is ${workOrder.status.toLowerCase()}: only a planned work order can start`,
      );
    }
    const issued = await this.stock.issueReservations(em, order, actor);
    if (issued > 0) {
      this.actions.event(em, order, {
        actor,
        kind: 'MATERIALS_ISSUED',
        message: `${issued} reserved materials issued to production`,
      });
    }
    workOrder.status = 'STARTED';
    workOrder.startedAt = this.actions.clock.now();
    this.actions.event(em, order, {
      actor,
      kind: 'WORK_STARTED',
      message: `${workOrder.operationCode} started at ${workOrder.workCentre}: ${workOrder.description}`,
    });
  }

  /** One started work order completed; the last one moves the order on by itself. */
  private async completeOne(
    em: EntityManager,
    order: Order,
    workOrder: WorkOrder,
    actor: string,
    field: string,
    release = true,
  ): Promise<void> {
    if (workOrder.status !== 'STARTED') {
      refused(
        'WORK_ORDER_NOT_STARTED',
        field,
        `Work order ${workOrder.id} (${workOrder.operationCode}) is ${workOrder.status.toLowerCase()}: start it before completing it`,
      );
    }
    workOrder.status = 'DONE';
    workOrder.completedAt = this.actions.clock.now();
    // Done is done: the minutes it still held on later days are free for other orders.
    if (release)
      await releaseBookings(em, { workOrderIds: [workOrder.id], after: this.actions.clock.today() });
    this.actions.event(em, order, {
      actor,
      kind: 'WORK_COMPLETED',
      message: `${workOrder.operationCode} completed at ${workOrder.workCentre}`,
    });
    await this.actions.advance(em, order);
  }

  /**
   * Records a quality check against the order's checklist: every item answered, pass only when every
   * item passed. A pass makes the order ready to ship; a fail returns it to production with a rework
   * work order.
   */
  async recordQualityCheck(input: QualityCheckInput, by: string): Promise<ActionOutcome> {
    return this.actions.onOrder(input.orderNumber, by, async (em, order, actor) => {
      const verdict = readVerdict(await this.actions.checklistOf(em, order), input);
      const { items, failed, notes } = verdict;
      const action: OrderAction = input.passed ? 'passQuality' : 'failQuality';
      // Written before the transition's guard is read; a refusal rolls the whole transaction back.
      em.create(QualityCheckRecord, {
        order,
        at: this.actions.clock.now(),
        actor,
        passed: input.passed,
        items,
        notes,
      });
      const summary = input.passed
        ? `Quality check passed (${items.length} items)${notes ? `: ${notes}` : ''}`
        : `Quality check failed: ${[
            ...failed.map((item) => (item.note ? `${item.label} (${item.note})` : item.label)),
            notes,
          ]
            .filter(Boolean)
            .join('; ')}; back to production for rework`;
      if (!input.passed) {
        const why = failed.map((item) => item.label).join('; ') || notes;
        await this.planRework(em, order, `Rework after the quality check: ${why}`, verdict.reworkMinutes);
      }
      // The rework work order exists before the transition, so production does not finish by itself.
      await this.actions.apply(em, order, action, actor, summary, 'input.orderNumber');
      if (!input.passed) await this.actions.refreshExpected(em, order);
    });
  }

  /** A rework work order at the order's main work centre: the one with the most minutes of its routing. */
  private async planRework(
    em: EntityManager,
    order: Order,
    description: string,
    minutes: number,
  ): Promise<void> {
    const planned = await em.find(WorkOrder, { order }, { orderBy: { position: 'asc' } });
    const main = planned
      .filter((workOrder) => !workOrder.rework)
      .reduce<WorkOrder | null>(
        (best, workOrder) => (!best || Number(workOrder.minutes) > Number(best.minutes) ? workOrder : best),
        null,
      );
    const last = main ?? planned[0];
    if (!last) throw new Error(`order ${order.number} has no work orders to rework`);
    const today = this.actions.clock.today();
    em.create(WorkOrder, {
      order,
      orderLine: last.orderLine,
      position: planned.length,
      operationCode: 'REWORK',
      description,
      workCentre: last.workCentre,
      minutes: String(minutes),
      status: 'PLANNED',
      rework: true,
      plannedStart: today,
      plannedEnd: today,
    });
  }
}

/** Reads a quality check against the checklist; refuses (rolling back) what does not add up. */
function readVerdict(checklist: { code: string; label: string }[], input: QualityCheckInput): Verdict {
  const answered = new Map<string, { passed: boolean; note: string | null }>();
  for (const [index, item] of input.items.entries()) {
    const field = `input.items[${index}].code`;
    if (!checklist.some((entry) => entry.code === item.code)) {
      refused(
        'UNKNOWN_CHECK_ITEM',
        field,
        `'${item.code}' is not on this order's checklist (${checklist.map((entry) => entry.code).join(', ')})`,
      );
    }
    if (answered.has(item.code)) refused('DUPLICATE_CHECK_ITEM', field, `'${item.code}' is answered twice`);
    answered.set(item.code, { passed: item.passed, note: item.note?.trim() || null });
  }
  const missing = checklist.filter((entry) => !answered.has(entry.code));
  if (missing.length > 0) {
    refused(
      'CHECKLIST_INCOMPLETE',
      'input.items',
      `Answer every item of the checklist; missing: ${missing.map((entry) => entry.label).join('; ')}`,
    );
  }
  const items = checklist.map(({ code, label }) => {
    const { passed, note } = answered.get(code)!;
    return { code, label, passed, note };
  });
  const failed = items.filter((item) => !item.passed);
  if (input.passed && failed.length > 0) {
    refused(
      'FAILED_ITEMS',
      'input.passed',
      `A check cannot pass with failed items: ${failed.map((item) => item.label).join('; ')}`,
    );
  }
  const notes = input.notes?.trim() || null;
  if (!input.passed && failed.length === 0 && !notes)
    refused('NOTES_REQUIRED', 'input.notes', 'Say why the check fails when every item passed');
  // Their range (1 to 10,000) was checked by qualityCheckInput (fulfilment.inputs.ts).
  const reworkMinutes = input.reworkMinutes ?? DEFAULT_REWORK_MINUTES;
  return { items, failed, notes, reworkMinutes };
}
