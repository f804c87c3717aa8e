import {
  ChargeKind,
  type CustomerOrderViewFragment,
  FeatureKind,
  OrderEventKind,
  OrderStatus,
  PriceMode,
} from '../../graphql/graphql';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

type Line = CustomerOrderViewFragment['lines'][number];
type Fulfilment = CustomerOrderViewFragment['fulfilment'];

/** A desk line as the server words it: codes in `selections`, labels in `options`. */
export function deskLine(quantity = 2, total = '2341.20'): Line {
  return {
    product: { code: 'standing-desk', name: 'Made-to-measure standing desk' },
    quantity,
    chosenFeatures: ['width_mm', 'top_material', 'top_finish'],
    selections: [
      { feature: 'width_mm', value: '1600', values: null },
      { feature: 'top_material', value: 'oak', values: null },
      { feature: 'top_finish', value: 'oil_natural', values: null },
      { feature: 'anti_collision', value: 'true', values: null },
      { feature: 'accessories', value: null, values: ['cable_tray', 'drawer'] },
    ],
    options: [
      {
        feature: 'width_mm',
        featureLabel: 'Width',
        kind: FeatureKind.Integer,
        value: '1600',
        valueLabel: '1600 mm',
        unit: 'mm',
      },
      {
        feature: 'top_material',
        featureLabel: 'Top material',
        kind: FeatureKind.Single,
        value: 'oak',
        valueLabel: 'Solid European oak, 25 mm',
        unit: null,
      },
      {
        feature: 'top_finish',
        featureLabel: 'Surface finish',
        kind: FeatureKind.Single,
        value: 'oil_natural',
        valueLabel: 'Natural hardwax oil',
        unit: null,
      },
      {
        feature: 'anti_collision',
        featureLabel: 'Anti-collision sensor',
        kind: FeatureKind.Boolean,
        value: 'true',
        valueLabel: 'Yes',
        unit: null,
      },
      {
        feature: 'accessories',
        featureLabel: 'Accessories',
        kind: FeatureKind.Multiple,
        value: 'cable_tray',
        valueLabel: 'Steel cable tray',
        unit: null,
      },
      {
        feature: 'accessories',
        featureLabel: 'Accessories',
        kind: FeatureKind.Multiple,
        value: 'drawer',
        valueLabel: 'Under-desk drawer, 450 mm',
        unit: null,
      },
    ],
    price: {
      currency: 'EUR',
      priceList: { code: 'eur-list', name: 'List prices EUR', currency: 'EUR', prices: PriceMode.Gross },
      quantity,
      lines: [
        {
          code: 'base',
          label: 'Desk frame and top',
          kind: 'base',
          unitAmount: eur(total),
          amount: eur(total),
        },
      ],
      unitPrice: eur(total),
      total: eur(total),
    },
  } as Line;
}

/** A customer's order: placed, promised for Fri 18 Dec 2026, with the customer's events. */
export function customerOrder(
  status: OrderStatus = OrderStatus.Placed,
  fulfilment: Partial<Fulfilment> = {},
  lines: Line[] = [deskLine()],
): CustomerOrderViewFragment {
  return {
    number: 'MTO-AB12-CD34',
    status,
    placedAt: '2026-12-01T09:30:00.000Z',
    total: eur('2439.20'),
    goods: eur('2341.20'),
    charges: [
      {
        code: 'shipping',
        kind: ChargeKind.Shipping,
        label: 'Shipping to Germany (120 kg)',
        amount: eur('98.00'),
        rate: null,
        included: false,
      },
      {
        code: 'tax-DE',
        kind: ChargeKind.Tax,
        label: 'VAT 19 %',
        amount: eur('389.45'),
        rate: '19',
        included: true,
      },
    ],
    taxNote: 'Prices include 19 % VAT',
    deposit: null,
    paymentTerms: { code: 'invoice-14', label: 'Pay on invoice, 14 days net', depositPercent: null },
    deliveryAddress: {
      name: 'Ada Lovelace',
      company: null,
      line1: 'Invalidenstraße 117',
      line2: null,
      postalCode: '10115',
      city: 'Berlin',
      region: null,
      country: 'DE',
      countryName: 'Germany',
      phone: '+4930123456',
    },
    billingAddress: null,
    vatId: null,
    lines,
    fulfilment: {
      promise: { shipDate: '2026-12-18' },
      expectedShipDate: '2026-12-18',
      slip: null,
      shipment: null,
      events: [
        {
          at: '2026-12-01T09:30:00.000Z',
          kind: OrderEventKind.Placed,
          fromStatus: null,
          toStatus: OrderStatus.Placed,
        },
        {
          at: '2026-12-01T09:30:00.000Z',
          kind: OrderEventKind.MaterialsPlanned,
          fromStatus: null,
          toStatus: null,
        },
      ],
      ...fulfilment,
    },
  } as CustomerOrderViewFragment;
}
