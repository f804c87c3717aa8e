// Quote shapes for the sales components' tests, as the server answers them.
import type { ApprovalView, MoneyView, QuoteLineView, QuoteMarginView, QuoteTotalsView } from './quote-view';

export const usd = (amount: string): MoneyView => ({ amount, currency: 'USD' });

export const totals = (overrides: Partial<QuoteTotalsView> = {}): QuoteTotalsView => ({
  gross: usd('3000.00'),
  lineDiscounts: usd('150.00'),
  subtotal: usd('2850.00'),
  headerDiscountPercent: '12',
  headerDiscount: usd('342.00'),
  total: usd('2508.00'),
  tax: usd('0.00'),
  totalWithTax: usd('2508.00'),
  discountPercent: '16.4',
  ...overrides,
});

export const quoteMargin = (overrides: Partial<QuoteMarginView> = {}): QuoteMarginView => ({
  cost: usd('1650.40'),
  margin: usd('857.60'),
  marginPercent: '34.19',
  ...overrides,
});

export const approval = (overrides: Partial<ApprovalView> = {}): ApprovalView => ({
  needed: true,
  triggers: [
    {
      ruleId: 3,
      message:
        "The quote's discount of 16.4% is above the 10% of rule 'Discount above 10%', which needs a sales manager's approval.",
    },
  ],
  unchecked: [],
  ...overrides,
});

export const deskLine = (overrides: Partial<QuoteLineView> = {}): QuoteLineView => ({
  id: 7,
  productCode: 'standing-desk',
  productName: 'Standing desk',
  modelVersion: 3,
  quantity: 2,
  selections: [
    { feature: 'width_mm', value: '1600' },
    { feature: 'accessories', values: ['cable_tray', 'drawer'] },
  ],
  options: [
    { feature: 'Width', value: '1600 mm' },
    { feature: 'Accessories', value: 'Cable tray' },
    { feature: 'Accessories', value: 'Drawer' },
  ],
  unitPrice: usd('1000.00'),
  discountPercent: '5.00',
  net: usd('1900.00'),
  cost: usd('1100.20'),
  margin: usd('571.80'),
  marginPercent: '34.19',
  promise: { shipDate: '2026-12-18', bottleneck: { message: 'Assembly is booked until 2026-12-14' } },
  ...overrides,
});
