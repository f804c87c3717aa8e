import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import { fitsColumn, rangeOf, STOCK_QUANTITY } from '../db/decimal-column.js';
import { claimWriter, forUpdate } from '../db/locking.js';
import { isPostgres, placeholders, rowsOf } from '../db/rows.js';
import { Decimal, parseDecimal } from '../engine/index.js';
import { badInput, notFound } from '../errors.js';
import type { Order, OrderLine } from '../orders/order.entity.js';
import { Part } from './part.entity.js';
import type { ReservationStatus, StockMovementKind } from './part-enums.js';
import { Reservation } from './reservation.entity.js';
import { StockMovement } from './stock-movement.entity.js';

/** Stock held for an order, as its row says: plain data, no entity. */
export interface ReservationRow {
  orderId: number;
  partNumber: string;
  /** Exact decimal text. */
  quantity: string;
  status: ReservationStatus;
}

export interface PartStockView {
  part: Part;
  onHand: Decimal;
  reserved: Decimal;
  available: Decimal;
  /** Open requisitions' quantities: what is bought and not received yet. */
  onOrder: Decimal;
}

/** What is bought and not received yet, per part: told by whoever buys (fulfilment's requisitions). */
export type OnOrderSource = (partNumbers: string[]) => Promise<Map<string, Decimal>>;

/** One change of a part's stock. Every change of on hand is recorded as a stock movement. */
export interface StockChange {
  partNumber: string;
  /** Signed change of what is on hand. */
  onHand?: Decimal;
  /** Signed change of what orders hold (reserved never goes below 0). */
  reserved?: Decimal;
  /** Why on hand changes: required with `onHand`. */
  movement?: { kind: StockMovementKind; reason: string; actor: string; orderNumber: string | null };
}

/** What planning reads of a part: its supplier, lead time and stock (a locked row, no entity). */
export type PartStock = Pick<
  Part,
  'partNumber' | 'supplier' | 'leadTimeDays' | 'stockOnHand' | 'stockReserved' | 'minimumOrderQuantity'
>;

/** Stock held for an order line. */
export interface ReservationRequest {
  partNumber: string;
  orderLine: OrderLine;
  quantity: Decimal;
}

/** Stock of the given parts as read, in part number order; `options` may lock them (forUpdate). */
export async function partsByNumber(
  em: EntityManager,
  partNumbers: string[],
  options: object = {},
): Promise<Map<string, Part>> {
  if (partNumbers.length === 0) return new Map();
  const parts = await em.find(
    Part,
    { partNumber: { $in: partNumbers } },
    { orderBy: { partNumber: 'asc' }, ...options },
  );
  return new Map(parts.map((part) => [part.partNumber, part]));
}

/** What the reservations take of each part, summed (one order's lines may take the same part). */
export function takenPerPart(
  requests: readonly Pick<ReservationRequest, 'partNumber' | 'quantity'>[],
): Map<string, Decimal> {
  const taking = new Map<string, Decimal>();
  for (const { partNumber, quantity } of requests)
    taking.set(partNumber, (taking.get(partNumber) ?? new Decimal(0)).plus(quantity));
  return taking;
}

/** On hand beyond what orders hold (never negative). */
export function available(part: Pick<Part, 'stockOnHand' | 'stockReserved'> | undefined): Decimal {
  if (!part) return new Decimal(0);
  const free = new Decimal(String(part.stockOnHand)).minus(new Decimal(String(part.stockReserved)));
  return free.isNegative() ? new Decimal(0) : free;
}

/**
 * Parts, their stock, reservations and movements. Every change of a part's on-hand or reserved quantity
 * goes through `changeStock`, inside the caller's transaction.
 */
export class StockService {
  constructor(
    readonly em: EntityManager,
    readonly clock: Clock,
    private readonly onOrderOf: OnOrderSource = async () => new Map(),
  ) {}

  /** Locks the parts (in part number order, on PostgreSQL) and reads them fresh. */
  lockParts(em: EntityManager, partNumbers: string[]): Promise<Map<string, Part>> {
    return partsByNumber(em, [...new Set(partNumbers)].sort(), forUpdate(em));
  }

