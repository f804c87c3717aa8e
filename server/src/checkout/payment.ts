/**
 * The payment seam: how an order's money would be asked for and confirmed. No card is processed here; the one
 * provider records the payment terms ("on invoice"). A card or bank provider (Stripe, Adyen, a bank's SEPA API)
 * implements PaymentProvider: `requestPayment` is called after the order's transaction commits (never inside it:
 * it calls the outside world) and answers where the customer goes to pay; the provider's webhook, received by a
 * route in server/src/http/ that checks its signature, calls `confirmPayment`. See docs/architecture.md.
 */

import type { Money } from '../engine/index.js';

/** What is asked for: an order's deposit (deposit terms) or its total. */
export interface PaymentRequest {
  orderNumber: string;
  /** `deposit` before production (deposit terms), `total` otherwise. */
  purpose: 'deposit' | 'total';
  amount: Money;
  paymentTermsCode: string;
  /** Who pays, for the provider's receipt. */
  customer: { name: string; email: string };
}

/** What the provider answered to a request. */
export type PaymentRequestResult =
  /** Nothing to do now: the customer pays by the terms (an invoice, a bank transfer). */
  | { kind: 'recorded'; reference: string; instructions: string }
  /** The customer goes to the provider's page to pay; confirmed later by webhook. */
  | { kind: 'redirect'; reference: string; url: string }
  | { kind: 'refused'; message: string };

/** A provider's webhook, verified by the route that received it. */
export interface PaymentConfirmation {
  reference: string;
  status: 'paid' | 'failed' | 'refunded';
  amount: Money;
  /** The provider's own id of the payment. */
  providerPaymentId: string;
}

export interface PaymentProvider {
  /** The provider's code, stored with each payment (`invoice`, `stripe`…). */
  readonly code: string;
  requestPayment(request: PaymentRequest): Promise<PaymentRequestResult>;
  /** A verified webhook: what the order's payment record becomes. Undefined for a provider without webhooks. */
  confirmPayment?(
    confirmation: PaymentConfirmation,
  ): Promise<{ orderNumber: string; status: PaymentConfirmation['status'] }>;
}

/** Pay on invoice (or a deposit by bank transfer): records the terms, takes no money, needs no webhook. */
export class InvoicePaymentProvider implements PaymentProvider {
  readonly code = 'invoice';

  async requestPayment(request: PaymentRequest): Promise<PaymentRequestResult> {
    const what = request.purpose === 'deposit' ? 'the deposit' : 'the invoice';
    return {
      kind: 'recorded',
      reference: `${request.orderNumber}/${request.purpose}`,
      instructions: `Pay ${what} by bank transfer, quoting ${request.orderNumber} (${request.paymentTermsCode})`,
    };
  }
}
