// The customer's quote page against a stand-in for the server: what changed since the link's revision,
// net prices with their tax, and accepting (after a confirmation) or declining with a reason.
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { shallowRef } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { totals, usd } from '../components/sales/test-fixtures';
import {
  CustomerAcceptQuoteDocument,
  CustomerDeclineQuoteDocument,
  PriceMode,
  QuoteAction,
  type QuoteForCustomerQuery,
  QuoteStatus,
} from '../graphql/graphql';
import { setLocale } from '../i18n';
import CustomerQuotePage from './CustomerQuotePage.vue';

type View = NonNullable<QuoteForCustomerQuery['customerQuote']>;

function view(quote: Partial<View['quote']> = {}): View {
  return {
    linkReference: 'Q-2026-000042-R1',
    changesSinceLink: [{ text: 'Line 1 (Standing desk): quantity 1 → 2.' }],
    quote: {
      reference: 'Q-2026-000042-R2',
      status: QuoteStatus.Sent,
      validUntil: '2026-12-31',
      terms: 'Net 30 days.',
      noteToCustomer: 'Thank you for your interest.',
      shipDateWording: 'Estimated ship date if accepted today',
      allowedActions: [QuoteAction.Accept, QuoteAction.Decline],
      account: { name: 'Lakeside Design Inc.' },
      priceList: { basis: PriceMode.Net, taxRatePercent: '19' },
      lines: [
        {
          productName: 'Standing desk',
          quantity: 2,
          discountPercent: '0',
          options: [{ feature: 'Width', value: '1600 mm' }],
          unitPrice: usd('1000.00'),
          net: usd('2000.00'),
          promise: { shipDate: '2026-12-18' },
        },
      ],
      totals: totals({
        gross: usd('2000.00'),
        lineDiscounts: usd('0.00'),
        subtotal: usd('2000.00'),
        headerDiscountPercent: '0',
        headerDiscount: usd('0.00'),
        total: usd('2000.00'),
        tax: usd('380.00'),
        totalWithTax: usd('2380.00'),
        discountPercent: '0',
      }) as View['quote']['totals'],
      order: null,
      ...quote,
    },
  };
}

async function mountPage(
  reply: (doc: unknown, variables: Record<string, unknown>) => Record<string, unknown>,
) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/quotes/:token', name: 'customer-quote', component: CustomerQuotePage },
      { path: '/track/:token', name: 'track', component: { template: '<p/>' } },
      { path: '/orders/:number', name: 'order', component: { template: '<p/>' } },
    ],
  });
  let current = view();
  const mutations: { doc: unknown; variables: Record<string, unknown> }[] = [];
  const client = {
    query: vi.fn(() => ({ toPromise: () => Promise.resolve({ data: { customerQuote: current } }) })),
    mutation: vi.fn((doc: unknown, variables: Record<string, unknown>) => {
      mutations.push({ doc, variables });
      const data = reply(doc, variables);
      if (doc === CustomerAcceptQuoteDocument)
        current = view({
          status: QuoteStatus.Accepted,
          allowedActions: [],
          order: { number: 'MTO-AB12-CD34' },
        });
      if (doc === CustomerDeclineQuoteDocument)
        current = view({ status: QuoteStatus.Declined, allowedActions: [] });
      return { toPromise: () => Promise.resolve({ data }) };
    }),
  };
  await router.push('/quotes/secret-token');
  await router.isReady();
  const wrapper = mount(
    { template: '<RouterView />' },
    {
      global: {
        plugins: [
          router,
          [
            {
              install: (app: { provide: (k: string, v: unknown) => void }) =>
                app.provide('$urql', shallowRef(client)),
            },
          ],
        ],
      },
      attachTo: document.body,
    },
  );
  await flushPromises();
  return { wrapper, mutations };
}

const text = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], id: string) =>
  wrapper.get(`[data-testid="${id}"]`).text();

describe('CustomerQuotePage', () => {
  it('shows the latest revision, what changed since the link’s, and the total with tax of net prices', async () => {
    const { wrapper } = await mountPage(() => ({}));
    expect(text(wrapper, 'customer-quote-reference')).toBe('Q-2026-000042-R2');
    expect(text(wrapper, 'quote-changes')).toContain('What changed since Q-2026-000042-R1');
    expect(text(wrapper, 'quote-change')).toBe('Line 1 (Standing desk): quantity 1 → 2.');
    expect(text(wrapper, 'customer-quote-totals')).toContain('Tax (19%)$380.00');
    expect(text(wrapper, 'customer-quote-total')).toBe('$2,380.00');
    expect(text(wrapper, 'customer-line-ship-date')).toBe(
      'Estimated ship date if accepted today: Dec 18, 2026',
    );
    expect(wrapper.get('[data-testid="customer-quote-pdf"]').attributes('href')).toBe(
      '/quotes/secret-token/document.pdf',
    );
    wrapper.unmount();
  });

  it('accepts only after a confirmation, then says the order’s number and links to follow it', async () => {
    const { wrapper, mutations } = await mountPage(() => ({
      acceptQuote: { order: { number: 'MTO-AB12-CD34', trackingToken: 'track-me' } },
    }));
    await wrapper.get('[data-testid="accept-quote"]').trigger('click');
    expect(mutations).toEqual([]);
    expect(text(wrapper, 'confirm-dialog')).toContain('Accept and order for $2,380.00');
    await wrapper.get('[data-testid="confirm-yes"]').trigger('submit');
    await flushPromises();
    expect(mutations).toEqual([{ doc: CustomerAcceptQuoteDocument, variables: { token: 'secret-token' } }]);
    expect(text(wrapper, 'customer-order-number')).toBe('MTO-AB12-CD34');
    expect(wrapper.get('[data-testid="follow-order"]').attributes('href')).toBe('/track/track-me');
    expect(wrapper.find('[data-testid="accept-quote"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('declines with the reason given, and says so', async () => {
    const { wrapper, mutations } = await mountPage(() => ({ declineQuote: { status: 'DECLINED' } }));
    await wrapper.get('[data-testid="decline-quote"]').trigger('click');
    await wrapper.get('[data-testid="confirm-reason"]').setValue('  We found a cheaper desk. ');
    await wrapper.get('[data-testid="confirm-yes"]').trigger('submit');
    await flushPromises();
    expect(mutations).toEqual([
      {
        doc: CustomerDeclineQuoteDocument,
        variables: { token: 'secret-token', reason: 'We found a cheaper desk.' },
      },
    ]);
    expect(text(wrapper, 'customer-quote-declined')).toContain('You declined this quote.');
    wrapper.unmount();
  });

  it('reads in German: its words, money, percentages and days as a German reader writes them', async () => {
    setLocale('de');
    try {
      const { wrapper } = await mountPage(() => ({}));
      expect(wrapper.get('h1').text()).toBe('Angebot Q-2026-000042-R2');
      expect(text(wrapper, 'quote-status')).toBe('Offen');
      expect(text(wrapper, 'quote-changes')).toContain('Was sich seit Q-2026-000042-R1 geändert hat');
      expect(text(wrapper, 'customer-quote-totals')).toContain('Steuer (19\u00a0%)380,00\u00a0$');
      expect(text(wrapper, 'customer-quote-total')).toBe('2.380,00\u00a0$');
      expect(text(wrapper, 'customer-quote-valid-until')).toBe('31.12.2026');
      expect(text(wrapper, 'customer-line-ship-date')).toBe(
        'Geschätzter Versandtermin bei Annahme heute: 18.12.2026',
      );
      expect(text(wrapper, 'accept-quote')).toBe('Angebot annehmen');
    } finally {
      setLocale('en');
    }
  });
});