  /**
   * The one place where on hand and reserved change: the parts are locked unless `locked` holds them
   * already, each change is applied in turn and every change of on hand is recorded as a movement.
   * `check` may refuse a change (by throwing) before it is applied.
   */
  async changeStock(
    em: EntityManager,
    changes: StockChange[],
    options: {
      locked?: Map<string, Part>;
      check?: (part: Part, onHandAfter: Decimal, reservedAfter: Decimal) => void;
    } = {},
  ): Promise<{ parts: Map<string, Part>; movements: StockMovement[] }> {
    const numbers = changes.map((change) => change.partNumber);
    const parts =
      options.locked && numbers.every((number) => options.locked!.has(number))
        ? options.locked
        : await this.lockParts(em, numbers);
    const now = this.clock.now();
    const movements: StockMovement[] = [];
    for (const change of changes) {
      const part = parts.get(change.partNumber);
      if (!part) throw new Error(`part ${change.partNumber} is not on record`);
      const onHand = new Decimal(String(part.stockOnHand)).plus(change.onHand ?? 0);
      const reserved = Decimal.max(new Decimal(String(part.stockReserved)).plus(change.reserved ?? 0), 0);
      options.check?.(part, onHand, reserved);
      part.stockOnHand = onHand.toFixed();
      part.stockReserved = reserved.toFixed();
      if (change.onHand && !change.onHand.isZero()) {
        if (!change.movement) throw new Error(`a change of ${part.partNumber} on hand needs its reason`);
        movements.push(
          em.create(StockMovement, {
            partNumber: part.partNumber,
            at: now,
            quantity: change.onHand.toFixed(),
            onHandAfter: onHand.toFixed(),
            ...change.movement,
          }),
        );
      }
    }
    return { parts, movements };
  }

  /**
   * The parts' stock as plain rows (placement reads ~30 parts an order; entities would be built, tracked
   * and diffed at its flush for nothing). `lock`: locked in part number order on PostgreSQL, until the
   * transaction ends.
   */
  async stockOf(
    em: EntityManager,
    partNumbers: string[],
    { lock = false }: { lock?: boolean } = {},
  ): Promise<Map<string, PartStock>> {
    const numbers = [...new Set(partNumbers)].sort();
    if (numbers.length === 0) return new Map();
    const rows = await rowsOf<PartStock>(
      em,
      `select part_number as "partNumber", supplier as "supplier", lead_time_days as "leadTimeDays", stock_on_hand as "stockOnHand", stock_reserved as "stockReserved", minimum_order_quantity as "minimumOrderQuantity" from part where part_number in (${numbers.map(() => '?').join(', ')}) order by part_number${lock && isPostgres(em) ? ' for update' : ''}`,
      numbers,
    );
    return new Map(
      rows.map((row) => [
        row.partNumber,
        {
          ...row,
          leadTimeDays: Number(row.leadTimeDays),
          // Exact decimal text, as the entity keeps it (SQLite answers numbers).
          stockOnHand: new Decimal(String(row.stockOnHand)).toFixed(),
          stockReserved: new Decimal(String(row.stockReserved)).toFixed(),
          minimumOrderQuantity: new Decimal(String(row.minimumOrderQuantity)).toFixed(),
        },
      ]),
    );
  }

