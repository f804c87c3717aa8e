import { ApiKey } from '../accounts/api-key.entity.js';
import { AuditRecord } from '../accounts/audit-record.entity.js';
import { Address, CustomerAccount } from '../accounts/customer-account.entity.js';
import { Session } from '../accounts/session.entity.js';
import { User } from '../accounts/user.entity.js';
import { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import { SavedConfiguration } from '../configurations/saved-configuration.entity.js';
import { DomainEvent } from '../events/domain-event.entity.js';
import { CapacityBooking } from '../fulfilment/capacity-booking.entity.js';
import { Holiday } from '../fulfilment/holiday.entity.js';
import { OrderEvent } from '../fulfilment/order-event.entity.js';
import { PurchaseRequisition } from '../fulfilment/purchase-requisition.entity.js';
import { QualityCheckRecord } from '../fulfilment/quality-check.entity.js';
import { WorkCentre } from '../fulfilment/work-centre.entity.js';
import { WorkCentreDay } from '../fulfilment/work-centre-day.entity.js';
import { WorkOrder } from '../fulfilment/work-order.entity.js';
import { OutgoingMail } from '../mail/outgoing-mail.entity.js';
import { Customer } from '../orders/customer.entity.js';
import { Order, OrderBomLine, OrderLine } from '../orders/order.entity.js';
import { Part } from '../parts/part.entity.js';
import { Reservation } from '../parts/reservation.entity.js';
import { StockMovement } from '../parts/stock-movement.entity.js';
import { PriceListRecord } from '../price-lists/price-list.entity.js';
import { ApprovalRuleRecord } from '../quotes/approval-rule.entity.js';
import { Quote, QuoteApproval, QuoteEvent, QuoteLine } from '../quotes/quote.entity.js';
import {
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookFanoutMark,
} from '../webhooks/webhook.entity.js';

/** Every entity, listed once: the ORM, the migrations and the tests use this list. */
export const entities = [
  CustomerAccount,
  Address,
  User,
  Session,
  ApiKey,
  AuditRecord,
  ProductModelVersion,
  Part,
  Customer,
  Order,
  OrderLine,
  OrderBomLine,
  SavedConfiguration,
  StockMovement,
  WorkCentre,
  Holiday,
  CapacityBooking,
  WorkCentreDay,
  WorkOrder,
  PurchaseRequisition,
  Reservation,
  OrderEvent,
  QualityCheckRecord,
  PriceListRecord,
  Quote,
  QuoteLine,
  QuoteEvent,
  QuoteApproval,
  ApprovalRuleRecord,
  OutgoingMail,
  DomainEvent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  WebhookFanoutMark,
];
