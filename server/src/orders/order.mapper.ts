import type { CatalogService } from '../catalog/catalog.service.js';
import type { Product } from '../catalog/catalog.types.js';
import type { LoadedVersion, ModelVersionRecord } from '../catalog/model-cache.js';
import { optionsInWords } from '../catalog/options-in-words.js';
import { toProduct } from '../catalog/product.mapper.js';
import { toAddress, toCharges, toPaymentTermsOption } from '../checkout/checkout.mapper.js';
import type { ProductModel, SelectionValue } from '../engine/index.js';
import { Money, Price, Violation } from '../graphql/common.types.js';
import { Selection } from '../graphql/selection.types.js';
import type { BomRow } from './bom-rows.js';
import type { OrderPage, PlaceOrderOutcome } from './order.service.js';
import {
  BomLine,
  ConfigurationRejected,
  Customer,
  InvalidOrderInput,
  LineOption,
  Order,
  OrderAccount,
  OrderConnection,
  OrderEdge,
  OrderLine,
  PageInfo,
} from './order.types.js';
import { encodeCursor } from './order-keys.js';
import type { OrderData, OrderLineData } from './order-rows.js';

/**
 * Orders as the schema shows them, mapped from entities loaded with their customer, lines, model
 * versions and BOM lines: no query here (a line's routing is its work orders, resolved by fulfilment). A line's product comes from its model version,
 * loaded once per process (CatalogService.loaded).
 */
export function toOrder(
  order: OrderData,
  catalog: CatalogService,
  /** The lines were left unloaded because the answer asks nothing of them nor of money (orderPopulateFor). */
  { linesUnasked = false }: { linesUnasked?: boolean } = {},
): Order {
  // Anywhere else lines not loaded is a fault: getItems throws rather than answer an order without lines.
  const loadedLines = linesUnasked && !order.lines.isInitialized() ? [] : order.lines.getItems();
  const lines = loadedLines.map((line) => toOrderLine(line, catalog));
  const digits = loadedLines[0]?.price.currencyDigits ?? 2;
  return Object.assign(new Order(), {
    number: order.number,
    status: order.status,
    placedAt: order.placedAt.toISOString(),
    updatedAt: order.updatedAt,
    customer: Object.assign(new Customer(), { name: order.customer.name, email: order.customer.email }),
    lines,
    total: Money.of(order.totalMinor, order.currency, digits),
    goods: Money.of(order.goodsMinor ?? order.totalMinor, order.currency, digits),
    charges: toCharges({ charges: order.charges ?? [], currency: order.currency, digits }),
    deliveryAddress: order.deliveryAddress ? toAddress(order.deliveryAddress) : null,
    billingAddress: order.billingAddress ? toAddress(order.billingAddress) : null,
    vatId: order.vatId ?? null,
    taxNote: order.taxNote ?? null,
    paymentTerms: order.paymentTerms ? toPaymentTermsOption(order.paymentTerms) : null,
    deposit:
      order.depositMinor === null || order.depositMinor === undefined
        ? null
        : Money.of(order.depositMinor, order.currency, digits),
    acceptedTermsVersion: order.acceptedTermsVersion ?? null,
    acceptedTermsAt: order.acceptedTermsAt ? order.acceptedTermsAt.toISOString() : null,
    account: order.account
      ? Object.assign(new OrderAccount(), { id: order.account.id, name: order.account.name })
      : null,
    trackingToken: order.trackingToken ?? null,
    quoteReference: order.quoteReference ?? null,
    entity: order,
  });
}