  /**
   * Holds stock for reservations planned from an earlier read: the parts are locked (part number order)
   * and read again, and if each still has what is to be taken, their reserved quantities are written with
   * one statement; true. False, with nothing written, when another order took the stock meanwhile (the
   * caller plans again). The parts stay locked until the transaction ends. `locked`: the parts as this
   * transaction already read them locked (they cannot have changed: not read again).
   */
  async holdStock(
    em: EntityManager,
    requests: ReservationRequest[],
    locked?: Map<string, PartStock>,
  ): Promise<boolean> {
    if (requests.length === 0) return true;
    const taking = takenPerPart(requests);
    const parts = locked ?? (await this.stockOf(em, [...taking.keys()], { lock: true }));
    const reserved = new Map<string, Decimal>();
    for (const [number, quantity] of taking) {
      const part = parts.get(number);
      if (!part || available(part).lessThan(quantity)) return false;
      reserved.set(number, new Decimal(part.stockReserved).plus(quantity));
    }
    const numbers = [...reserved.keys()];
    // Written as the new values (the rows are locked); cast: PostgreSQL reads untyped parameters as text.
    await em
      .getConnection()
      .execute(
        `update part set stock_reserved = case ${numbers.map(() => 'when part_number = ? then cast(? as numeric)').join(' ')} end where part_number in (${numbers.map(() => '?').join(', ')})`,
        [...numbers.flatMap((number) => [number, reserved.get(number)!.toFixed()]), ...numbers],
        'run',
        em.getTransactionContext(),
      );
    return true;
  }

  /**
   * The reservation rows, in one multi-row insert: no entity is built for them (a placement writes ~30).
   * What they hold is written by `holdStock`.
   */
  async recordReservations(em: EntityManager, order: Order, requests: ReservationRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const now = this.clock.now();
    await em.insertMany(
      Reservation,
      requests.map((request) => ({
        partNumber: request.partNumber,
        order: order.id,
        orderLine: request.orderLine.id,
        quantity: request.quantity.toFixed(),
        status: 'RESERVED',
        createdAt: now,
      })) as unknown as Reservation[],
    );
  }

  /** Gives back what a cancelled order held. Returns how many reservations were released. */
  async releaseReservations(em: EntityManager, order: Order): Promise<number> {
    const reservations = await em.find(Reservation, { order, status: 'RESERVED' });
    await this.changeStock(
      em,
      reservations.map((reservation) => ({
        partNumber: reservation.partNumber,
        reserved: new Decimal(reservation.quantity).negated(),
      })),
    );
    for (const reservation of reservations) reservation.status = 'RELEASED';
    return reservations.length;
  }

  /** Takes what the order holds out of stock, to production. Returns how many reservations were issued. */
  async issueReservations(em: EntityManager, order: Order, actor: string): Promise<number> {
    const reservations = await em.find(Reservation, { order, status: 'RESERVED' });
    if (reservations.length === 0) return 0;
    await this.changeStock(
      em,
      reservations.map((reservation) => {
        const quantity = new Decimal(reservation.quantity).negated();
        return {
          partNumber: reservation.partNumber,
          onHand: quantity,
          reserved: quantity,
          movement: {
            kind: 'ISSUE' as const,
            reason: `Issued to production for order ${order.number}`,
            actor,
            orderNumber: order.number,
          },
        };
      }),
    );
    for (const reservation of reservations) reservation.status = 'ISSUED';
    return reservations.length;
  }

  /**
   * Brings a purchase into stock and holds `reserve` of it for the order line it was bought for (the
   * rest is free stock). Returns the part.
   */
  async receive(
    em: EntityManager,
    receipt: {
      partNumber: string;
      quantity: Decimal;
      reserve: Decimal;
      order: Order;
      orderLine: OrderLine;
      reason: string;
      actor: string;
    },
  ): Promise<Part> {
    const { parts } = await this.changeStock(em, [
      {
        partNumber: receipt.partNumber,
        onHand: receipt.quantity,
        reserved: receipt.reserve,
        movement: {
          kind: 'RECEIPT',
          reason: receipt.reason,
          actor: receipt.actor,
          orderNumber: receipt.order.number,
        },
      },
    ]);
    em.create(Reservation, {
      partNumber: receipt.partNumber,
      order: receipt.order,
      orderLine: receipt.orderLine,
      quantity: receipt.reserve.toFixed(),
      status: 'RESERVED',
      createdAt: this.clock.now(),
    });
    return parts.get(receipt.partNumber)!;
  }

