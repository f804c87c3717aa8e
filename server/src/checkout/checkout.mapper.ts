import type { PaymentTerms } from '../engine/index.js';
import { Money } from '../graphql/common.types.js';
import { type CheckoutAddress, countryName } from './address.js';
import type { CheckoutFigures, CheckoutSummaryResult } from './checkout.service.js';
import { Address, CheckoutCharge, CheckoutSummary, PaymentTermsOption } from './checkout.types.js';

export function toPaymentTermsOption(terms: PaymentTerms): PaymentTermsOption {
  return Object.assign(new PaymentTermsOption(), {
    code: terms.code,
    label: terms.label,
    depositPercent: terms.depositPercent,
    default: terms.default,
  });
}

export function toAddress(address: CheckoutAddress): Address {
  return Object.assign(new Address(), { ...address, countryName: countryName(address.country) });
}

/** The charges of a checkout or an order, in its currency. */
export function toCharges(
  figures: Pick<CheckoutFigures, 'charges' | 'currency' | 'digits'>,
): CheckoutCharge[] {
  return figures.charges.map((charge) =>
    Object.assign(new CheckoutCharge(), {
      code: charge.code,
      kind: charge.kind,
      label: charge.label,
      amount: Money.of(charge.amountMinor, figures.currency, figures.digits),
      rate: charge.rate,
      included: charge.included,
    }),
  );
}

export function toCheckoutSummary({ figures, lines }: CheckoutSummaryResult): CheckoutSummary {
  const money = (minor: number) => Money.of(minor, figures.currency, figures.digits);
  return Object.assign(new CheckoutSummary(), {
    currency: figures.currency,
    pricesIncludeTax: figures.pricesIncludeTax,
    goods: money(figures.goodsMinor),
    charges: toCharges(figures),
    shipping: money(figures.shippingMinor),
    tax: money(figures.taxMinor),
    total: money(figures.totalMinor),
    taxNote: figures.taxNote,
    shippingZone: figures.zone?.label ?? '',
    shippingWeightKg: figures.weightKg,
    deposit: figures.depositMinor === null ? null : money(figures.depositMinor),
    paymentTerms: toPaymentTermsOption(figures.paymentTerms),
    termsVersion: figures.termsVersion,
    lines,
  });
}
