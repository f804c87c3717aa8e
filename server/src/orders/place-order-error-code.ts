import { registerEnumType } from 'type-graphql';

/**
 * Why no order was placed: ConfigurationRejected.code (INVALID_CONFIGURATION) or InvalidOrderInput.code
 * (the others). One enum for both, so that a client can select `code` on both members of the union.
 */
export const PlaceOrderErrorCode = {
  INVALID_CONFIGURATION: 'INVALID_CONFIGURATION',
  EMPTY_ORDER: 'EMPTY_ORDER',
  TOO_MANY_LINES: 'TOO_MANY_LINES',
  INVALID_CUSTOMER_NAME: 'INVALID_CUSTOMER_NAME',
  INVALID_EMAIL: 'INVALID_EMAIL',
  INVALID_IDEMPOTENCY_KEY: 'INVALID_IDEMPOTENCY_KEY',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  INVALID_LINE: 'INVALID_LINE',
  QUANTITY_TOO_LARGE: 'QUANTITY_TOO_LARGE',
  MIXED_CURRENCIES: 'MIXED_CURRENCIES',
  TOTAL_TOO_LARGE: 'TOTAL_TOO_LARGE',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  ACCOUNT_NOT_ALLOWED: 'ACCOUNT_NOT_ALLOWED',
  DELIVERY_ADDRESS_REQUIRED: 'DELIVERY_ADDRESS_REQUIRED',
  INVALID_ADDRESS: 'INVALID_ADDRESS',
  INVALID_VAT_ID: 'INVALID_VAT_ID',
  UNKNOWN_PAYMENT_TERMS: 'UNKNOWN_PAYMENT_TERMS',
  TERMS_NOT_ACCEPTED: 'TERMS_NOT_ACCEPTED',
  INVALID_EXPECTED_TOTAL: 'INVALID_EXPECTED_TOTAL',
  PRICE_CHANGED: 'PRICE_CHANGED',
} as const;
export type PlaceOrderErrorCode = (typeof PlaceOrderErrorCode)[keyof typeof PlaceOrderErrorCode];
/** The codes of InvalidOrderInput: input that cannot make an order, each naming its field. */
export type InvalidOrderInputCode = Exclude<PlaceOrderErrorCode, 'INVALID_CONFIGURATION'>;

registerEnumType(PlaceOrderErrorCode, {
  name: 'PlaceOrderErrorCode',
  description: 'Why no order was placed. Nothing was written.',
  valuesConfig: {
    INVALID_CONFIGURATION: {
      description:
        'ConfigurationRejected: a line’s configuration breaks a rule or leaves a required feature undecided (see its violations).',
    },
    EMPTY_ORDER: { description: 'InvalidOrderInput, as are the codes below: no line (input.lines).' },
    TOO_MANY_LINES: { description: 'More than 100 lines (input.lines); a line can have a quantity.' },
    INVALID_CUSTOMER_NAME: {
      description:
        'The name is empty (or only invisible characters), longer than 200 characters once trimmed, or has a control character (input.customer.name).',
    },
    INVALID_EMAIL: {
      description:
        'Not an e-mail address, longer than 320 characters, or with a control character (input.customer.email).',
    },
    INVALID_IDEMPOTENCY_KEY: {
      description: 'Not 1 to 200 characters, or with a control character (input.idempotencyKey).',
    },
    ACCOUNT_NOT_FOUND: { description: 'No customer account has this id (input.accountId).' },
    ACCOUNT_NOT_ALLOWED: {
      description:
        'Only sales staff place orders on a customer account’s behalf (input.accountId); a customer’s and a key’s orders are their own account’s.',
    },
    IDEMPOTENCY_KEY_REUSED: {
      description:
        'The key placed an order for a different request, or for another caller (input.idempotencyKey).',
    },
    INVALID_LINE: {
      description:
        'A line that cannot be read: unknown product or model version, unknown feature or option, a value out of range, a bad quantity (e.g. input.lines[0].productCode, input.lines[1].selections[0].value).',
    },
    QUANTITY_TOO_LARGE: {
      description:
        'A line asks for more units than its product allows on one order line (Product.maxQuantityPerLine): larger orders are quoted by a person (field input.lines[i].quantity).',
    },
    MIXED_CURRENCIES: {
      description: 'A line priced in another currency than the first (input.lines[<i>].productCode).',
    },
    DELIVERY_ADDRESS_REQUIRED: {
      description:
        'A guest’s or a customer’s order needs a delivery address (input.deliveryAddress); staff and API keys may leave it to be agreed.',
    },
    INVALID_ADDRESS: {
      description:
        'An address field is wrong for its country, or the country is not one we ship to (e.g. input.deliveryAddress.postalCode, input.billingAddress.country).',
    },
    INVALID_VAT_ID: { description: 'Not an EU VAT id of its country’s form (input.vatId).' },
    UNKNOWN_PAYMENT_TERMS: { description: 'No payment terms have this code (input.paymentTermsCode).' },
    TERMS_NOT_ACCEPTED: {
      description:
        'A guest’s or a customer’s order must accept the terms of sale in force (input.acceptedTermsVersion = termsOfSale.version).',
    },
    INVALID_EXPECTED_TOTAL: {
      description: 'Not a whole number of minor units (input.expectedTotal).',
    },
    PRICE_CHANGED: {
      description:
        'The total is no longer the one the customer saw (input.expectedTotal): the message names the new total; check the order again.',
    },
    TOTAL_TOO_LARGE: {
      description: 'The order’s total is too large to count exactly (input.lines): split the order.',
    },
  },
});