  /** The reservations of the given orders, oldest first, as rows (the staff's reads build no entity). */
  async reservationsOf(orderIds: readonly number[]): Promise<ReservationRow[]> {
    if (orderIds.length === 0) return [];
    const rows = await rowsOf<Record<string, unknown>>(
      this.em,
      `select order_id, part_number, quantity, status from stock_reservation where order_id in (${placeholders(orderIds.length)}) order by id`,
      orderIds,
    );
    return rows.map((row) => ({
      orderId: Number(row.order_id),
      partNumber: String(row.part_number),
      quantity: String(row.quantity),
      status: String(row.status) as ReservationStatus,
    }));
  }

  /** Whether any stock movement is on record. */
  async hasMovements(em: EntityManager): Promise<boolean> {
    return (await em.count(StockMovement, {})) > 0;
  }

  /**
   * Changes a part's on-hand quantity by `quantity` (signed exact decimal: "+12", "-3", "0.5") and records
   * who, when and why (the arguments as read by adjustStockArguments: a non-zero decimal, the reason and
   * who trimmed). Refused, changing nothing: an unknown part, a quantity with more decimals than the part
   * keeps, or one that leaves less on hand than orders hold.
   */
  async adjustStock(
    partNumber: string,
    quantity: string,
    reason: string,
    actor: string,
  ): Promise<{ part: PartStockView; movement: StockMovement }> {
    // The arguments' shape (a non-zero decimal, a reason, who) was checked by adjustStockArguments.
    const change = parseDecimal(quantity)!;
    const id = await this.em.transactional(async (em) => {
      await claimWriter(em);
      const part = (await this.lockParts(em, [partNumber])).get(partNumber);
      if (!part) throw notFound('partNumber', `There is no part '${partNumber.slice(0, 64)}'`);
      const { movements } = await this.changeStock(
        em,
        [
          {
            partNumber,
            onHand: change,
            movement: { kind: 'ADJUSTMENT', reason, actor, orderNumber: null },
          },
        ],
        {
          locked: new Map([[partNumber, part]]),
          check: (locked, onHand, reserved) => {
            if (change.decimalPlaces() > locked.quantityScale) {
              throw badInput(
                'quantity',
                `${locked.partNumber} is counted in ${locked.unit} with ${locked.quantityScale} decimal${locked.quantityScale === 1 ? '' : 's'}: '${quantity}' has ${change.decimalPlaces()}`,
              );
            }
            if (!fitsColumn(onHand, STOCK_QUANTITY)) {
              throw badInput(
                'quantity',
                `That makes ${onHand.toFixed()} ${locked.unit} of ${locked.partNumber} on hand: stock is ${rangeOf(STOCK_QUANTITY)}`,
              );
            }
            if (onHand.lessThan(reserved)) {
              throw badInput(
                'quantity',
                `That leaves ${onHand.toFixed()} ${locked.unit} of ${locked.partNumber} on hand, less than the ${reserved.toFixed()} reserved for orders`,
              );
            }
          },
        },
      );
      await em.flush();
      return movements[0]!.id;
    });
    this.em.clear();
    const movement = await this.em.findOneOrFail(StockMovement, { id });
    const [part] = await this.stock({ partNumbers: [partNumber] });
    return { part: part!, movement };
  }

  /** Parts with their stock, in part number order; `search` matches the number or the description. */
  async stock(
    filter: { partNumbers?: string[]; search?: string | null } = {},
    /** What is on order per part, when the caller read it already (else asked of whoever buys). */
    knownOnOrder?: ReadonlyMap<string, Decimal>,
  ): Promise<PartStockView[]> {
    const where: Record<string, unknown> = {};
    if (filter.partNumbers) where.partNumber = { $in: filter.partNumbers };
    const search = filter.search?.trim();
    if (search)
      where.$or = [{ partNumber: { $like: `%${search}%` } }, { description: { $like: `%${search}%` } }];
    const parts = await this.em.find(Part, where, { orderBy: { partNumber: 'asc' } });
    const onOrder = knownOnOrder ?? (await this.onOrderOf(parts.map((part) => part.partNumber)));
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