function toOrderLine(line: OrderLineData, catalog: CatalogService): OrderLine {
  const version = line.modelVersion;
  const loaded = catalog.loaded(version);
  // Parts are costed in the model's currency, whatever list priced the line.
  const { currency, currencyDigits } = loaded.model;
  const values = line.selection as Record<string, SelectionValue | null>;
  const mapped = Object.assign(new OrderLine(), {
    product: productOf(version, loaded),
    modelVersion: version.version,
    quantity: line.quantity,
    chosenFeatures: line.chosenFeatures,
    // Mapped here when loaded with the line; else resolved when asked (OrderLineBomResolver, batched per request).
    bom: line.bomLines.isInitialized()
      ? toBomLines(
          line.bomLines.getItems().sort((a, b) => a.position - b.position),
          currency,
          currencyDigits,
        )
      : undefined,
    entity: line,
  });
  // Worked out when a request reads them: a board or a page of orders asks none of them, and the options
  // in words were a tenth of a board's CPU.
  lazily(mapped, 'selections', () => toSelections(loaded.model, values));
  lazily(mapped, 'options', () =>
    optionsInWords(loaded.model, values).map((words) => Object.assign(new LineOption(), words)),
  );
  lazily(mapped, 'price', () => Price.of(line.price));
  return mapped;
}

/** Defines `field` as worked out on its first read, then kept (GraphQL reads a field of its source object). */
function lazily<T extends object, K extends keyof T>(target: T, field: K, compute: () => T[K]): void {
  Object.defineProperty(target, field, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, field, { value, configurable: true, enumerable: true, writable: true });
      return value;
    },
  });
}

/**
 * A model version's product, mapped once per loaded version (a version never changes): every line of a
 * board or a page of orders shows one of a few products.
 */
const products = new WeakMap<LoadedVersion, Product>();
function productOf(version: ModelVersionRecord, loaded: LoadedVersion): Product {
  let product = products.get(loaded);
  if (!product) {
    // A plain copy of the version: an entity kept here would keep its request's unit of work alive.
    const { id, productCode, version: number, name, source, sourceHash, publishedAt } = version;
    product = toProduct({ id, productCode, version: number, name, source, sourceHash, publishedAt }, loaded);
    products.set(loaded, product);
  }
  return product;
}

/** BOM lines (entities or rows as stored) as the schema shows them, their cost in the model's currency. */
export function toBomLines(
  rows: readonly Omit<BomRow, 'lineId'>[],
  currency: string,
  currencyDigits: number,
): BomLine[] {
  return rows.map((row) =>
    Object.assign(new BomLine(), {
      partNumber: row.partNumber,
      description: row.description,
      quantity: row.quantity,
      unit: row.unit,
      kind: row.kind,
      level: row.level,
      parentPartNumber: row.parentPartNumber ?? null,
      unitCost: Money.of(row.unitCostMinor, currency, currencyDigits),
    }),
  );
}

/** The stored values in the model's feature order (a JSON column does not keep key order everywhere). */
function toSelections(model: ProductModel, values: Record<string, SelectionValue | null>): Selection[] {
  const codes = [
    ...model.features.map((feature) => feature.code).filter((code) => code in values),
    ...Object.keys(values).filter((code) => !model.featureByCode.has(code)),
  ];
  return codes.map((code) => {
    const value = values[code] ?? null;
    const multiple = Array.isArray(value) || model.featureByCode.get(code)?.kind === 'multiple';
    return Object.assign(new Selection(), {
      feature: code,
      value: multiple || value === null ? null : String(value),
      values: multiple ? (Array.isArray(value) ? value.map(String) : []) : null,
    });
  });
}

export function toPlaceOrderResult(
  outcome: PlaceOrderOutcome,
  catalog: CatalogService,
): Order | ConfigurationRejected | InvalidOrderInput {
  switch (outcome.kind) {
    case 'placed':
      return toOrder(outcome.order, catalog);
    case 'rejected':
      return Object.assign(new ConfigurationRejected(), {
        code: 'INVALID_CONFIGURATION',
        message: outcome.message,
        violations: outcome.violations.map((violation) => Violation.of(violation)),
        line: outcome.line,
        field: outcome.field,
      });
    case 'invalid':
      return Object.assign(new InvalidOrderInput(), {
        code: outcome.code,
        message: outcome.message,
        field: outcome.field,
      });
  }
}

export function toOrderConnection(page: OrderPage, catalog: CatalogService): OrderConnection {
  const edges = page.orders.map((order) =>
    Object.assign(new OrderEdge(), { cursor: encodeCursor(order), node: toOrder(order, catalog) }),
  );
  return Object.assign(new OrderConnection(), {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: page.hasNextPage,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
    totalCount: page.totalCount,
  });
}
