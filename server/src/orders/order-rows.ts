import type { EntityManager } from '@mikro-orm/core';
import type { CustomerAccount } from '../accounts/customer-account.entity.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { ModelVersionRecord } from '../catalog/model-cache.js';
import { dateIn, jsonIn, placeholders, rowsOf, textIn } from '../db/rows.js';
import type { BomRow } from './bom-rows.js';
import type { Customer } from './customer.entity.js';
import type { Order, OrderLine } from './order.entity.js';
import type { OrderStatus } from './order-status.js';

/** A list loaded or not, as a MikroORM collection answers (an entity's) or as rows give it. */
export interface LoadedList<T> {
  isInitialized(): boolean;
  getItems(): T[];
}

/** What the reads show of an order line: its entity, or its row (orderRowsOf). */
export interface OrderLineData
  extends Pick<OrderLine, 'id' | 'quantity' | 'selection' | 'chosenFeatures' | 'price'> {
  modelVersion: ModelVersionRecord;
  /** Loaded with an entity when asked (ORDER_POPULATE); rows never carry it (read apart: bomRowsOf). */
  bomLines: LoadedList<Omit<BomRow, 'lineId'>>;
}

/** The scalar columns of an order the reads show. */
type OrderColumns = Pick<
  Order,
  | 'id'
  | 'number'
  | 'status'
  | 'placedAt'
  | 'updatedAt'
  | 'currency'
  | 'totalMinor'
  | 'goodsMinor'
  | 'charges'
  | 'deliveryAddress'
  | 'billingAddress'
  | 'vatId'
  | 'taxNote'
  | 'paymentTerms'
  | 'depositMinor'
  | 'acceptedTermsVersion'
  | 'acceptedTermsAt'
  | 'trackingToken'
  | 'quoteReference'
  | 'promise'
  | 'expectedShipDate'
  | 'carrier'
  | 'trackingNumber'
  | 'shippedAt'
  | 'deliveredAt'
>;

/** What the reads show of an order (toOrder, its fulfilment): its entity, or its rows (orderRowsOf). */
export interface OrderData extends OrderColumns {
  customer: Pick<Customer, 'name' | 'email'>;
  account?: Pick<CustomerAccount, 'id' | 'name'> | null;
  lines: LoadedList<OrderLineData>;
}

/** A list that is there. */
function loaded<T>(items: T[]): LoadedList<T> {
  return { isInitialized: () => true, getItems: () => items };
}

/** The BOM of a line read as a row: never loaded with it. */
const BOM_NOT_LOADED: LoadedList<never> = {
  isInitialized: () => false,
  getItems: () => {
    throw new Error('The BOM of an order line read as a row is read apart (bomRowsOf)');
  },
};

const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

type Raw = Record<string, unknown>;

/**
 * The orders with the given ids, each with its customer, account and lines, as plain rows in three queries
 * (the orders with their customer and account, the lines, and each model version as the catalog remembers
 * it): a board or a page of orders built and tracked ~1,000 entities a request, most of its CPU. In no
 * particular order; an id without an order is left out.
 */
export async function orderRowsOf(
  em: EntityManager,
  catalog: CatalogService,
  ids: readonly number[],
): Promise<OrderData[]> {
  if (ids.length === 0) return [];
  const marks = placeholders(ids.length);
  const [orderRows, lineRows] = await Promise.all([
    rowsOf<Raw>(
      em,
      `select o.id, o.number, o.status, o.placed_at, o.updated_at, o.currency, o.total_minor, o.goods_minor, o.charges, o.delivery_address, o.billing_address, o.vat_id, o.tax_note, o.payment_terms, o.deposit_minor, o.accepted_terms_version, o.accepted_terms_at, o.quote_reference, o.promise, o.expected_ship_date, o.carrier, o.tracking_number, o.shipped_at, o.delivered_at, c.name as customer_name, c.email as customer_email, o.account_id, a.name as account_name from customer_order o join customer c on c.id = o.customer_id left join customer_account a on a.id = o.account_id where o.id in (${marks})`,
      ids,
    ),
    rowsOf<Raw>(
      em,
      `select l.id, l.order_id, l.quantity, l.selection, l.chosen_features, l.price, v.product_code, v.version from order_line l join product_model_version v on v.id = l.model_version_id where l.order_id in (${marks}) order by l.order_id, l.position`,
      ids,
    ),
  ]);
  // The few model versions the lines name, as the catalog remembers them (read once a process).
  const versions = new Map<string, ModelVersionRecord>();
  for (const row of lineRows) {
    const key = `${row.product_code}@${row.version}`;
    if (versions.has(key)) continue;
    const version = await catalog.findVersion(String(row.product_code), Number(row.version));
    if (!version) throw new Error(`Order line ${row.id}: model version ${key} not found`);
    versions.set(key, version);
  }
  const linesOf = new Map<number, OrderLineData[]>();
  for (const row of lineRows) {
    const orderId = Number(row.order_id);
    const line: OrderLineData = {
      id: Number(row.id),
      quantity: Number(row.quantity),
      selection: jsonIn<OrderLine['selection']>(row.selection)!,
      chosenFeatures: jsonIn<string[]>(row.chosen_features)!,
      price: jsonIn<OrderLine['price']>(row.price)!,
      modelVersion: versions.get(`${row.product_code}@${row.version}`)!,
      bomLines: BOM_NOT_LOADED,
    };
    const list = linesOf.get(orderId);
    if (list) list.push(line);
    else linesOf.set(orderId, [line]);
  }
  return orderRows.map((row): OrderData => {
    const id = Number(row.id);
    return {
      id,
      number: String(row.number),
      status: String(row.status) as OrderStatus,
      placedAt: dateIn(row.placed_at)!,
      updatedAt: dateIn(row.updated_at)!,
      currency: String(row.currency),
      totalMinor: Number(row.total_minor),
      goodsMinor: nullableNumber(row.goods_minor),
      charges: jsonIn(row.charges),
      deliveryAddress: jsonIn(row.delivery_address),
      billingAddress: jsonIn(row.billing_address),
      vatId: textIn(row.vat_id),
      taxNote: textIn(row.tax_note),
      paymentTerms: jsonIn(row.payment_terms),
      depositMinor: nullableNumber(row.deposit_minor),
      acceptedTermsVersion: textIn(row.accepted_terms_version),
      acceptedTermsAt: dateIn(row.accepted_terms_at),
      // Only the answer that placed the order has it (never stored).
      trackingToken: undefined,
      quoteReference: textIn(row.quote_reference),
      promise: jsonIn(row.promise),
      expectedShipDate: textIn(row.expected_ship_date),
      carrier: textIn(row.carrier),
      trackingNumber: textIn(row.tracking_number),
      shippedAt: dateIn(row.shipped_at),
      deliveredAt: dateIn(row.delivered_at),
      customer: { name: String(row.customer_name), email: String(row.customer_email) },
      account:
        row.account_id === null || row.account_id === undefined
          ? null
          : { id: Number(row.account_id), name: String(row.account_name) },
      lines: loaded(linesOf.get(id) ?? []),
    };
  });
}
