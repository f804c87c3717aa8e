import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import { claimWriter, forUpdate } from '../db/locking.js';
import { Decimal, parseDecimal } from '../engine/index.js';
import { PurchaseRequisition } from '../fulfilment/purchase-requisition.entity.js';
import { badInput, notFound } from '../graphql/errors.js';
import { Part } from './part.entity.js';
import { StockMovement } from './stock-movement.entity.js';

const MAX_REASON_LENGTH = 500;
const MAX_ACTOR_LENGTH = 100;

export interface PartStockView {
  part: Part;
  onHand: Decimal;
  reserved: Decimal;
  available: Decimal;
  /** Open requisitions' quantities: what is bought and not received yet. */
  onOrder: Decimal;
}

/** Stock of parts: what is on hand, reserved and on order; counted adjustments with their audit. */
export class StockService {
  constructor(
    readonly em: EntityManager,
    readonly clock: Clock,
  ) {}

  /**
   * Changes a part's on-hand quantity by `quantity` (signed exact decimal: "+12", "-3", "0.5") and records
   * who, when and why. Refused, changing nothing: an unknown part, a quantity that is not a decimal or has
   * more decimals than the part keeps, a change of 0, or one that leaves less on hand than orders hold.
   */
  async adjustStock(
    partNumber: string,
    quantity: string,
    reason: string,
    by: string | null | undefined,
  ): Promise<{ part: PartStockView; movement: StockMovement }> {
    const change = parseDecimal(quantity);
    if (!change || change.isZero()) {
      throw badInput(
        'quantity',
        `'${quantity.slice(0, 40)}' is not a change of stock: give a signed decimal such as "12" or "-3"`,
      );
    }
    const why = reason.trim();
    if (why.length === 0) throw badInput('reason', 'Say why the stock changes (a count, a damaged part...)');
    if (why.length > MAX_REASON_LENGTH)
      throw badInput('reason', `A reason has at most ${MAX_REASON_LENGTH} characters`);
    const actor = (by ?? '').trim() || 'operations';
    if (actor.length > MAX_ACTOR_LENGTH)
      throw badInput('by', `'by' has at most ${MAX_ACTOR_LENGTH} characters`);
    const id = await this.em.transactional(async (em) => {
      await claimWriter(em);
      const part = await em.findOne(Part, { partNumber }, forUpdate(em));
      if (!part) throw notFound('partNumber', `There is no part '${partNumber.slice(0, 64)}'`);
      if (change.decimalPlaces() > part.quantityScale) {
        throw badInput(
          'quantity',
          `${part.partNumber} is counted in ${part.unit} with ${part.quantityScale} decimal${part.quantityScale === 1 ? '' : 's'}: '${quantity}' has ${change.decimalPlaces()}`,
        );
      }
      const reserved = new Decimal(String(part.stockReserved));
      const onHand = new Decimal(String(part.stockOnHand)).plus(change);
      if (onHand.lessThan(reserved)) {
        throw badInput(
          'quantity',
          `That leaves ${onHand.toFixed()} ${part.unit} of ${part.partNumber} on hand, less than the ${reserved.toFixed()} reserved for orders`,
        );
      }
      part.stockOnHand = onHand.toFixed();
      const movement = em.create(StockMovement, {
        partNumber: part.partNumber,
        at: this.clock.now(),
        kind: 'ADJUSTMENT',
        quantity: change.toFixed(),
        onHandAfter: onHand.toFixed(),
        reason: why,
        actor,
        orderNumber: null,
      });
      await em.flush();
      return movement.id;
    });
    this.em.clear();
    const movement = await this.em.findOneOrFail(StockMovement, { id });
    const [part] = await this.stock({ partNumbers: [partNumber] });
    return { part: part!, movement };
  }

  /** Parts with their stock, in part number order; `search` matches the number or the description. */
  async stock(filter: { partNumbers?: string[]; search?: string | null } = {}): Promise<PartStockView[]> {
    const where: Record<string, unknown> = {};
    if (filter.partNumbers) where.partNumber = { $in: filter.partNumbers };
    const search = filter.search?.trim();
    if (search)
      where.$or = [{ partNumber: { $like: `%${search}%` } }, { description: { $like: `%${search}%` } }];
    const parts = await this.em.find(Part, where, { orderBy: { partNumber: 'asc' } });
    const open = await this.em.find(
      PurchaseRequisition,
      { status: 'OPEN', partNumber: { $in: parts.map((part) => part.partNumber) } },
      { fields: ['partNumber', 'quantity'] },
    );
    const onOrder = new Map<string, Decimal>();
    for (const requisition of open) {
      onOrder.set(
        requisition.partNumber,
        (onOrder.get(requisition.partNumber) ?? new Decimal(0)).plus(requisition.quantity),
      );
    }
    return parts.map((part) => {
      const onHand = new Decimal(String(part.stockOnHand));
      const reserved = new Decimal(String(part.stockReserved));
      return {
        part,
        onHand,
        reserved,
        available: Decimal.max(onHand.minus(reserved), 0),
        onOrder: onOrder.get(part.partNumber) ?? new Decimal(0),
      };
    });
  }

  /** The latest stock movements of a part, newest first. */
  movements(partNumber: string, limit = 50): Promise<StockMovement[]> {
    return this.em.find(StockMovement, { partNumber }, { orderBy: { at: 'desc', id: 'desc' }, limit });
  }
}
